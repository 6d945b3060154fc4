//===- EndlessWork.cpp - spawned work that loops forever
//--------------------===//
//
// Spawned work whose body is a loop that nothing inside can leave never
// ends: a joined thread hangs whoever joins it (a std::jthread's destructor
// among them), a detached one runs until the process exits. The condition
// `endless-work` decides that for a spawn. For a std::jthread whose lambda,
// written at the construction, takes no parameters, it binds the places a
// stop-token fix edits: the lambda's parameter list (`parameters`: its
// `()`, or an empty place after the captures) and the loop's head
// (`loop_head`: `while (true)` or `for (;;)`). Otherwise it refuses the
// fix with the reason.
//
//===----------------------------------------------------------------------===//
#include "analysis/Blocking.h"
#include "analysis/EndlessLoops.h"
#include "analysis/SourceText.h"
#include "analysis/SpawnWaits.h"
#include "analysis/SpawnedBody.h"
#include "conditions/PitfallConditions.h"
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
  const CXXRecordDecl *RD =
      C && C->getConstructor() ? C->getConstructor()->getParent() : nullptr;
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "jthread";
}

/// Why the loop cannot stop on a std::stop_token that the work takes as a
/// parameter, or "".
std::string whyNoToken(MatchContext &C, const SpawnInfo &S,
                       const SpawnedBody &B, const Stmt *Loop, bool Jthread,
                       ConditionOutput &Out) {
  if (!Jthread)
    return "only a std::jthread hands its work a std::stop_token; give the "
           "loop a stop condition (an atomic flag checked each iteration, or "
           "a std::jthread and its token)";
  const LambdaExpr *L = B.Lambda;
  if (!L || B.Variable)
    return "the work is not a lambda written at the construction; give it a "
           "std::stop_token parameter and check it in the loop";
  if (L->getCallOperator()->getNumParams() != 0 || !S.CallableArgs.empty())
    return "the lambda already takes parameters; a std::stop_token would "
           "have to come first";
  if (Loop != B.Body->body_back())
    return "statements follow the loop; they would start to run once it "
           "stops";
  const auto *For = dyn_cast<ForStmt>(Loop);
  if (isa<DoStmt>(Loop) || (For && (For->getInit() || For->getInc())))
    return "the loop is not written `while (true)` or `for (;;)`; its exit "
           "would need a condition of its own";
  if (const Expr *W = waitWithoutToken(Loop)) {
    Out.Notes.push_back({W->getBeginLoc(), "waits here"});
    return "the loop waits on a condition variable, which a stop request "
           "does not wake; a std::condition_variable_any waiting with the "
           "token is needed";
  }
  BlockingFinder BF(C.ast(), C.vocab());
  for (const BlockingCall &Call : BF.callsIn(Loop)) {
    StringRef Name = Call.Name;
    if (Name.contains("sleep"))
      continue; // a bounded wait: the loop checks the token afterwards
    Out.Notes.push_back({Call.Call->getBeginLoc(), "blocks here"});
    return "the loop blocks in '" + Name.str() +
           "', which a stop request does not interrupt";
  }
  return "";
}

} // namespace

bool endlessWork(const DynTypedNode &N, MatchContext &C, ConditionOutput &Out) {
  std::optional<SpawnInfo> S = spawnInfo(N.get<Expr>(), C.vocab());
  if (!S)
    return false;
  const FunctionDecl *Fn = enclosingFunction(S->Call, C.ast());
  if (!Fn || Fn->isTemplateInstantiation())
    return false;
  std::optional<SpawnedBody> B = spawnedBody(*S);
  if (!B)
    return false;
  const Stmt *Loop = endlessLoop(B->Body, C.ast(), C.vocab());
  if (!Loop || cancelledFromOutside(Loop, spawnUse(*S, C.ast()).Handle, Fn,
                                    C.ast(), C.vocab()))
    return false;
  bool Jthread = isJthread(*S);
  Out.At = Loop->getBeginLoc();
  Out.Fills = {
      {"fate", Jthread ? "the std::jthread's destructor waits for it forever"
               : detachedWork(*S, C.ast())
                   ? "the detached work runs until the process ends"
                   : "whoever joins or waits for it waits forever"}};
  Out.Refusal = whyNoToken(C, *S, *B, Loop, Jthread, Out);
  if (!Out.Refusal.empty())
    return true;
  const LambdaExpr *L = B->Lambda;
  const SourceManager &SM = C.sm();
  if (L->hasExplicitParameters()) {
    auto FTL = L->getCallOperator()
                   ->getTypeSourceInfo()
                   ->getTypeLoc()
                   .getAsAdjusted<FunctionProtoTypeLoc>();
    if (!FTL) {
      Out.Refusal = "the lambda's parameter list cannot be located";
      return true;
    }
    Out.Places["parameters"] = CharSourceRange::getCharRange(
        FTL.getLParenLoc(), endOfToken(FTL.getRParenLoc(), SM, C.lang()));
  } else {
    SourceLocation After =
        endOfToken(L->getIntroducerRange().getEnd(), SM, C.lang());
    Out.Places["parameters"] = CharSourceRange::getCharRange(After, After);
  }
  SourceLocation HeadEnd = isa<WhileStmt>(Loop)
                               ? cast<WhileStmt>(Loop)->getRParenLoc()
                               : cast<ForStmt>(Loop)->getRParenLoc();
  Out.Places["loop_head"] = CharSourceRange::getCharRange(
      Loop->getBeginLoc(), endOfToken(HeadEnd, SM, C.lang()));
  return true;
}

} // namespace pitfix
