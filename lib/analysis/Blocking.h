//===- Blocking.h - calls that block the calling thread -------------------===//
//
// What blocks is vocabulary: `blockingFunctions` (free functions, and
// methods listed with their class), the file stream classes of
// `blockingStreamClasses` (opening one, and any non-const use of one), and
// the stream objects of `blockingStreamObjects` (std::cin). A function
// defined in this translation unit blocks when its body makes a blocking
// call, directly or through other such functions. `lockReleasingWaits`
// (condition variable waits) never count: they release the lock.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// One blocking call found in the code, and why it blocks.
struct BlockingCall {
  const clang::Expr *Call = nullptr; ///< The call or construction written.
  std::string Name;                  ///< What it calls ("std::getline").
  /// For a call to a function of this translation unit: the path to the
  /// call that blocks, one step per function (the innermost is a
  /// vocabulary call).
  std::vector<BlockingCall> Via;
};

/// The vocabulary name of a call that blocks by itself (not through a body
/// in this translation unit), or nullopt.
std::optional<std::string> directBlockingName(const clang::Expr *E,
                                              const Vocabulary &V);

/// Finds blocking calls, following the functions of the translation unit.
/// Results per function are remembered for the lifetime of the object.
class BlockingFinder {
public:
  BlockingFinder(clang::ASTContext &Ctx, const Vocabulary &V)
      : Ctx(Ctx), V(V) {}

  /// Every blocking call in \p S, in source order. Lambdas written in \p S
  /// are skipped (they run when called, perhaps elsewhere), as are the
  /// arguments of a blocking call (one finding per call).
  std::vector<BlockingCall> callsIn(const clang::Stmt *S);

  /// Is \p E (a call or construction) blocking, directly or through the
  /// body of the function it calls?
  std::optional<BlockingCall> blocking(const clang::Expr *E);

private:
  std::optional<BlockingCall> inFunction(const clang::FunctionDecl *FD);
  /// Does every blocking call that \p FD makes only look (a wait on file
  /// descriptors whose timeout is zero), given the zero variables \p Zero?
  bool waitsOnlyZero(const clang::FunctionDecl *FD,
                     const llvm::DenseSet<const clang::VarDecl *> &Zero,
                     unsigned Depth);

  clang::ASTContext &Ctx;
  const Vocabulary &V;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<BlockingCall>> Memo;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

/// Does \p Call hand one of the vocabulary's `consoleStreams` (stdout,
/// stderr) to the function it calls? Such a write is console output.
bool writesToConsole(const clang::CallExpr *Call, const Vocabulary &V);

/// The function that \p E calls (or constructs with), if any.
const clang::FunctionDecl *calleeOf(const clang::Expr *E);

/// A function whose body pitfix may look into: defined, and not in a
/// system header.
const clang::FunctionDecl *analysableBody(const clang::FunctionDecl *FD,
                                          const clang::SourceManager &SM);

} // namespace pitfix
