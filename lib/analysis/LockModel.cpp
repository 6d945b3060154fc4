//===- LockModel.cpp ------------------------------------------------------===//
#include "analysis/LockModel.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Expr.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

LockModel::LockModel(const Vocabulary &V)
    : V(V), Lock(V.list(VocabList::MutexLockMethods)),
      Unlock(V.list(VocabList::MutexUnlockMethods)),
      SharedLock(V.list(VocabList::MutexSharedLockMethods)),
      SharedUnlock(V.list(VocabList::MutexSharedUnlockMethods)),
      TryLock(V.list(VocabList::MutexTryLockMethods)),
      LockFns(V.list(VocabList::LockFunctions)),
      UnlockFns(V.list(VocabList::UnlockFunctions)),
      TryLockFns(V.list(VocabList::TryLockFunctions)),
      SharedFns(V.list(VocabList::SharedLockFunctions)),
      Mutexes(V.list(VocabList::MutexClasses)),
      Guards(V.list(VocabList::GuardClasses)),
      GuardPatterns(V.list(VocabList::GuardClassPatterns)),
      SharedGuards(V.list(VocabList::SharedGuardClasses)) {}

std::optional<LockCallKind>
LockModel::methodKind(const CXXMethodDecl *MD) const {
  if (!MD || !MD->getIdentifier())
    return std::nullopt;
  if (Lock.contains(MD))
    return LockCallKind{LockOpKind::Lock, false};
  if (Unlock.contains(MD))
    return LockCallKind{LockOpKind::Unlock, false};
  if (SharedLock.contains(MD))
    return LockCallKind{LockOpKind::Lock, true};
  if (SharedUnlock.contains(MD))
    return LockCallKind{LockOpKind::Unlock, true};
  if (TryLock.contains(MD))
    return LockCallKind{LockOpKind::TryLock,
                        MD->getName().contains("shared") ||
                            MD->getName().starts_with("Reader")};
  return std::nullopt;
}

std::optional<LockCallKind>
LockModel::functionKind(const FunctionDecl *FD) const {
  if (!FD || isa<CXXMethodDecl>(FD) || FD->getNumParams() < 1)
    return std::nullopt;
  bool Shared = SharedFns.contains(FD);
  if (LockFns.contains(FD))
    return LockCallKind{LockOpKind::Lock, Shared};
  if (UnlockFns.contains(FD))
    return LockCallKind{LockOpKind::Unlock, Shared};
  if (TryLockFns.contains(FD))
    return LockCallKind{LockOpKind::TryLock, Shared};
  return std::nullopt;
}

bool LockModel::trySucceedsOnZero(const CallExpr *Call) {
  return !isa<CXXMemberCallExpr>(Call);
}

/// The class template behind a specialization: vocabulary entries name
/// templates without their arguments.
static const CXXRecordDecl *primary(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    return S->getSpecializedTemplate()->getTemplatedDecl();
  return RD;
}

bool LockModel::hasMethodIn(const CXXRecordDecl *RD, const NameList &L) const {
  if (!RD || !RD->hasDefinition())
    return false;
  auto Scan = [&](const CXXRecordDecl *C) {
    for (const Decl *D : C->decls()) {
      const NamedDecl *ND = dyn_cast<NamedDecl>(D);
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
        ND = FT->getTemplatedDecl();
      if (ND && isa<CXXMethodDecl>(ND) && ND->getIdentifier() && L.contains(ND))
        return true;
    }
    return false;
  };
  const CXXRecordDecl *Def = RD->getDefinition();
  if (Scan(Def))
    return true;
  bool Found = false;
  Def->forallBases([&](const CXXRecordDecl *B) {
    Found = Found || Scan(B);
    return true;
  });
  return Found;
}

bool LockModel::isMutexClass(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  if (Mutexes.contains(RD) || Mutexes.contains(primary(RD)))
    return true;
  return (hasMethodIn(RD, Lock) && hasMethodIn(RD, Unlock)) ||
         (hasMethodIn(RD, SharedLock) && hasMethodIn(RD, SharedUnlock));
}

