//===- LockAcquisitions.cpp -----------------------------------------------===//
#include "analysis/LockAcquisitions.h"

#include "analysis/LockModel.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/SourceText.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

std::optional<Acquisition> blockingAcquisition(const Expr *E,
                                               const Vocabulary &V) {
  if (!E)
    return std::nullopt;
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    std::optional<GuardInfo> G = guardInfo(C, V);
    if (!G || G->Mode != LockMode::Locks)
      return std::nullopt;
    return Acquisition{C, G->Mutexes, G->Shared, false};
  }
  std::optional<LockOp> Op = lockOp(E, V);
  if (!Op || Op->Kind != LockOpKind::Lock || E->IgnoreParenImpCasts() != Op->Call)
    return std::nullopt;
  return Acquisition{Op->Call, {Op->Mutex}, Op->Shared, Op->CFunction};
}

bool releasesMutex(const Expr *E, StringRef MutexKey, const VarDecl *Guard,
                   const Vocabulary &V) {
  if (std::optional<LockOp> Op = lockOp(E, V))
    return Op->Kind == LockOpKind::Unlock && Op->Key == MutexKey;
  // A guard's own unlock (unique_lock::unlock, a project guard's Unlock):
  // the methods the LockModel knows as unlocking.
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  if (!MC || !Guard || mutexDecl(MC->getImplicitObjectArgument()) != Guard)
    return false;
  std::optional<LockCallKind> K = LockModel(V).methodKind(MC->getMethodDecl());
  return K && K->Kind == LockOpKind::Unlock;
}

std::vector<CriticalSection> sectionsIn(const CompoundStmt *B,
                                        const Vocabulary &V) {
  std::vector<CriticalSection> Out;
  for (unsigned I = 0; I < B->size(); ++I)
    if (std::optional<CriticalSection> CS = sectionStartingAt(B, I, V))
      Out.push_back(*CS);
  return Out;
}

bool mayRelock(const Expr *M, const Vocabulary &V, const SourceManager &SM,
               const LangOptions &LO) {
  QualType T = M->IgnoreParenImpCasts()->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || !isMutexType(T, V)) {
    // A C mutex: only a plain static initialiser shows its kind.
    const auto *Var = dyn_cast_or_null<VarDecl>(mutexDecl(M));
    if (!Var || !Var->getInit())
      return true;
    std::string Init = sourceText(Var->getInit()->getSourceRange(), SM, LO);
    return Init != "PTHREAD_MUTEX_INITIALIZER";
  }
  const CXXRecordDecl *Primary = RD;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Primary = S->getSpecializedTemplate()->getTemplatedDecl();
  if (V.names("recursiveMutexClasses").contains(Primary) ||
      V.names("recursiveMutexClasses").contains(RD))
    return true;
  std::string Name = StringRef(RD->getName()).lower();
  return StringRef(Name).contains("recursive") ||
         StringRef(Name).contains("reentrant");
}

std::string lockKey(const Expr *M) { return mutexKey(M); }

} // namespace pitfix
