//===- JthreadFit.cpp -----------------------------------------------------===//
#include "conditions/JthreadFit.h"

#include "analysis/AstWalk.h"
#include "analysis/RefCaptures.h"
#include "analysis/ThreadJoins.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool callsWorkTheSame(const SpawnInfo &S) {
  const FunctionDecl *Fn = nullptr;
  if (S.Lambda) {
    if (S.Lambda->isGenericLambda())
      return false;
    Fn = S.Lambda->getCallOperator();
  } else {
    const Expr *C = S.Callable->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(C);
        U && U->getOpcode() == UO_AddrOf)
      C = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
      Fn = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (Fn && isa<CXXMethodDecl>(Fn))
      return false;
  }
  return Fn && !Fn->isVariadic() &&
         Fn->getNumParams() == S.CallableArgs.size() &&
         Fn->getMinRequiredArguments() == Fn->getNumParams();
}

const VarDecl *referenceDeclaredAfter(const SpawnInfo &S, const VarDecl *Handle,
                                      const SourceManager &SM) {
  for (const RefPath &P : referencePaths(S))
    if (P.Var && P.Var->getDeclContext() == Handle->getDeclContext() &&
        SM.isBeforeInTranslationUnit(Handle->getLocation(),
                                     P.Var->getLocation()))
      return P.Var;
  return nullptr;
}

namespace {

/// Is \p E only joined or queried (`e.join()`, `e.joinable()`, ...)?
bool onlyJoinedOrQueried(const Expr *E, ASTContext &Ctx) {
  const auto *ME = valueUserNode(E, Ctx).get<MemberExpr>();
  const auto *MD = ME ? dyn_cast<CXXMethodDecl>(ME->getMemberDecl()) : nullptr;
  return MD && MD->getIdentifier() &&
         StringSwitch<bool>(MD->getName())
             .Cases("join", "joinable", "get_id", "native_handle", true)
             .Default(false);
}

/// Checks each use of a container of threads.
class ContainerUses {
public:
  ContainerUses(const VarDecl *V, ASTContext &Ctx, const Vocabulary &Vocab)
      : V(V), Ctx(Ctx), Vocab(Vocab) {}

  /// Checks the use \p DRE of the container; false once one does not fit.
  bool check(const DeclRefExpr *DRE) {
    Use = DRE;
    DynTypedNode U = valueUserNode(DRE, Ctx);
    if (const auto *ME = U.get<MemberExpr>())
      method(ME);
    else if (const auto *Op = U.get<CXXOperatorCallExpr>();
             Op && Op->getOperator() == OO_Subscript) {
      if (!onlyJoinedOrQueried(Op, Ctx))
        Why = other();
    } else if (const auto *Range = U.get<VarDecl>();
               Range && Range->isImplicit())
      rangeFor(Range);
    else
      Why = other();
    return !Why;
  }

  Refusal Why;

private:
  Refusal other() const {
    return Refusal("'" + V->getName() +
                       "' is used other than through size queries, "
                       "emplace_back and loops that join its threads; a "
                       "container of std::jthread may not fit those uses",
                   Use->getLocation(), "'" + V->getName() + "' is used here");
  }

  void method(const MemberExpr *ME) {
    const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    StringRef Name = MD && MD->getIdentifier() ? MD->getName() : "";
    if (StringSwitch<bool>(Name)
            .Cases("size", "empty", "reserve", "capacity", "max_size", true)
            .Default(false))
      return;
    const auto *Call = valueUserNode(ME, Ctx).get<CXXMemberCallExpr>();
    std::optional<SpawnInfo> S =
        Name == "emplace_back" && Call ? spawnInfo(Call, Vocab) : std::nullopt;
    if (!S) {
      Why = other();
      return;
    }
    if (!callsWorkTheSame(*S)) {
      Why = Refusal("the work may accept a std::stop_token first, which a "
                    "std::jthread would pass to it");
      return;
    }
    if (const VarDecl *Later =
            referenceDeclaredAfter(*S, V, Ctx.getSourceManager()))
      Why = Refusal("the work uses '" + Later->getName() +
                    "' by reference, which is declared after '" + V->getName() +
                    "' and so destroyed before a std::jthread would join");
  }

  /// `for (auto &t : threads)`: the implicit range variable of the loop.
  void rangeFor(const VarDecl *Range) {
    const CXXForRangeStmt *For = nullptr;
    for (DynTypedNode N = DynTypedNode::create(*Range);;) {
      DynTypedNodeList P = Ctx.getParents(N);
      if (P.empty())
        break;
      if ((For = P[0].get<CXXForRangeStmt>()))
        break;
      if (!P[0].get<DeclStmt>())
        break;
      N = P[0];
    }
    const VarDecl *Loop = For ? For->getLoopVariable() : nullptr;
    if (!Loop || !Loop->getType()->getContainedAutoType() ||
        !Loop->getType()->isLValueReferenceType() ||
        !usedOnlyAsJoinableHandle(Loop, Ctx))
      Why = other();
  }

  const VarDecl *V;
  ASTContext &Ctx;
  const Vocabulary &Vocab;
  const DeclRefExpr *Use = nullptr; ///< The use being checked.
};

} // namespace

Refusal containerJthreadMisfit(const VarDecl *V, ASTContext &Ctx,
                               const Vocabulary &Vocab) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody())
    return Refusal("the function's body is not visible");
  ContainerUses U(V, Ctx, Vocab);
  forEachStmt(Fn->getBody(), [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    return !DRE || DRE->getDecl() != V || U.check(DRE);
  });
  return U.Why;
}

} // namespace pitfix
