//===- LockAcquisitions.cpp -----------------------------------------------===//
#include "conditions/LockAcquisitions.h"

#include "analysis/AstWalk.h"
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
  if (!Op || Op->Kind != LockOpKind::Lock ||
      E->IgnoreParenImpCasts() != Op->Call)
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

/// True when some function of the unit sets a recursive kind on a mutex
/// attribute (`pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE)`) and
/// is a method of \p Class, or also initialises \p Mutex with
/// `pthread_mutex_init`: the mutex is recursive, whatever its static
/// initialiser says.
static bool setRecursive(const ValueDecl *Mutex, const CXXRecordDecl *Class,
                         ASTContext &Ctx) {
  auto Named = [](const CallExpr *C, StringRef Name) {
    const FunctionDecl *FD = C->getDirectCallee();
    return FD && FD->getIdentifier() && FD->getName() == Name;
  };
  auto Recursive = [](const Expr *Kind) {
    bool Found = false;
    forEachStmt(Kind, [&](const Stmt *S) {
      if (const auto *D = dyn_cast<DeclRefExpr>(S))
        Found |=
            StringRef(D->getDecl()->getNameAsString()).contains("RECURSIVE");
      return !Found;
    });
    return Found;
  };
  const SourceManager &SM = Ctx.getSourceManager();
  WalkOptions O;
  auto InSystemHeader = [&](const Decl *D) {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  };
  O.SkipDecl = InSystemHeader;
  return !forEachStmtInUnit(
      Ctx,
      [&](const Stmt *S) {
        const auto *C = dyn_cast<CallExpr>(S);
        if (!C || !Named(C, "pthread_mutexattr_settype") ||
            C->getNumArgs() != 2 || !Recursive(C->getArg(1)))
          return true;
        const FunctionDecl *Fn = enclosingFunction(C, Ctx);
        if (!Fn || !Fn->getBody())
          return true;
        if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn);
            Class && MD && MD->getParent() == Class)
          return false;
        // The same function initialises the mutex with that attribute.
        return forEachStmt(Fn->getBody(), [&](const Stmt *X) {
          const auto *Init = dyn_cast<CallExpr>(X);
          return !(Mutex && Init && Named(Init, "pthread_mutex_init") &&
                   Init->getNumArgs() >= 1 &&
                   mutexDecl(Init->getArg(0)) == Mutex);
        });
      },
      O);
}

bool mayRelock(const Expr *M, const Vocabulary &V, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
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
    return Init != "PTHREAD_MUTEX_INITIALIZER" ||
           setRecursive(Var, nullptr, Ctx);
  }
  const CXXRecordDecl *Primary = RD;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Primary = S->getSpecializedTemplate()->getTemplatedDecl();
  if (V.list(VocabList::RecursiveMutexClasses).contains(Primary) ||
      V.list(VocabList::RecursiveMutexClasses).contains(RD))
    return true;
  std::string Name = StringRef(RD->getName()).lower();
  if (StringRef(Name).contains("recursive") ||
      StringRef(Name).contains("reentrant"))
    return true;
  // A project mutex class over a pthread mutex made recursive in its
  // constructor.
  return !RD->isInStdNamespace() && setRecursive(nullptr, RD, Ctx);
}

std::string lockKey(const Expr *M) { return mutexKey(M); }

} // namespace pitfix
