//===- IncludeInsertion.h - adding #include lines to a file ----------------===//
#pragma once

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// An insertion that adds #include lines.
struct IncludeEdit {
  clang::SourceLocation Loc;
  std::string Text;
};

/// A header as an #include spells it: "<cstdio>" and "\"a/b.h\"" stay,
/// a bare "cstdio" becomes "<cstdio>".
std::string spelledHeader(llvm::StringRef Header);

/// The #include lines that file \p FID lacks for \p Headers, to insert
/// after its last #include (or after `#pragma once`, or at its start, when
/// it has none), so that two
/// rewrites needing the same header insert the very same text. Nullopt when
/// the file includes them all already (written the same way).
std::optional<IncludeEdit> includeEdit(const clang::SourceManager &SM,
                                       clang::FileID FID,
                                       llvm::ArrayRef<std::string> Headers);

} // namespace pitfix
