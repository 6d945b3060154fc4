//===- Spawns.h - work started on another thread, as the vocabulary says --===//
#pragma once

#include "analysis/AstWalk.h"
#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <optional>
#include <vector>

namespace pitfix {

/// How a spawning expression starts its work.
enum class SpawnKind {
  ThreadConstructor, ///< `std::thread t(f, ...)`, `std::jthread{...}`
  ThreadContainer,   ///< `threads.emplace_back(f, ...)` on a container of threads
  Function,          ///< `std::async(f)`, `boost::asio::post(ex, f)`
  PoolMethod,        ///< `pool.submit(f)` on a pool/executor class
};

/// One expression that starts work on another thread (a spawner of the
/// vocabulary) and the work it starts.
struct SpawnInfo {
  const clang::Expr *Call = nullptr; ///< The construct or call expression.
  SpawnKind Kind = SpawnKind::ThreadConstructor;
  /// The work as written, with implicit conversions (and a conversion to
  /// std::function) stripped.
  const clang::Expr *Callable = nullptr;
  /// The work, when it is a lambda written in place.
  const clang::LambdaExpr *Lambda = nullptr;
  /// Arguments that the spawner hands to the work (`std::thread t(f, a, b)`:
  /// a and b).
  std::vector<const clang::Expr *> CallableArgs;
  /// The spawner carries the work's exceptions to a future (std::async, a
  /// pool method that returns a future), so they do not end the process.
  bool CarriesExceptions = false;
  /// The work is never joined or waited on (a detaching pool method).
  bool FireAndForget = false;
  /// The executor runs its work one item at a time on one thread (an event
  /// loop's runInLoop, a strand, a serial executor: the vocabulary's
  /// `serialExecutorMethods` and `serialExecutorClasses`): the executor
  /// object as written, else nullptr.
  const clang::Expr *SerialExecutor = nullptr;
  /// A C thread start (`threadStartingFunctions` among `spawnFunctions`:
  /// `pthread_create(&tid, attr, routine, arg)`, `thrd_create`): the
  /// variable its first argument points to, which receives the handle that
  /// `pthread_join`/`pthread_detach` (`thrd_join`/`thrd_detach`) take.
  const clang::VarDecl *HandleOut = nullptr;
};

/// Describes \p E when it is a spawning expression of the vocabulary:
/// a constructor of `spawnClasses` (not a move), a `threadContainerMethods`
/// call on a container of threads, a call to one of `spawnFunctions`, or a
/// `poolMethods` call on a `poolClasses` object.
std::optional<SpawnInfo> spawnInfo(const clang::Expr *E, const Vocabulary &V);

/// In a template's pattern, a thread constructed with arguments that depend
/// on the template's parameters (`new std::thread(std::bind(&X<T>::run,
/// this))`, `std::thread t(f, arg)`), which spawnInfo cannot resolve: the
/// expression that starts the thread, or null. \p S is an expression or a
/// declaration statement.
const clang::Expr *dependentSpawn(const clang::Stmt *S, const Vocabulary &V);

/// The spawn that runs \p L as its work: \p L is (possibly through implicit
/// nodes or a std::function conversion) the callable argument of a spawning
/// expression.
std::optional<SpawnInfo> spawnRunning(const clang::LambdaExpr *L,
                                      clang::ASTContext &Ctx,
                                      const Vocabulary &V);

} // namespace pitfix
