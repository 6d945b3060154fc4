//===- StopTokenAction.cpp - give an endless worker loop a way to stop -----===//
//
// Spawned work whose body is a loop that nothing inside can leave never
// ends: a joined thread hangs whoever joins it (a std::jthread's destructor
// among them), a detached one runs until the process exits. For a
// std::jthread whose lambda, written at the construction, takes no
// parameters, the fix gives the lambda a std::stop_token parameter and
// makes the loop `while (!st.stop_requested())`: the destructor's stop
// request then ends it. Other spawners are reported.
//
//===----------------------------------------------------------------------===//
#include "analysis/Blocking.h"
#include "analysis/EndlessLoops.h"
#include "analysis/FreshName.h"
#include "analysis/SourceText.h"
#include "analysis/SpawnWaits.h"
#include "analysis/SpawnedBody.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is the spawn a std::jthread construction?
bool isJthread(const SpawnInfo &S) {
  if (S.Kind != SpawnKind::ThreadConstructor)
    return false;
  const auto *C = dyn_cast<CXXConstructExpr>(S.Call);
  const CXXRecordDecl *RD = C && C->getConstructor()
                                ? C->getConstructor()->getParent()
                                : nullptr;
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "jthread";
}

/// The `stop-token` action.
class StopTokenAction : public Action {
public:
  void run(MatchContext &C) const override {
    std::optional<SpawnInfo> S = spawnInfo(C.node<Expr>("root"), C.vocab());
    if (!S)
      return;
    const FunctionDecl *Fn = enclosingFunction(S->Call, C.ast());
    if (!Fn || Fn->isTemplateInstantiation())
      return;
    std::optional<SpawnedBody> B = spawnedBody(*S);
    if (!B)
      return;
    const Stmt *Loop = endlessLoop(B->Body, C.ast(), C.vocab());
    if (!Loop || cancelledFromOutside(Loop, spawnUse(*S, C.ast()).Handle, Fn,
                                      C.ast(), C.vocab()))
      return;
    bool Jthread = isJthread(*S);
    std::string Fate =
        Jthread ? "the std::jthread's destructor waits for it forever"
        : detachedWork(*S, C.ast())
            ? "the detached work runs until the process ends"
            : "whoever joins or waits for it waits forever";
    FindingBuilder F = C.report(Loop->getBeginLoc(), {{"fate", Fate}});
    if (!Jthread) {
      F.refuse("only a std::jthread hands its work a std::stop_token; give "
               "the loop a stop condition (an atomic flag checked each "
               "iteration, or a std::jthread and its token)");
      return;
    }
    const LambdaExpr *L = B->Lambda;
    if (!L || B->Variable) {
      F.refuse("the work is not a lambda written at the construction; give "
               "it a std::stop_token parameter and check it in the loop");
      return;
    }
    if (L->getCallOperator()->getNumParams() != 0 || !S->CallableArgs.empty()) {
      F.refuse("the lambda already takes parameters; a std::stop_token "
               "would have to come first");
      return;
    }
    if (Loop != B->Body->body_back()) {
      F.refuse("statements follow the loop; they would start to run once "
               "it stops");
      return;
    }
    const auto *For = dyn_cast<ForStmt>(Loop);
    if (isa<DoStmt>(Loop) || (For && (For->getInit() || For->getInc()))) {
      F.refuse("the loop is not written `while (true)` or `for (;;)`; its "
               "exit would need a condition of its own");
      return;
    }
    if (const Expr *W = waitWithoutToken(Loop)) {
      F.note(W->getBeginLoc(), "waits here");
      F.refuse("the loop waits on a condition variable, which a stop request "
               "does not wake; a std::condition_variable_any waiting with "
               "the token is needed");
      return;
    }
    BlockingFinder BF(C.ast(), C.vocab());
    for (const BlockingCall &Call : BF.callsIn(Loop)) {
      StringRef Name = Call.Name;
      if (Name.contains("sleep"))
        continue; // a bounded wait: the loop checks the token afterwards
      F.note(Call.Call->getBeginLoc(), "blocks here");
      F.refuse("the loop blocks in '" + Name +
               "', which a stop request does not interrupt");
      return;
    }
    std::string Name =
        freshName(L->getCallOperator(), C.ast(), {"st", "stop", "token"});
    const SourceManager &SM = C.sm();
    std::string Param = "std::stop_token " + Name;
    if (L->hasExplicitParameters()) {
      auto FTL = L->getCallOperator()
                     ->getTypeSourceInfo()
                     ->getTypeLoc()
                     .getAsAdjusted<FunctionProtoTypeLoc>();
      if (!FTL) {
        F.refuse("the lambda's parameter list cannot be located");
        return;
      }
      F.replace(CharSourceRange::getCharRange(
                    endOfToken(FTL.getLParenLoc(), SM, C.lang()),
                    FTL.getRParenLoc()),
                Param);
    } else {
      F.insert(endOfToken(L->getIntroducerRange().getEnd(), SM, C.lang()),
               "(" + Param + ")");
    }
    std::string Cond = "!" + Name + ".stop_requested()";
    if (const auto *W = dyn_cast<WhileStmt>(Loop))
      F.replace(CharSourceRange::getTokenRange(W->getCond()->getSourceRange()),
                Cond);
    else
      F.replace(CharSourceRange::getTokenRange(For->getForLoc(),
                                               For->getRParenLoc()),
                "while (" + Cond + ")");
    F.addIncludes(SM.getFileID(SM.getExpansionLoc(L->getBeginLoc())),
                  {"<stop_token>"});
  }
};

} // namespace

Expected<std::unique_ptr<Action>> createStopTokenAction(const ActionOptions &) {
  return std::make_unique<StopTokenAction>();
}

} // namespace pitfix
