//===- SharedAccess.cpp ---------------------------------------------------===//
#include "analysis/SharedAccess.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool isThreadSafeType(QualType T, const Vocabulary &V) {
  T = T.getNonReferenceType();
  while (const clang::ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (T->isAtomicType())
    return true;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (V.list(VocabList::ThreadSafeClasses).contains(RD) || isMutexType(T, V))
    return true;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return V.list(VocabList::ThreadSafeClasses)
        .contains(S->getSpecializedTemplate());
  return false;
}

/// Does calling \p M on an object change it, as far as the sharing rules
/// are concerned?
static bool modifies(const CXXMethodDecl *M, const Vocabulary &V) {
  if (!M || M->isConst() || M->isStatic())
    return false;
  const CXXRecordDecl *RD = M->getParent();
  if (!RD || !RD->isInStdNamespace())
    // Project classes: the method's own body says what it touches.
    return false;
  if (M->getIdentifier())
    return V.list(VocabList::ContainerWriteMethods).contains(M);
  if (M->isOverloadedOperator()) {
    OverloadedOperatorKind K = M->getOverloadedOperator();
    if (K == OO_Subscript)
      return V.list(VocabList::InsertingSubscriptClasses).contains(RD) ||
             (isa<ClassTemplateSpecializationDecl>(RD) &&
              V.list(VocabList::InsertingSubscriptClasses)
                  .contains(cast<ClassTemplateSpecializationDecl>(RD)
                                ->getSpecializedTemplate()));
    return K == OO_Equal || K == OO_PlusEqual || K == OO_MinusEqual ||
           K == OO_PlusPlus || K == OO_MinusMinus;
  }
  return false;
}

bool describeAccess(const Expr *Ref, ASTContext &Ctx, const Vocabulary &V,
                    Access &Out) {
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Ref))
    D = dyn_cast<VarDecl>(DRE->getDecl());
  else if (const auto *ME = dyn_cast<MemberExpr>(Ref))
    D = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!D)
    return false;
  const Stmt *U = valueUser(Ref, Ctx);
  // `a` in `a.b`: the path is described at `a.b`.
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(U);
      ME && !ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()) &&
      ME->getBase()->IgnoreParenImpCasts() == Ref)
    return false;
  Out = Access{};
  Out.Ref = Ref;
  Out.Decl = D;
  Out.User = Ref;
  Out.Use = AccessUse::Read;
  if (!U)
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(U)) {
    if (UO->isIncrementDecrementOp()) {
      Out.Use = AccessUse::ScalarWrite;
      Out.User = UO;
    } else if (UO->getOpcode() == UO_AddrOf) {
      Out.Use = AccessUse::AddressTaken;
      Out.User = UO;
    }
    return true;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(U)) {
    if (BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Ref) {
      Out.Use = AccessUse::ScalarWrite;
      Out.User = BO;
    }
    return true;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(U)) {
    // The callee's MemberExpr sits between: look at the call that owns it.
    (void)MC;
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(U)) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl())) {
      const Stmt *Call = valueUser(ME, Ctx);
      if (modifies(M, V)) {
        Out.Use = AccessUse::ObjectWrite;
        Out.User = dyn_cast_or_null<Expr>(Call);
        if (!Out.User)
          Out.User = ME;
      }
    }
    return true;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(U)) {
    if (OC->getNumArgs() >= 1 && OC->getArg(0)->IgnoreParenImpCasts() == Ref)
      if (modifies(dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()), V)) {
        Out.Use = AccessUse::ObjectWrite;
        Out.User = OC;
      }
    return true;
  }
  return true;
}

} // namespace pitfix
