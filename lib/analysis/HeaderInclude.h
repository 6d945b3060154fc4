//===- HeaderInclude.h - adding an #include a rewrite needs ----------------===//
#pragma once

#include "clang/Basic/SourceManager.h"

#include <optional>
#include <string>

namespace pitfix {

/// Where and what to insert so that the file holding \p InFile includes
/// the standard header \p Header (`<Header>`): a line after the file's last
/// `#include`, or at the top when it has none. Nullopt when the file already
/// includes it, or when \p InFile is not in a file.
struct IncludeInsertion {
  clang::SourceLocation Loc;
  std::string Text;
};
std::optional<IncludeInsertion> includeInsertion(clang::SourceLocation InFile,
                                                 llvm::StringRef Header,
                                                 const clang::SourceManager &SM);

} // namespace pitfix
