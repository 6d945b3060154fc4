//===- ThreadPerInputItem.cpp - a new thread for each item of input -------===//
//
// A thread started for each connection accepted, each line read or each
// element of a container of input lets the input choose how many threads
// run at once: enough connections or lines exhaust memory, thread ids or the
// scheduler (a denial of service), and even a modest count spends more time
// creating threads than working. The items belong on a pool, or on a fixed
// number of workers that take them from a queue; which one fits is a design
// choice, so a rule reports it, never rewrites it.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/SpawnWaits.h"
#include "analysis/Spawns.h"
#include "analysis/ThreadJoins.h"
#include "conditions/ItemLoops.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/ExprCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is the first argument of \p Call the launch policy `std::launch::async`
/// alone (the other policies may run the work on the caller's thread)?
bool launchesAsync(const CallExpr *Call) {
  if (!Call || Call->getNumArgs() == 0)
    return false;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *EC = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return EC && EC->getName() == "async";
}

/// The `thread-per-input-item` condition.
class ThreadPerInputItem {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const auto *Root = N.get<Expr>();
    if (!Root)
      return false;
    const FunctionDecl *Fn = enclosingFunction(Root, C.ast());
    if (!Fn || Fn->isTemplateInstantiation())
      return false;
    std::optional<SpawnInfo> S = spawnInfo(Root, C.vocab());
    std::string What;
    if (S) {
      if (!startsThread(*S, C))
        return false;
      const auto *Call = dyn_cast<CallExpr>(S->Call);
      if (S->Kind == SpawnKind::Function && Call &&
          C.vocab()
              .list(VocabList::ThreadStartingFunctions)
              .contains(Call->getDirectCallee()))
        What = "a new thread ('" +
               Call->getDirectCallee()->getNameAsString() + "')";
      else
        What = S->Kind == SpawnKind::Function
                   ? "a new thread (std::async with std::launch::async)"
                   : "a new thread";
    } else if (const auto *Call = dyn_cast<CallExpr>(Root);
               Call && Call->getDirectCallee() &&
               C.vocab()
                   .list(VocabList::ThreadStartingFunctions)
                   .contains(Call->getDirectCallee())) {
      What = "a new thread ('" + Call->getDirectCallee()->getNameAsString() +
             "')";
    } else {
      return false;
    }
    const Stmt *Loop = innermostLoop(Root, C.ast());
    if (!Loop)
      return false;
    std::optional<ItemLoop> L = itemLoop(Loop, Root, C.ast(), C.vocab());
    if (!L)
      return false;
    // One thread at a time (joined, or waited on, in the same iteration),
    // or an iteration that waits for a slot: the loop bounds them.
    if (S && waitedWithin(*S, L->Body, C.ast()))
      return false;
    if (iterationWaits(Loop, Root, C.ast()))
      return false;
    Out.Fills = {{"what", What}, {"item", L->Item}};
    Out.Notes.push_back({L->Source->getBeginLoc(), noteFor(*L)});
    Out.Notes.push_back(
        {Loop->getBeginLoc(),
         "run the items on a thread pool, or on a fixed number of workers "
         "(std::thread::hardware_concurrency()) that take them from a "
         "queue"});
    return true;
  }

private:
  /// Does the spawn \p S create a thread of its own (not a pool task)?
  static bool startsThread(const SpawnInfo &S, MatchContext &C) {
    switch (S.Kind) {
    case SpawnKind::ThreadConstructor:
      return true;
    case SpawnKind::ThreadContainer: {
      // `v.push_back(std::thread(...))`: the thread's own construction is
      // the spawn reported.
      const auto *Call = dyn_cast<CXXMemberCallExpr>(S.Call);
      return !(Call && Call->getNumArgs() == 1 &&
               spawnValue(Call->getArg(0), C.vocab()));
    }
    case SpawnKind::Function: {
      const auto *Call = dyn_cast<CallExpr>(S.Call);
      if (!Call || !Call->getDirectCallee())
        return false;
      if (S.HandleOut || C.vocab()
                             .list(VocabList::ThreadStartingFunctions)
                             .contains(Call->getDirectCallee()))
        return true; // pthread_create
      return C.vocab()
                 .list(VocabList::BlockingFutureSpawners)
                 .contains(Call->getDirectCallee()) &&
             launchesAsync(Call);
    }
    case SpawnKind::PoolMethod:
      return false;
    }
    return false;
  }

  static std::string noteFor(const ItemLoop &L) {
    switch (L.Kind) {
    case ItemKind::Connection:
      return "each iteration accepts a connection: the clients decide how "
             "many threads run";
    case ItemKind::Read:
      return "each iteration reads another item: the input decides how many "
             "threads run";
    case ItemKind::Element:
      return "the loop visits every " + L.Item +
             ", whose size nothing here bounds";
    }
    return {};
  }
};

} // namespace

bool threadPerInputItem(const DynTypedNode &N, MatchContext &C,
                        ConditionOutput &Out) {
  return ThreadPerInputItem::holds(N, C, Out);
}

} // namespace pitfix
