//===- ZeroTimeouts.cpp ---------------------------------------------------===//
#include "analysis/ZeroTimeouts.h"

#include "analysis/AstWalk.h"

#include "clang/AST/ExprCXX.h"

#include <optional>

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The variable \p E names, looking through parentheses and casts.
static const VarDecl *namedVar(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// The variable an assignment or increment writes: `v = ...`, `v.f = ...`.
static const VarDecl *writtenVar(const Expr *LHS) {
  LHS = LHS->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MemberExpr>(LHS))
    LHS = M->getBase()->IgnoreParenImpCasts();
  return namedVar(LHS);
}

/// The writes to one variable in the function that declares it: the
/// right-hand sides of its assignments, and whether anything else may change
/// it (an increment, a compound assignment, its address handed to anything
/// but a wait on file descriptors).
struct Writes {
  std::vector<const Expr *> Assigned;
  bool Other = false;
};

/// The writes to \p VD in its function, or nullopt when it has no body to
/// look at (a global, a parameter of a declaration).
static std::optional<Writes> writesTo(const VarDecl *VD, const NameList *Polls) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!Fn || !Fn->getBody() || VD->isStaticLocal())
    return std::nullopt;
  Writes W;
  forEachStmt(Fn->getBody(), [&](const Stmt *S) {
    if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->isAssignmentOp() && writtenVar(B->getLHS()) == VD) {
        if (B->getOpcode() == BO_Assign)
          W.Assigned.push_back(B->getRHS());
        else
          W.Other = true;
      }
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp() && writtenVar(U->getSubExpr()) == VD)
        W.Other = true;
    } else if (const auto *C = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = C->getDirectCallee();
      bool Poll = FD && Polls && Polls->contains(FD);
      for (const Expr *A : C->arguments()) {
        const auto *U = dyn_cast<UnaryOperator>(A->IgnoreParenImpCasts());
        if (U && U->getOpcode() == UO_AddrOf &&
            namedVar(U->getSubExpr()) == VD && !Poll)
          W.Other = true;
      }
    }
    return true;
  });
  return W;
}

static bool isZeroInit(const Expr *Init, const ZeroVars &Zero,
                       ASTContext &Ctx);

/// A variable that is zero where it is read: known zero, or a local whose
/// initialiser is zero and that nothing changes afterwards.
static bool isZeroVar(const VarDecl *VD, const ZeroVars &Zero,
                      ASTContext &Ctx) {
  std::optional<Writes> W = writesTo(VD, nullptr);
  if (!W || W->Other || !W->Assigned.empty())
    return false;
  if (Zero.count(VD))
    return true;
  return !isa<ParmVarDecl>(VD) && VD->getInit() &&
         isZeroInit(VD->getInit(), Zero, Ctx);
}

bool isZeroUnder(const Expr *E, const ZeroVars &Zero, ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isValueDependent())
    return false;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt() == 0;
  if (const VarDecl *VD = namedVar(E))
    return isZeroVar(VD, Zero, Ctx);
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B)
    return false;
  bool L = isZeroUnder(B->getLHS(), Zero, Ctx);
  bool Rz = isZeroUnder(B->getRHS(), Zero, Ctx);
  switch (B->getOpcode()) {
  case BO_Add:
  case BO_Sub:
  case BO_Or:
  case BO_Xor:
    return L && Rz;
  case BO_Mul:
  case BO_And:
    return L || Rz;
  case BO_Div:
  case BO_Rem:
  case BO_Shl:
  case BO_Shr:
    return L;
  default:
    return false;
  }
}

/// An initializer of all zeros: `{}`, `{0, 0}`, `{0}`, or an expression that
/// is zero.
static bool isZeroInit(const Expr *Init, const ZeroVars &Zero,
                       ASTContext &Ctx) {
  Init = Init->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    for (const Expr *E : IL->inits())
      if (!isa<ImplicitValueInitExpr>(E) && !isZeroInit(E, Zero, Ctx))
        return false;
    return true;
  }
  if (isa<ImplicitValueInitExpr>(Init))
    return true;
  if (const auto *C = dyn_cast<CXXConstructExpr>(Init))
    return C->getNumArgs() == 0;
  return isZeroUnder(Init, Zero, Ctx);
}

/// `&tv` where the local `tv` (a timeval or timespec) is zero wherever it
/// is set in its function: zero-initialized or not initialised, every
/// assignment to it or to a field of it zero, and its address handed only to
/// waits on file descriptors.
static bool pointsToZeroTime(const Expr *Arg, const NameList &Polls,
                             const ZeroVars &Zero, ASTContext &Ctx) {
  const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!U || U->getOpcode() != UO_AddrOf)
    return false;
  const VarDecl *VD = namedVar(U->getSubExpr());
  if (!VD || !VD->isLocalVarDecl())
    return false;
  if (VD->getInit() && !isZeroInit(VD->getInit(), Zero, Ctx))
    return false;
  std::optional<Writes> W = writesTo(VD, &Polls);
  if (!W || W->Other)
    return false;
  for (const Expr *RHS : W->Assigned)
    if (!isZeroUnder(RHS, Zero, Ctx))
      return false;
  return true;
}

bool pollsWithoutWaiting(const CallExpr *Call, const FunctionDecl *FD,
                         const Vocabulary &V, const ZeroVars &Zero) {
  const NameList &Polls = V.list(VocabList::PollFunctions);
  if (!Polls.contains(FD))
    return false;
  ASTContext &Ctx = FD->getASTContext();
  // The timeout is the timeval/timespec pointer argument, or else the last
  // signed int argument.
  std::optional<unsigned> Timeout;
  for (unsigned I = 0; I < FD->getNumParams() && I < Call->getNumArgs(); ++I) {
    QualType T = FD->getParamDecl(I)->getType();
    if (T->isPointerType()) {
      const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
      if (RD && RD->getIdentifier() &&
          (RD->getName() == "timeval" || RD->getName() == "timespec")) {
        Timeout = I;
        break;
      }
    } else if (T->isIntegerType() && !T->isUnsignedIntegerType()) {
      Timeout = I;
    }
  }
  if (!Timeout)
    return false;
  const Expr *Arg = Call->getArg(*Timeout);
  if (Arg->getType()->isPointerType())
    return pointsToZeroTime(Arg, Polls, Zero, Ctx);
  return isZeroUnder(Arg, Zero, Ctx);
}

ZeroVars zeroParameters(const CallExpr *Call, const FunctionDecl *Callee,
                        const ZeroVars &Zero) {
  ZeroVars Out = Zero;
  ASTContext &Ctx = Callee->getASTContext();
  // A member operator call (a lambda's `fn()`) has the object as argument 0.
  unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    if (I + Shift >= Call->getNumArgs())
      break;
    const Expr *A = Call->getArg(I + Shift);
    if (A->getType()->isIntegerType() && isZeroUnder(A, Zero, Ctx))
      Out.insert(Callee->getParamDecl(I));
  }
  return Out;
}

} // namespace pitfix
