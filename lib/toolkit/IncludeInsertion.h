//===- IncludeInsertion.h - adding #include lines to a file
//----------------===//
#pragma once

#include "analysis/Refusal.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace pitfix {

/// An insertion that adds #include lines, or why there is no place for one.
struct IncludeEdit {
  clang::SourceLocation Loc;
  std::string Text;
  /// Set: the lines cannot be added (the rewrite that needs them must
  /// refuse with it).
  Refusal Why;
};

/// A header as an #include spells it: "<cstdio>" and "\"a/b.h\"" stay,
/// a bare "cstdio" becomes "<cstdio>".
std::string spelledHeader(llvm::StringRef Header);

/// The #include lines that file \p FID lacks for \p Headers, to insert
/// after its last unconditional #include (one outside any #if/#ifdef other
/// than the file's include guard), or after `#pragma once` or the include
/// guard's #define, or at its start, when it has no #include; so that two
/// rewrites needing the same header insert the very same text. Refused when
/// every #include of the file is conditional: the new one would come before
/// the configuration those set up. Nullopt when the file includes them all
/// already (unconditionally, written the same way).
std::optional<IncludeEdit> includeEdit(const clang::SourceManager &SM,
                                       clang::FileID FID,
                                       llvm::ArrayRef<std::string> Headers);
/// The same, with the layout of each file of \p Ctx's unit read once (a
/// unit's rewrites ask again and again for headers in the same files).
std::optional<IncludeEdit> includeEdit(clang::ASTContext &Ctx,
                                       clang::FileID FID,
                                       llvm::ArrayRef<std::string> Headers);

} // namespace pitfix
