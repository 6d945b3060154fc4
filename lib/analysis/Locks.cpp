//===- Locks.cpp ----------------------------------------------------------===//
#include "analysis/Locks.h"

#include "analysis/AstWalk.h"
#include "analysis/LockModel.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      if (auto *CTD = dyn_cast<ClassTemplateDecl>(TD))
        return CTD->getTemplatedDecl();
  return nullptr;
}

bool isMutexType(QualType T, const Vocabulary &V, bool AllowPointer) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (AllowPointer && T->isPointerType())
    T = T->getPointeeType();
  return LockModel(V).isMutexClass(recordOf(T));
}

bool isGuardClass(const CXXRecordDecl *RD, const Vocabulary &V) {
  return LockModel(V).isGuardClass(RD);
}

static const CXXConstructExpr *findConstruct(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXConstructExpr>(E))
      return C;
    if (const auto *X = dyn_cast<ExprWithCleanups>(E))
      E = X->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

/// Is \p RD declared in `std::chrono` (through inline namespaces)?
static bool inStdChrono(const CXXRecordDecl *RD) {
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  while (NS && NS->isInline())
    NS = dyn_cast<NamespaceDecl>(NS->getDeclContext());
  return NS && NS->getIdentifier() && NS->getName() == "chrono" &&
         NS->isInStdNamespace();
}

/// `auto v = state.lock();`: a method of \p E's object that returns a lock
/// holder (LockModel::isLockHolder); the object stands for its mutex.
static std::optional<GuardInfo> holderInfo(const Expr *E, const Vocabulary &V) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(stripImplicit(E));
  if (!Call || !Call->getImplicitObjectArgument())
    return std::nullopt;
  const CXXRecordDecl *RD = Call->getType()->getAsCXXRecordDecl();
  bool Tries = false, Shared = false;
  if (!RD || !LockModel(V).isLockHolder(RD, &Tries, &Shared))
    return std::nullopt;
  GuardInfo G;
  G.Class = RD;
  G.Mode = Tries ? LockMode::Tries : LockMode::Locks;
  G.Shared = Shared;
  G.Mutexes.push_back(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return G;
}

std::optional<GuardInfo> guardInfo(const Expr *E, const Vocabulary &V) {
  const CXXConstructExpr *C = findConstruct(E);
  if (!C || !C->getConstructor())
    return holderInfo(E, V);
  const CXXRecordDecl *RD = C->getConstructor()->getParent();
  if (!isGuardClass(RD, V))
    return std::nullopt;
  GuardInfo G;
  G.Construct = C;
  G.Class = RD;
  G.Shared = LockModel(V).isSharedGuard(RD);
  for (const Expr *A : C->arguments()) {
    if (isa<CXXDefaultArgExpr>(A))
      continue;
    QualType T = A->getType();
    if (const CXXRecordDecl *AR = recordOf(T)) {
      StringRef N = AR->getName();
      if (N == "defer_lock_t") {
        G.Mode = LockMode::Defers;
        continue;
      }
      if (N == "adopt_lock_t") {
        G.Mode = LockMode::Adopts;
        continue;
      }
      // A timeout (`unique_lock(m, 10ms)`, a time point) tries until it
      // expires: a held mutex makes it fail, not wait forever.
      if (N == "try_to_lock_t" ||
          ((N == "duration" || N == "time_point") && inStdChrono(AR))) {
        G.Mode = LockMode::Tries;
        continue;
      }
    }
    if (isMutexType(T, V, /*AllowPointer=*/true))
      G.Mutexes.push_back(A->IgnoreParenImpCasts());
  }
  // A project's RAII guard over a C mutex (`thread_lock lck(mtx)` with a
  // pthread_mutex_t): the objects it is given by reference or pointer.
  if (G.Mutexes.empty() && LockModel(V).isRaiiGuard(RD)) {
    const CXXConstructorDecl *Ctor = C->getConstructor();
    for (unsigned I = 0; I < C->getNumArgs() && I < Ctor->getNumParams(); ++I) {
      QualType PT = Ctor->getParamDecl(I)->getType();
      if ((PT->isReferenceType() || PT->isPointerType()) &&
          !isa<CXXDefaultArgExpr>(C->getArg(I)))
        G.Mutexes.push_back(C->getArg(I)->IgnoreParenImpCasts());
    }
  }
  if (G.Mutexes.empty())
    return std::nullopt;
  return G;
}

const ValueDecl *mutexDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      return mutexDecl(U->getSubExpr());
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

std::string mutexKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf)
      return mutexKey(U->getSubExpr());
    if (U->getOpcode() == UO_Deref)
      return "*" + mutexKey(U->getSubExpr());
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl()->getName().str() + "#" +
           utohexstr(reinterpret_cast<uintptr_t>(D->getDecl()));
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = M->getBase()->IgnoreParenImpCasts();
    std::string B = isa<CXXThisExpr>(Base) ? "this" : mutexKey(Base);
    if (B.empty())
      return "";
    return B + "." + M->getMemberDecl()->getName().str() + "#" +
           utohexstr(reinterpret_cast<uintptr_t>(M->getMemberDecl()));
  }
  if (isa<CXXThisExpr>(E))
    return "this";
  return "";
}

} // namespace pitfix
