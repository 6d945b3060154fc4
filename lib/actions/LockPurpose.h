//===- LockPurpose.h - what a critical section is for
//----------------------===//
//
// A lock held over input/output is the pitfall only when it also guards
// state that other threads wait for. A mutex that exists to serialise
// output to a stream, a socket or a log (every one of its critical sections
// is writing it, perhaps with locals around it), or a section
// that keeps a dying thread's report together before the process ends,
// holds the lock over I/O on purpose.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Blocking.h"
#include "analysis/CriticalSections.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace pitfix {

/// Shared state that needs no lock: thread-local variables, the
/// vocabulary's `threadSafeObjects` and objects of `threadSafeClasses`.
bool needsNoLock(const clang::ValueDecl *D, const Vocabulary &V);

/// Every statement of \p CS does input/output (blocking calls or ordered
/// output) or touches nothing shared but the mutex and the guard. With
/// \p OutputOnly, the input/output must be output that a mutex may
/// serialise (writes and flushes to a stream, file, socket or log:
/// `serialisedOutputFunctions`, output file streams, ordered console
/// output); a sleep, read, receive or connect is not.
bool sectionIsOnlyIo(const CriticalSection &CS, clang::ASTContext &Ctx,
                     const Vocabulary &V, bool OutputOnly = false);

/// Every critical section of the translation unit on one of \p Mutexes is
/// only output (sectionIsOnlyIo with OutputOnly): the mutex serialises the
/// output and guards no other state.
bool mutexGuardsOnlyIo(const std::vector<const clang::ValueDecl *> &Mutexes,
                       clang::ASTContext &Ctx, const Vocabulary &V);

/// Is the blocking call \p B, made in \p CS, output (a write or send that a
/// mutex may serialise) whose target, a descriptor or handle held in shared
/// state and passed down through the parameters of the functions on the way
/// (`notify(interruptSockWriter_)` reaching `send(fd, ...)`), is assigned in
/// a critical section on the same mutex (a close() that resets it)? The
/// lock then guards the target itself: released over the output, the
/// descriptor could be closed, and its number reused, while it is written.
bool outputTargetIsGuarded(const BlockingCall &B, const CriticalSection &CS,
                           clang::ASTContext &Ctx, const Vocabulary &V);

/// \p CS does nothing but block: each of its statements is a blocking call
/// (a sleep, a read, a call that blocks) whose result nothing keeps, wakes
/// the waiters of a condition variable, or starts work (a thread that runs
/// while the lock is held). Holding the lock over the call
/// is then the section's point (a regression test, a deliberate delay);
/// moving the call out leaves an empty section, a different program.
bool sectionOnlyBlocks(const CriticalSection &CS, clang::ASTContext &Ctx,
                       const Vocabulary &V);

/// A statement that ends the process: a call to a [[noreturn]] function
/// (abort, exit, std::terminate, a project's fatal()), or `assert(false)`.
bool endsProcess(const clang::Stmt *S, clang::ASTContext &Ctx);

/// Does the process end on the way from \p Inner (inside \p Outer, which is
/// statement \p Index of \p CS) to the end of the section: a statement
/// after it, in one of the blocks between, that ends the process?
bool pathEndsProcess(const clang::Stmt *Inner, const CriticalSection &CS,
                     unsigned Index, clang::ASTContext &Ctx);

} // namespace pitfix
