//===- ThreadJoins.h - paths on which a thread handle stays joinable ------===//
//
// A std::thread whose destructor runs while it is joinable calls
// std::terminate, and so does a move assignment over a joinable thread.
// These helpers follow the control-flow graph of the function that owns a
// thread variable (or of a destructor, for a thread member) and find the
// first path on which the handle may still be joinable where that happens:
// an early return, a break, the end of the scope, an exception from a call
// that may throw, or an assignment of a new thread.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <optional>
#include <string>

namespace pitfix {

/// How a joinable handle meets its end.
enum class JoinableEndKind {
  Return,      ///< a return statement leaves the scope
  LoopExit,    ///< a break, continue or goto leaves the scope
  ScopeEnd,    ///< control reaches the end of the scope
  Exception,   ///< a call that may throw leaves the scope
  Reassigned,  ///< a new thread is move-assigned over it
};

/// The first place where a thread handle ends (or is overwritten) while it
/// may be joinable.
struct JoinableEnd {
  JoinableEndKind Kind = JoinableEndKind::ScopeEnd;
  /// The return, break, assignment or throwing call; for ScopeEnd, the
  /// location of the closing brace.
  clang::SourceLocation Loc;
  /// For Exception: why the call may throw (MayThrow's wording).
  std::string Why;
  /// True when no path joins or detaches the handle at all.
  bool NeverFinished = false;
};

/// The first path on which the local thread variable \p V (of a class of
/// `terminatingThreadClasses`) reaches its destructor, or is assigned a new
/// thread, while it may still be joinable. The handle becomes joinable when
/// initialised or assigned with a spawn; `join()`, `detach()`, a move out,
/// and any use pitfix cannot follow (a reference taken, an argument to a
/// function) end that; `if (t.joinable())` is followed on both branches.
/// Nullopt when every path joins or detaches it, or the function's
/// control-flow graph cannot be built.
std::optional<JoinableEnd> joinableEndOfLocal(const clang::VarDecl *V,
                                              clang::ASTContext &Ctx,
                                              const Vocabulary &Vocab);

/// True when \p T is a class of `terminatingThreadClasses` (or a reference
/// to one).
bool isThreadType(clang::QualType T, const Vocabulary &V);

/// True when \p T is a std::vector, std::deque or std::list of a class of
/// `terminatingThreadClasses`.
bool isThreadContainer(clang::QualType T, const Vocabulary &V);

/// The first path on which the local container of threads \p V reaches its
/// destructor while it may hold a joinable thread: one emplaced or pushed
/// into it (`emplace_back(work)`, `push_back(std::move(t))`) and not yet
/// joined. Any use but those and size queries (a range-for that joins, a
/// subscript, a clear, a reference handed on) ends the search on that path.
/// Nullopt when no path leaves it holding joinable threads.
std::optional<JoinableEnd> joinableEndOfContainer(const clang::VarDecl *V,
                                                  clang::ASTContext &Ctx,
                                                  const Vocabulary &Vocab);

/// True when \p T is an array of a class of `terminatingThreadClasses`: a
/// C array of constant size or a std::array.
bool isThreadArray(clang::QualType T, const Vocabulary &V,
                   clang::ASTContext &Ctx);

/// The first path on which the local array of threads \p V reaches its
/// destructor while it may hold a joinable thread: one assigned to an
/// element (`t[i] = std::thread(work)`) or given by its initializer, and
/// not yet joined. Queries of an element or of the size keep following;
/// any other use (a range-for that joins, a loop over every element that
/// joins, an element joined, the array handed on) ends the search on that
/// path. Nullopt when no path leaves it holding joinable threads.
std::optional<JoinableEnd> joinableEndOfArray(const clang::VarDecl *V,
                                              clang::ASTContext &Ctx,
                                              const Vocabulary &Vocab);

/// For a local array of threads (`std::thread workers[4];`, a std::array):
/// the first assignment of a spawn to one of its elements (`workers[i] =
/// std::thread(work)`), when that is all the function does with the array:
/// no element is ever joined, detached, moved or handed on (any other use
/// of the array, such as a loop that joins, counts as doing so). Nullptr
/// otherwise.
const clang::Expr *neverJoinedArraySpawn(const clang::VarDecl *V,
                                         clang::ASTContext &Ctx,
                                         const Vocabulary &Vocab);

/// The first path of the destructor \p Dtor on which the member \p Field
/// (a thread) may still be joinable when the destructor ends. Calls of
/// other member functions of the class that join, detach or move the member
/// count as doing so. Nullopt when every path does.
std::optional<JoinableEnd> joinableEndOfMember(const clang::FieldDecl *Field,
                                               const clang::CXXDestructorDecl *Dtor,
                                               clang::ASTContext &Ctx,
                                               const Vocabulary &Vocab);

/// The spawn that starts the member thread \p Field: its default member
/// initializer, a constructor's initializer, or an assignment in a member
/// function defined in this translation unit. Nullptr when none is seen.
const clang::Expr *memberThreadStart(const clang::FieldDecl *Field,
                                     const Vocabulary &Vocab);

/// True when code in \p Scope (e.g. the translation unit) joins, detaches,
/// moves or hands on the member \p Field (of any object): any use but a
/// query (`joinable()`, `get_id()`) or an assignment of a new thread.
bool finishesMember(const clang::FieldDecl *Field, const clang::Decl *Scope);

/// A place in the translation unit that destroys an object of \p RD (a
/// variable, member or temporary of that type, a delete, a std::unique_ptr
/// or std::shared_ptr of it); invalid when there is none, e.g. when the
/// only object is created with `new` and deliberately leaked.
clang::SourceLocation destructionOf(const clang::CXXRecordDecl *RD,
                                    clang::ASTContext &Ctx);

/// The spawn that \p E's value is, through implicit nodes and functional
/// casts (`std::thread(work)`), or nullptr.
const clang::Expr *spawnValue(const clang::Expr *E, const Vocabulary &V);

/// True when \p V's uses all fit a std::jthread in its place: calls of
/// `join()`, `joinable()`, `get_id()` and `native_handle()` on it, and its
/// declaration.
bool usedOnlyAsJoinableHandle(const clang::VarDecl *V, clang::ASTContext &Ctx);

} // namespace pitfix