/// Does \p S call a lock function or method of kind \p Kind (a lock or a
/// try-lock for LockOpKind::Lock), lambdas included?
bool LockModel::callsLockOp(const Stmt *S, LockOpKind Kind) const {
  if (!S)
    return false;
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    std::optional<LockCallKind> K;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
      K = methodKind(MC->getMethodDecl());
    else
      K = functionKind(C->getDirectCallee());
    if (K && (K->Kind == Kind ||
              (Kind == LockOpKind::Lock && K->Kind == LockOpKind::TryLock)))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (callsLockOp(Child, Kind))
      return true;
  return false;
}

bool LockModel::isRaiiGuard(const CXXRecordDecl *RD) const {
  if (!RD || !RD->hasDefinition() || RD->isLambda() || RD->isUnion())
    return false;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionDecl *DtorDef = nullptr;
  if (!Dtor || !Dtor->hasBody(DtorDef) || !DtorDef ||
      !callsLockOp(DtorDef->getBody(), LockOpKind::Unlock) ||
      callsLockOp(DtorDef->getBody(), LockOpKind::Lock))
    return false;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (Ctor->isCopyOrMoveConstructor() || !Ctor->hasBody(Def) || !Def)
      continue;
    bool TakesObject = false;
    for (const ParmVarDecl *P : Ctor->parameters())
      TakesObject |= P->getType()->isReferenceType() ||
                     P->getType()->isPointerType();
    // The constructor leaves the mutex locked: a class that locks and
    // unlocks in its constructor (a pool setting up) is no guard.
    if (TakesObject && callsLockOp(Def->getBody(), LockOpKind::Lock) &&
        !callsLockOp(Def->getBody(), LockOpKind::Unlock))
      return true;
  }
  return false;
}

bool LockModel::isLockHolder(const CXXRecordDecl *RD, bool *Tries,
                             bool *Shared) const {
  if (!RD || !RD->hasDefinition() || RD->isLambda() || RD->isUnion() ||
      isGuardClass(RD))
    return false;
  for (const FieldDecl *F : RD->fields()) {
    const CXXRecordDecl *FR = F->getType()->getAsCXXRecordDecl();
    if (!FR || FR == RD || !isGuardClass(FR))
      continue;
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (Ctor->isCopyOrMoveConstructor() || !Ctor->hasBody(Def) || !Def)
        continue;
      for (const CXXCtorInitializer *Init :
           cast<CXXConstructorDecl>(Def)->inits()) {
        if (Init->getMember() != F || !Init->getInit())
          continue;
        const auto *C =
            dyn_cast<CXXConstructExpr>(Init->getInit()->IgnoreImplicit());
        if (!C || C->getNumArgs() == 0)
          continue;
        const auto *Ref =
            dyn_cast<DeclRefExpr>(C->getArg(0)->IgnoreParenImpCasts());
        if (!Ref || !isa<ParmVarDecl>(Ref->getDecl()))
          continue;
        bool Try = false;
        for (const Expr *A : C->arguments())
          if (const CXXRecordDecl *AR = A->getType()->getAsCXXRecordDecl())
            Try |= AR->getName() == "try_to_lock_t" ||
                   AR->getName() == "defer_lock_t";
        if (Tries)
          *Tries = Try;
        if (Shared)
          *Shared = isSharedGuard(FR);
        return true;
      }
    }
  }
  return false;
}

bool LockModel::isGuardClass(const CXXRecordDecl *RD) const {
  RD = primary(RD);
  return RD && (Guards.contains(RD) || GuardPatterns.contains(RD) ||
                isRaiiGuard(RD));
}

bool LockModel::isListedGuard(const CXXRecordDecl *RD) const {
  RD = primary(RD);
  return RD && Guards.contains(RD);
}

bool LockModel::isSharedGuard(const CXXRecordDecl *RD) const {
  RD = primary(RD);
  return RD && SharedGuards.contains(RD);
}

} // namespace pitfix
