//===- CheckGlob.cpp ------------------------------------------------------===//
#include "config/CheckGlob.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace pitfix {

CheckGlob::CheckGlob(StringRef Globs) : Text(Globs.str()) {
  SmallVector<StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, false);
  for (StringRef P : Parts) {
    P = P.trim(" \t\r\n");
    if (P.empty())
      continue;
    bool Positive = !P.consume_front("-");
    std::string Re = "^";
    for (char C : P) {
      if (C == '*')
        Re += ".*";
      else
        Re += Regex::escape(StringRef(&C, 1));
    }
    Re += "$";
    Items.push_back({Positive, std::make_shared<Regex>(Re)});
  }
}

bool CheckGlob::contains(StringRef Name) const {
  bool In = false;
  for (const Item &I : Items)
    if (I.Re->match(Name))
      In = I.Positive;
  return In;
}

} // namespace pitfix
