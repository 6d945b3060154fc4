//===- Counters.h - wait counters, as the vocabulary defines them ---------===//
//
// A wait counter counts outstanding work: a WaitGroup-like class
// (`counterClasses` with `counterAddMethods` / `counterDoneMethods`) or an
// atomic integer (`atomicCounterClasses`) that is counted up and down and
// waited on. These helpers recognise the counting operations and the waits,
// for the rules about counting in the wrong place or on the wrong path.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// Which kind of counter an operation counts on.
enum class CounterKind {
  WaitGroup, ///< a class of `counterClasses` (`wg.Add(1)`, `wg.Done()`)
  Atomic,    ///< an atomic integer (`pending.fetch_add(1)`, `++pending`)
};

/// One counting operation on a counter.
struct CounterOp {
  const clang::Expr *Op = nullptr;     ///< The call or operator expression.
  const clang::Expr *Object = nullptr; ///< The counter (or a pointer to it), implicit casts stripped.
  /// The amount and other arguments, as written (`1`, `std::memory_order_relaxed`).
  std::vector<const clang::Expr *> Operands;
  CounterKind Kind = CounterKind::WaitGroup;
};

/// The counter class of \p T (or of what \p T points to) when it is a
/// WaitGroup-like class that is not counted at construction.
bool isWaitGroupType(clang::QualType T, const Vocabulary &V);

/// True when \p T (or what it points to) is an atomic integer of
/// `atomicCounterClasses` (`std::atomic<int>`, `std::atomic_size_t`, ...).
bool isAtomicCounterType(clang::QualType T, const Vocabulary &V);

/// \p E counts a counter up: `Add` on a WaitGroup-like object, or
/// `fetch_add`, `++`, `+=` on an atomic integer.
std::optional<CounterOp> counterIncrement(const clang::Expr *E,
                                          const Vocabulary &V);

/// \p E counts a counter down: `Done` on a WaitGroup-like object, or
/// `fetch_sub`, `--`, `-=` on an atomic integer.
std::optional<CounterOp> counterDecrement(const clang::Expr *E,
                                          const Vocabulary &V);

/// A key naming the counter object that \p Object denotes within one
/// function, the same for `pending`, `*&pending` and (through a pointer p)
/// `*p` and `p->`. Empty when unknown.
std::string counterKey(const clang::Expr *Object);

/// The first decrement, in \p S, of the counter with key \p Key that starts
/// after \p After (anywhere when \p After is invalid); nullptr when there
/// is none.
const clang::Expr *findCounterDecrement(const clang::Stmt *S,
                                        llvm::StringRef Key,
                                        clang::SourceLocation After,
                                        const clang::SourceManager &SM,
                                        const Vocabulary &V);

/// A wait on the counter with key \p Key in \p S: a loop whose condition
/// reads it, a wait method called on it (`counterWaitMethods`), or a
/// condition-variable wait (`lockReleasingWaits`) whose predicate reads it.
const clang::Stmt *findCounterWait(const clang::Stmt *S, llvm::StringRef Key,
                                   const Vocabulary &V);

/// A wait on the counter \p Object (see findCounterWait) anywhere it can be
/// seen: the functions around \p Site, the methods of the class that holds a
/// counter field, or, for a global counter, every function of the
/// translation unit outside system headers.
const clang::Stmt *findCounterWaitAround(const clang::Expr *Object,
                                         const clang::Stmt *Site,
                                         clang::ASTContext &Ctx,
                                         const Vocabulary &V);

/// A decrement of the counter \p Object anywhere it can be seen (the same
/// places as findCounterWaitAround()).
const clang::Stmt *findCounterDecrementAround(const clang::Expr *Object,
                                              const clang::Stmt *Site,
                                              clang::ASTContext &Ctx,
                                              const Vocabulary &V);

} // namespace pitfix
