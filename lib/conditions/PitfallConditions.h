//===- PitfallConditions.h - conditions that decide a pitfall -------------===//
//
// Conditions that decide a whole pitfall, not one fact about a node: a rule
// that lists one under `where:` and states no fix is a report rule with the
// analysis' judgement, its placeholders and its notes. Each lives in a file
// of its own in lib/conditions and is a row of conditionTable().
//
//===----------------------------------------------------------------------===//
#pragma once

#include "engine/Action.h"

namespace pitfix {

/// `thread-per-input-item`: a spawn that starts a thread of its own in
/// each iteration of a loop over input items (ThreadPerInputItem.cpp).
bool threadPerInputItem(const clang::DynTypedNode &N, MatchContext &C,
                        ConditionOutput &Out);

/// `future-unread`: the future of a std::async-like call is discarded, or
/// kept where nothing reads it while the work may throw (UnreadFuture.cpp).
bool futureUnread(const clang::DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out);

/// `completed-before`: a one-shot completion that an earlier completion of
/// the same object reaches on a path (CompletedBefore.cpp).
bool completedBefore(const clang::DynTypedNode &N, MatchContext &C,
                     ConditionOutput &Out);

/// `mixed-with-plain-access`: the variable an atomic operation works on is
/// also accessed plainly while threads run (MixedAtomicAccess.cpp).
bool mixedWithPlainAccess(const clang::DynTypedNode &N, MatchContext &C,
                          ConditionOutput &Out);

/// `unnamed-guard`: a lock guard that is never named, a temporary or a
/// declaration that hides the mutex; binds `guard_type` (UnnamedGuard.cpp).
bool unnamedGuard(const clang::DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out);

/// `sleep-as-wait`: a sleep after starting work that stands in for waiting
/// for it; binds the `detach` a join in place of the sleep removes and
/// fills {thread}, or refuses that fix (SleepAsWait.cpp).
bool sleepAsWait(const clang::DynTypedNode &N, MatchContext &C,
                 ConditionOutput &Out);

/// `left-joinable`: a std::thread (a local, an array, a container, a
/// member) that a path leaves joinable; binds `thread_type` and fills
/// {jthread} where a std::jthread fits, or refuses the fix (LeftJoinable.cpp).
bool leftJoinable(const clang::DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out);

/// `relocks-held-mutex`: the critical section that the statement begins
/// locks its mutex again, directly or through calls (RelocksHeldMutex.cpp).
bool relocksHeldMutex(const clang::DynTypedNode &N, MatchContext &C,
                      ConditionOutput &Out);

/// `reversible-lock-order`: a block's guards on several mutexes, in an
/// order another thread can reverse; binds `first_guard` and
/// `later_guards` and fills {lock_args} for one std::scoped_lock, or
/// refuses that fix (ReversibleLockOrder.cpp).
bool reversibleLockOrder(const clang::DynTypedNode &N, MatchContext &C,
                         ConditionOutput &Out);

/// `completion-skipped`: spawned work whose trailing completion signal an
/// early return or an exception skips; binds `first_statement`,
/// `trailing_signal` and `signals_before_return` for a scope guard fix, or
/// refuses it (CompletionSkipped.cpp).
bool completionSkipped(const clang::DynTypedNode &N, MatchContext &C,
                       ConditionOutput &Out);

/// `shared-volatile`: a volatile variable (or a plain bool stop flag) that
/// threads use to communicate; binds it as `var` (SharedVolatile.cpp).
bool sharedVolatile(const clang::DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out);

/// `endless-work`: spawned work whose body is a loop nothing inside can
/// leave; binds the places `parameters` and `loop_head` for a stop-token
/// fix, or refuses it (EndlessWork.cpp).
bool endlessWork(const clang::DynTypedNode &N, MatchContext &C,
                 ConditionOutput &Out);

/// `inconsistently-locked`: a public method that touches without the lock
/// a member its class writes with its own mutex held elsewhere; binds
/// `unguarded` and fills the guard's spelling, or refuses the fix
/// (InconsistentLocking.cpp, on ClassLocking.h).
bool inconsistentlyLocked(const clang::DynTypedNode &N, MatchContext &C,
                          ConditionOutput &Out);

} // namespace pitfix
