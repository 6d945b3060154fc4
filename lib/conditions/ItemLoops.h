//===- ItemLoops.h - loops that run once per item of unbounded input
//-------===//
//
// A thread started in each iteration of a loop multiplies with the loop's
// trip count. That count is harmless when the program chooses it (a worker
// count, a constant, the machine's hardware concurrency) and a denial of
// service when the input chooses it: one iteration per accepted connection,
// per line or request read, per element of a container of input. These
// helpers find the innermost loop around a statement and say which kind of
// item drives it, or that nothing visible makes it unbounded.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <optional>
#include <string>

namespace pitfix {

/// What drives the iterations of a loop.
enum class ItemKind {
  Connection, ///< each iteration accepts a connection
  Read,       ///< each iteration reads a line, a record or a request
  Element,    ///< each iteration visits an element of a container
};

/// A loop that runs once per item of input whose count the program does
/// not bound.
struct ItemLoop {
  const clang::Stmt *Loop = nullptr;
  /// The statement that runs once per iteration.
  const clang::Stmt *Body = nullptr;
  ItemKind Kind = ItemKind::Element;
  /// The accept or read call, or the container expression.
  const clang::Stmt *Source = nullptr;
  /// How the item is named in a message: "connection that 'accept' returns",
  /// "line that 'std::getline' reads", "element of 'files'".
  std::string Item;
};

/// The innermost loop of \p S's function (not crossing a lambda) that
/// contains \p S, or nullptr.
const clang::Stmt *innermostLoop(const clang::Stmt *S, clang::ASTContext &Ctx);

/// True when the identifier \p Name reads like a number of workers
/// (`nthreads`, `num_workers`, `kJobs`, `hardware_concurrency`, ...): the
/// vocabulary's `workerCountNames`, compared ignoring case and underscores.
bool namesWorkerCount(llvm::StringRef Name, const Vocabulary &V);

/// Classifies \p Loop, which contains the statement \p At: a loop whose
/// condition (or whose body before \p At) calls one of
/// `connectionAcceptFunctions`, one whose condition reads with
/// `itemReadFunctions` or `>>` from an input stream (not a memory stream),
/// or a range-for, iterator or `size()`-bounded index loop over a container
/// whose size nothing visible bounds. Nullopt for every other loop: one
/// bounded by a count, a constant or a worker count, and loops over arrays,
/// initializer lists, containers named like workers or holding threads or
/// futures, local containers initialised with a fixed list or count that
/// nothing grows or filled only with constants, member containers their
/// class sizes by a worker count; and loops that stop once a worker count
/// is reached (`if (threads.size() >= max_threads) break;`).
std::optional<ItemLoop> itemLoop(const clang::Stmt *Loop, const clang::Stmt *At,
                                 clang::ASTContext &Ctx, const Vocabulary &V);

/// True when the iteration of \p Loop that runs \p Spawn waits for or joins
/// something outside the spawned work itself (a semaphore, a condition
/// variable, a join of earlier threads): the loop then bounds how many run
/// at once.
bool iterationWaits(const clang::Stmt *Loop, const clang::Stmt *Spawn,
                    clang::ASTContext &Ctx);

} // namespace pitfix
