//===- ExampleUpdate.cpp --------------------------------------------------===//
#include "ExampleUpdate.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace llvm;

namespace pitfix {

/// The column (0-based) of the first non-blank character, or npos.
static size_t indentOf(StringRef Line) {
  return Line.find_first_not_of(' ');
}

/// The lines of a literal block for \p Text, each indented by \p Indent.
static std::vector<std::string> blockLines(StringRef Text, size_t Indent) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 16> Lines;
  Text.rtrim('\n').split(Lines, '\n');
  for (StringRef L : Lines)
    Out.push_back(L.empty() ? "" : std::string(Indent, ' ') + L.str());
  return Out;
}

std::string updateAfterBlocks(StringRef Yaml,
                              const std::vector<AfterUpdate> &Updates) {
  SmallVector<StringRef, 64> Split;
  Yaml.split(Split, '\n');
  std::vector<std::string> Lines(Split.begin(), Split.end());
  // From the last example up, so that earlier line numbers stay right.
  std::vector<AfterUpdate> Sorted = Updates;
  llvm::sort(Sorted, [](const AfterUpdate &A, const AfterUpdate &B) {
    return A.Line > B.Line;
  });
  for (const AfterUpdate &U : Sorted) {
    if (U.Line == 0 || U.Line > Lines.size() || U.Col == 0)
      continue;
    size_t KeyCol = U.Col - 1;
    // The example's lines: from its first key to the first line indented
    // less than its keys, or the next item of the list.
    size_t Begin = U.Line - 1, End = Begin + 1;
    while (End < Lines.size()) {
      StringRef L = Lines[End];
      size_t I = indentOf(L);
      if (I != StringRef::npos && I < KeyCol)
        break;
      ++End;
    }
    // A key of the example: at KeyCol (the first line's key follows "- ").
    auto KeyAt = [&](size_t Row, StringRef Key) {
      StringRef L = StringRef(Lines[Row]).drop_front(std::min(KeyCol, Lines[Row].size()));
      return (Row == Begin || indentOf(Lines[Row]) == KeyCol) &&
             L.starts_with(Key.str() + ":");
    };
    // The end of the value of the key at Row: its block lines follow,
    // indented more than the key (blank lines included).
    auto ValueEnd = [&](size_t Row) {
      size_t E = Row + 1;
      while (E < End) {
        size_t I = indentOf(Lines[E]);
        if (I != StringRef::npos && I <= KeyCol)
          break;
        ++E;
      }
      // Trailing blank lines belong to what follows.
      while (E > Row + 1 && StringRef(Lines[E - 1]).trim().empty())
        --E;
      return E;
    };
    std::vector<std::string> New = {std::string(KeyCol, ' ') + "after: |"};
    for (std::string &L : blockLines(U.After, KeyCol + 2))
      New.push_back(std::move(L));
    size_t After = End, Before = End;
    for (size_t R = Begin; R < End; ++R) {
      if (KeyAt(R, "after"))
        After = R;
      if (KeyAt(R, "before"))
        Before = R;
    }
    if (After != End) {
      if (After == Begin) // "- after: |": keep the item's dash.
        New.front().replace(0, KeyCol, Lines[Begin].substr(0, KeyCol));
      size_t E = ValueEnd(After);
      Lines.erase(Lines.begin() + After, Lines.begin() + E);
      Lines.insert(Lines.begin() + After, New.begin(), New.end());
    } else if (Before != End) {
      size_t E = ValueEnd(Before);
      Lines.insert(Lines.begin() + E, New.begin(), New.end());
    }
  }
  return join(Lines, "\n");
}

} // namespace pitfix
