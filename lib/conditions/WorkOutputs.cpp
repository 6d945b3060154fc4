//===- WorkOutputs.cpp ----------------------------------------------------===//
#include "conditions/WorkOutputs.h"

#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/Effects.h"
#include "analysis/SpawnWaits.h"
#include "analysis/SpawnedBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The variable that the argument \p A hands over by reference or pointer
/// (`std::ref(x)`, `&x`, an array), or nullptr.
const ValueDecl *handedByReference(const Expr *A) {
  A = stripImplicit(A);
  if (const auto *C = dyn_cast<CallExpr>(A)) {
    const FunctionDecl *FD = C->getDirectCallee();
    if (FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        (FD->getName() == "ref") && C->getNumArgs() == 1)
      A = stripImplicit(C->getArg(0));
    else
      return nullptr;
  } else if (const auto *U = dyn_cast<UnaryOperator>(A);
             U && U->getOpcode() == UO_AddrOf) {
    A = stripImplicit(U->getSubExpr());
  } else if (!A->getType()->isArrayType()) {
    return nullptr;
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(A))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(A))
    return M->getMemberDecl();
  return nullptr;
}

/// Is \p D a local or parameter of \p Fn (or of a lambda inside it)?
bool localTo(const ValueDecl *D, const FunctionDecl *Fn) {
  const auto *VD = dyn_cast<VarDecl>(D);
  if (!VD || !VD->isLocalVarDeclOrParm() || !Fn)
    return false;
  for (const DeclContext *DC = VD->getDeclContext(); DC; DC = DC->getParent())
    if (DC == Fn)
      return true;
  return false;
}

/// \p E's parent, with the nodes that only carry a value stepped over.
DynTypedNode carrier(const Expr *E, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*E);
  while (true) {
    DynTypedNodeList Ps = Ctx.getParents(N);
    if (Ps.empty())
      return DynTypedNode();
    N = Ps[0];
    const auto *X = N.get<Expr>();
    if (X && isa<ExprWithCleanups, MaterializeTemporaryExpr,
                 CXXBindTemporaryExpr, ImplicitCastExpr, ParenExpr>(X))
      continue;
    return N;
  }
}

/// Is the value of the call \p Call used (not a statement of its own, not
/// cast to void)?
bool resultUsed(const Expr *Call, ASTContext &Ctx) {
  if (Call->getType()->isVoidType())
    return false;
  DynTypedNode P = carrier(Call, Ctx);
  if (const auto *C = P.get<CStyleCastExpr>())
    return !C->getType()->isVoidType();
  if (P.get<Expr>() || P.get<VarDecl>() || P.get<ReturnStmt>())
    return true;
  // The condition of an if, a loop or a switch uses it; a body does not.
  if (const auto *S = P.get<Stmt>()) {
    if (isa<CompoundStmt>(S))
      return false;
    if (const auto *If = dyn_cast<IfStmt>(S))
      return stripImplicit(If->getCond()) == stripImplicit(Call);
    if (const Expr *Cond = loopCondition(S))
      return stripImplicit(Cond) == stripImplicit(Call);
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return stripImplicit(Sw->getCond()) == stripImplicit(Call);
  }
  return false;
}

/// The whole path that \p Ref starts: `r` in `r.field[2]` gives the
/// subscript.
const Expr *outermostPath(const Expr *Ref, ASTContext &Ctx) {
  const Expr *P = Ref;
  while (true) {
    const Stmt *U = valueUser(P, Ctx);
    if (const auto *M = dyn_cast_or_null<MemberExpr>(U);
        M && isa<FieldDecl>(M->getMemberDecl()) &&
        M->getBase()->IgnoreParenImpCasts() == P) {
      P = M;
      continue;
    }
    if (const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(U);
        A && A->getBase()->IgnoreParenImpCasts() == P) {
      P = A;
      continue;
    }
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U);
        Op && Op->getOperator() == OO_Subscript &&
        Op->getArg(0)->IgnoreParenImpCasts() == P) {
      P = Op;
      continue;
    }
    return P;
  }
}

