//===- CheckGlob.h - clang-tidy style check selection ---------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// A comma-separated list of globs as in clang-tidy's --checks: "*" matches
/// any text, a leading "-" excludes, and the last glob that matches a name
/// decides. "-*,sharing-*" enables the sharing rules only.
class CheckGlob {
public:
  explicit CheckGlob(llvm::StringRef Globs = "*");
  bool contains(llvm::StringRef Name) const;
  /// True when any glob is positive (something may be enabled).
  const std::string &text() const { return Text; }

private:
  struct Item {
    bool Positive;
    std::shared_ptr<llvm::Regex> Re;
  };
  std::string Text;
  std::vector<Item> Items;
};

} // namespace pitfix
