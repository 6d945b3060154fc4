//===- ExampleUpdate.h - pitfix --test-rules --update: new `after:` blocks -===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pitfix {

/// One example whose `after:` is to become \p After: the example is the
/// sequence item whose first key is at \p Line and \p Col (1-based) of the
/// rule file.
struct AfterUpdate {
  unsigned Line = 0, Col = 0;
  std::string After;
};

/// \p Yaml with the `after:` of each example in \p Updates replaced by a
/// literal block (`after: |`) holding its new text, or added after the
/// example's `before:` when it has none. The rest of the file is kept as
/// written, comments included.
std::string updateAfterBlocks(llvm::StringRef Yaml,
                              const std::vector<AfterUpdate> &Updates);

} // namespace pitfix