/// Does the reference \p Ref read the state it names (rather than write
/// it, take its address, or hand it to a call that may write it)?
bool readsValue(const Expr *Ref, ASTContext &Ctx) {
  const Expr *P = outermostPath(Ref, Ctx);
  const Stmt *U = valueUser(P, Ctx);
  if (!U)
    return false;
  if (const auto *B = dyn_cast<BinaryOperator>(U))
    return !(B->getOpcode() == BO_Assign &&
             B->getLHS()->IgnoreParenImpCasts() == P);
  if (const auto *UO = dyn_cast<UnaryOperator>(U))
    return UO->getOpcode() != UO_AddrOf;
  if (const auto *M = dyn_cast<MemberExpr>(U)) {
    const auto *MD = dyn_cast<CXXMethodDecl>(M->getMemberDecl());
    if (!MD)
      return true;
    if (MD->isConst())
      return true;
    const auto *Call = dyn_cast_or_null<Expr>(valueUser(M, Ctx));
    return Call && resultUsed(Call, Ctx);
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(U)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(0)->IgnoreParenImpCasts() == P)
      return false;
    return true;
  }
  if (const auto *C = dyn_cast<CallExpr>(U)) {
    const FunctionDecl *FD = C->getDirectCallee();
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      if (C->getArg(I)->IgnoreParenImpCasts() != P)
        continue;
      if (!FD || I >= FD->getNumParams())
        return true; // variadic: passed by value
      QualType PT = FD->getParamDecl(I)->getType();
      if ((PT->isReferenceType() || PT->isPointerType()) &&
          !PT->getPointeeType().isConstQualified())
        return false; // handed over to be written (or to signal)
      return true;
    }
    return true;
  }
  return true;
}

/// Is \p E inside the condition of a loop (a poll that re-checks)?
bool inPollCondition(const Expr *E, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*E);
  while (true) {
    DynTypedNodeList Ps = Ctx.getParents(N);
    if (Ps.empty())
      return false;
    const DynTypedNode &P = Ps[0];
    if (const auto *S = P.get<Stmt>()) {
      if (const Expr *Cond = loopCondition(S))
        if (const auto *Here = N.get<Expr>(); Here && Here == Cond)
          return true;
      if (isa<CompoundStmt>(S) || isa<LambdaExpr>(S))
        return false;
    }
    if (P.get<Decl>() && !P.get<VarDecl>())
      return false;
    N = P;
  }
}

/// Does \p Body (or a function of the unit it calls, \p Depth levels deep)
/// accept connections?
bool acceptsConnections(const Stmt *Body, const Vocabulary &V,
                        const SourceManager &SM, unsigned Depth,
                        llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen) {
  WalkOptions O;
  O.Lambdas = false;
  return !forEachStmt(
      Body,
      [&](const Stmt *X) {
        const auto *C = dyn_cast<CallExpr>(X);
        const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
        if (!FD)
          return true;
        if (V.list(VocabList::ConnectionAcceptFunctions).contains(FD) ||
            (FD->getIdentifier() && FD->getName() == "listen"))
          return false;
        const FunctionDecl *Def = analysableBody(FD, SM);
        return !(Def && Depth > 0 && Seen.insert(Def).second &&
                 acceptsConnections(Def->getBody(), V, SM, Depth - 1, Seen));
      },
      O);
}

} // namespace

