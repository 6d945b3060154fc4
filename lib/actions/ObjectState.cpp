//===- ObjectState.cpp ----------------------------------------------------===//
#include "actions/ObjectState.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The references to one variable below a statement, in source order.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  explicit UseFinder(const VarDecl *Obj) : Obj(Obj) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() == Obj)
      Uses.push_back(E);
    return true;
  }
  const VarDecl *Obj;
  std::vector<const DeclRefExpr *> Uses;
};

/// The parent of \p S that is not a parenthesis or an implicit node.
const Stmt *consumer(const Stmt *S, ASTContext &Ctx, const Stmt *&Child) {
  Child = S;
  for (;;) {
    DynTypedNodeList Ps = Ctx.getParents(*Child);
    if (Ps.empty())
      return nullptr;
    const Stmt *P = Ps[0].get<Stmt>();
    if (!P)
      return nullptr;
    if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, ExprWithCleanups>(P)) {
      Child = P;
      continue;
    }
    return P;
  }
}

bool insideLambda(const Stmt *S, ASTContext &Ctx,
                  ArrayRef<const Stmt *> Roots) {
  for (const Stmt *Cur = S;;) {
    DynTypedNodeList Ps = Ctx.getParents(*Cur);
    if (Ps.empty())
      return false;
    if (Ps[0].get<LambdaExpr>())
      return true;
    const Stmt *P = Ps[0].get<Stmt>();
    if (!P || is_contained(Roots, Cur))
      return false;
    Cur = P;
  }
}

std::string calleeName(const CallExpr *C) {
  if (const FunctionDecl *F = C->getDirectCallee())
    return F->getQualifiedNameAsString();
  return "a call";
}

bool isStdMoveOrForward(const CallExpr *C) {
  const FunctionDecl *F = C->getDirectCallee();
  return F && F->isInStdNamespace() && F->getIdentifier() &&
         (F->getName() == "move" || F->getName() == "forward");
}

/// A condition-variable wait: it unlocks and locks again before it returns.
bool isConditionWait(const FunctionDecl *F) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(F);
  if (!M || !M->getIdentifier() || !M->getName().starts_with("wait"))
    return false;
  const CXXRecordDecl *RD = M->getParent();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "condition_variable" ||
          RD->getName() == "condition_variable_any");
}

/// The parameter that argument \p Arg of \p Call binds, or null.
const ParmVarDecl *parameterFor(const CallExpr *Call, const Stmt *Arg) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F)
    return nullptr;
  unsigned Shift =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(F) ? 1 : 0;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I)->IgnoreParenImpCasts() ==
            cast<Expr>(Arg)->IgnoreParenImpCasts() &&
        I >= Shift && I - Shift < F->getNumParams())
      return F->getParamDecl(I - Shift);
  return nullptr;
}

bool isConstReference(QualType T) {
  return T->isLValueReferenceType() && T->getPointeeType().isConstQualified();
}

/// Why the use \p Use of \p Name may change its object, or "" when it keeps
/// it as it is.
std::string classify(const DeclRefExpr *Use, StringRef Name, ASTContext &Ctx,
                     ArrayRef<const Stmt *> Roots) {
  std::string Q = "'" + Name.str() + "'";
  if (insideLambda(Use, Ctx, Roots))
    return Q + " is used by a lambda here, which may change it";
  const Stmt *Child;
  const Stmt *P = consumer(Use, Ctx, Child);
  if (!P) {
    // The initializer of a variable: a reference to it is another name
    // through which it may change.
    DynTypedNodeList Ps = Ctx.getParents(*Child);
    const auto *VD = Ps.empty() ? nullptr : Ps[0].get<VarDecl>();
    if (VD && VD->getType()->isReferenceType() &&
        !isConstReference(VD->getType()))
      return "another name refers to " + Q + " here ('" +
             VD->getNameAsString() + "')";
    return "";
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    bool IsObject =
        Op->getNumArgs() > 0 && Op->getArg(0)->IgnoreParenImpCasts() ==
                                    cast<Expr>(Child)->IgnoreParenImpCasts();
    if (IsObject && M && M->isConst())
      return "";
    if (IsObject || !M)
      return Q + " is assigned or operated on here";
  }
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    const Stmt *Call;
    const Stmt *CP = consumer(ME, Ctx, Call);
    const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(CP);
    const auto *M = MC ? MC->getMethodDecl() : nullptr;
    if (M && M->isConst())
      return "";
    std::string Member = ME->getMemberDecl()->getNameAsString();
    return MC ? "'" + Name.str() + "." + Member + "()' is called here"
              : Q + "'s member '" + Member + "' is used here";
  }
  if (const auto *Call = dyn_cast<CallExpr>(P)) {
    if (isStdMoveOrForward(Call)) {
      const Stmt *Outer;
      const Stmt *OP = consumer(Call, Ctx, Outer);
      // A parameter taken by value is constructed from the moved object.
      if (isa_and_nonnull<CXXConstructExpr>(OP))
        OP = consumer(OP, Ctx, Outer);
      std::string Into;
      if (const auto *OC = dyn_cast_or_null<CallExpr>(OP))
        Into = " (into '" + calleeName(OC) + "')";
      return Q + " is moved from here" + Into;
    }
    if (isConditionWait(Call->getDirectCallee()))
      return "";
    if (const ParmVarDecl *PD = parameterFor(Call, Child)) {
      QualType T = PD->getType();
      if (isConstReference(T) ||
          (!T->isReferenceType() && !T->isPointerType() &&
           cast<Expr>(Child)->getType().isTrivialType(Ctx)))
        return "";
      return Q + " is passed to '" + calleeName(Call) +
             "' here, which may change it";
    }
    return Q + " is passed to '" + calleeName(Call) +
           "' here, which may change it";
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs() && Ctor; ++I)
      if (CE->getArg(I)->IgnoreParenImpCasts() ==
              cast<Expr>(Child)->IgnoreParenImpCasts() &&
          I < Ctor->getNumParams() &&
          isConstReference(Ctor->getParamDecl(I)->getType()))
        return "";
    return Q + " is handed to a constructor here, which may change it";
  }
  if (const auto *U = dyn_cast<UnaryOperator>(P))
    if (U->getOpcode() == UO_AddrOf)
      return "the address of " + Q + " is taken here";
  if (isa<BinaryOperator>(P))
    return Q + " is assigned or operated on here";
  return Q + " is used here in a way pitfix does not follow";
}

} // namespace

std::optional<StateChange> firstStateChange(const VarDecl *Obj,
                                            ArrayRef<const Stmt *> Stmts,
                                            ASTContext &Ctx) {
  if (!Obj)
    return std::nullopt;
  std::string Name = Obj->getNameAsString();
  for (const Stmt *S : Stmts) {
    if (!S)
      continue;
    UseFinder F(Obj);
    F.TraverseStmt(const_cast<Stmt *>(S));
    for (const DeclRefExpr *U : F.Uses) {
      std::string Why = classify(U, Name, Ctx, Stmts);
      if (!Why.empty())
        return StateChange{U->getBeginLoc(), Why};
    }
  }
  return std::nullopt;
}

} // namespace pitfix
