//===- UnreadFuture.cpp - a std::async future nobody reads ----------------===//
//
// The future that std::async returns waits for the work in its destructor.
// Discarded at once, it makes the "background" call run synchronously, and
// the work's exception is lost; kept in a variable that nothing ever reads
// or waits on, the exception stored in it is never seen. Both are reported:
// the fix (keep the future and read it, or run the work on a thread of its
// own) depends on what the caller meant.
//
//===----------------------------------------------------------------------===//
#include "conditions/PitfallConditions.h"
#include "analysis/AstWalk.h"
#include "analysis/MayThrow.h"
#include "analysis/SpawnWaits.h"
#include "analysis/SpawnedBody.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Does \p Body use the future variable \p V in a way that reads, waits on
/// or hands on the future (anything but `valid()`)?
bool futureRead(const Stmt *Body, const VarDecl *V, ASTContext &Ctx) {
  return !forEachStmt(Body, [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    if (!DRE || DRE->getDecl() != V)
      return true;
    DynTypedNodeList P = Ctx.getParents(*DRE);
    const Expr *Up = P.empty() ? nullptr : P[0].get<Expr>();
    while (Up && isa<ImplicitCastExpr, ParenExpr>(Up)) {
      P = Ctx.getParents(*Up);
      Up = P.empty() ? nullptr : P[0].get<Expr>();
    }
    const auto *ME = dyn_cast_or_null<MemberExpr>(Up);
    const auto *MD = ME ? dyn_cast<CXXMethodDecl>(ME->getMemberDecl()) : nullptr;
    return MD && MD->getIdentifier() && MD->getName() == "valid";
  });
}

/// Is the first argument of the call `std::launch::deferred`?
bool isDeferred(const CallExpr *Call) {
  if (Call->getNumArgs() == 0)
    return false;
  const auto *DRE = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *EC = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return EC && EC->getName() == "deferred";
}

/// Is \p E's value thrown away: a statement of its own, or cast to void?
bool castToVoid(const Expr *E, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 8; ++Depth) {
    DynTypedNodeList P = Ctx.getParents(N);
    if (P.empty())
      return false;
    const auto *X = P[0].get<Expr>();
    if (!X)
      return false;
    if (const auto *C = dyn_cast<ExplicitCastExpr>(X))
      return C->getTypeAsWritten()->isVoidType();
    if (!isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ImplicitCastExpr, ParenExpr>(X))
      return false;
    N = P[0];
  }
  return false;
}

/// The `future-unread` condition.
class UnreadFuture {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const auto *Call = N.get<CallExpr>();
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Call->getType()->isVoidType())
      return false;
    const FunctionDecl *Fn = enclosingFunction(Call, C.ast());
    if (!Fn || Fn->isTemplateInstantiation())
      return false;
    std::string Spawner = Callee->getQualifiedNameAsString();
    SpawnInfo S;
    S.Call = Call;
    SpawnUse U = spawnUse(S, C.ast());
    if (U.Discarded || castToVoid(Call, C.ast())) {
      bool Deferred = isDeferred(Call);
      Out.At = Call->getBeginLoc();
      Out.Fills = {{"future", "the future that '" + Spawner + "' returns"},
                   {"what", Deferred
                                ? "is discarded: deferred work whose future "
                                  "is discarded never runs"
                                : "is discarded: its destructor waits for "
                                  "the work here, so the call runs "
                                  "synchronously and its exception is lost"}};
      Out.Notes.push_back(
          {Call->getBeginLoc(),
           Deferred ? "keep the future and call get() where the result is "
                      "needed"
                    : "keep the future and call get() where the result is "
                      "needed, or run the work on a thread of its own"});
      return true;
    }
    const VarDecl *V = U.Handle;
    if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
        V->getInit() == nullptr || !V->getIdentifier())
      return false;
    // Only a future initialised by this call, that nothing reads.
    if (futureRead(Fn->getBody(), V, C.ast()))
      return false;
    // "Its exception is never read" needs an exception the work may throw.
    std::optional<SpawnInfo> Work = spawnInfo(Call, C.vocab());
    std::optional<SpawnedBody> B = Work ? spawnedBody(*Work) : std::nullopt;
    if (!B)
      return false;
    ThrowAnalysis TA(C.ast(), C.vocab());
    std::optional<ThrowSite> T = TA.firstThrow(B->Body);
    if (!T)
      return false;
    Out.At = V->getLocation();
    Out.Fills = {
        {"future", "the future '" + V->getNameAsString() + "'"},
        {"what", "is never waited on or read: its exception is never read"}};
    Out.Notes.push_back({T->Where->getBeginLoc(),
                         T->Why + ": the exception is stored in '" +
                             V->getName().str() + "' and lost"});
    return true;
  }
};

} // namespace

bool futureUnread(const DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out) {
  return UnreadFuture::holds(N, C, Out);
}

} // namespace pitfix