const Expr *firstServerUse(const SpawnInfo &S, SourceLocation From,
                           SourceLocation To, const Stmt *Scope,
                           ASTContext &Ctx, const Vocabulary &V) {
  std::optional<SpawnedBody> B = spawnedBody(S);
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
  if (!B || !B->Body || !acceptsConnections(B->Body, V, SM, 4, Seen))
    return nullptr;
  BlockingFinder Blocking(Ctx, V);
  // Work started after the sleep runs now too: a client thread's connect.
  auto NotSpawned = [&](const Stmt *X) {
    const auto *L = dyn_cast<LambdaExpr>(X);
    return L && !spawnRunning(L, Ctx, V);
  };
  WalkOptions O;
  O.Skip = NotSpawned;
  const Expr *Found = nullptr;
  forEachStmt(
      Scope,
      [&](const Stmt *X) {
        const auto *C = dyn_cast<CallExpr>(X);
        if (!C || !SM.isBeforeInTranslationUnit(From, C->getBeginLoc()) ||
            (To.isValid() &&
             !SM.isBeforeInTranslationUnit(C->getBeginLoc(), To)))
          return true;
        if (resultUsed(C, Ctx) && Blocking.blocking(C)) {
          Found = C;
          return false;
        }
        return true;
      },
      O);
  return Found;
}

std::optional<DeclSet> writtenByWork(const SpawnInfo &S, ASTContext &Ctx,
                                     const Vocabulary &V) {
  DeclSet Out;
  bool Known = false;
  for (const Expr *A : S.CallableArgs)
    if (const ValueDecl *D = handedByReference(A)) {
      Out.insert(D);
      Known = true;
    }
  std::optional<SpawnedBody> B = spawnedBody(S);
  if (B && B->Body) {
    Known = true;
    Effects E = effectsOf(B->Body, Ctx, V);
    for (const auto &[D, A] : E.Vars)
      if ((A.Kind & AK_Write) && !localTo(D, B->Function))
        Out.insert(D);
  }
  if (!Known)
    return std::nullopt;
  return Out;
}

const Expr *firstReadOf(const DeclSet &Decls, SourceLocation From,
                        SourceLocation To, const Stmt *Scope, ASTContext &Ctx,
                        const Vocabulary &V) {
  if (Decls.empty() || !Scope)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  auto InWindow = [&](SourceLocation L) {
    return SM.isBeforeInTranslationUnit(From, L) &&
           (To.isInvalid() || SM.isBeforeInTranslationUnit(L, To));
  };
  WalkOptions O;
  O.Lambdas = false;
  auto Outside = [&](const Stmt *X) {
    SourceRange R = X->getSourceRange();
    return R.isValid() &&
           (!SM.isBeforeInTranslationUnit(From, R.getEnd()) ||
            (To.isValid() && !SM.isBeforeInTranslationUnit(R.getBegin(), To)));
  };
  O.Skip = Outside;
  const Expr *Found = nullptr;
  forEachStmt(
      Scope,
      [&](const Stmt *X) {
        const auto *E = dyn_cast<Expr>(X);
        if (!E || !InWindow(E->getBeginLoc()))
          return true;
        const ValueDecl *D = nullptr;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
          D = DRE->getDecl();
        else if (const auto *ME = dyn_cast<MemberExpr>(E))
          D = ME->getMemberDecl();
        if (D && Decls.contains(D) && readsValue(E, Ctx) &&
            !inPollCondition(E, Ctx)) {
          Found = E;
          return false;
        }
        // A function of this unit that reads it for the caller.
        if (const auto *C = dyn_cast<CallExpr>(E); C && resultUsed(C, Ctx))
          if (const FunctionDecl *Def =
                  analysableBody(C->getDirectCallee(), SM)) {
            Effects Eff = effectsOf(Def->getBody(), Ctx, V);
            for (const auto &[VD, A] : Eff.Vars)
              if ((A.Kind & AK_Read) && isSharedStorage(VD) &&
                  Decls.contains(VD) && !inPollCondition(C, Ctx)) {
                Found = C;
                return false;
              }
          }
        return true;
      },
      O);
  return Found;
}

bool callWaitsInside(const CallExpr *C, ASTContext &Ctx) {
  const FunctionDecl *Def =
      analysableBody(C->getDirectCallee(), Ctx.getSourceManager());
  return Def && firstWaitAfter(SourceLocation(), Def->getBody(), Ctx);
}

} // namespace pitfix
