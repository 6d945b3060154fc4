//===- RuleNames.cpp ------------------------------------------------------===//
#include "engine/RuleNames.h"

#include "config/CheckGlob.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace pitfix {

std::string nearestRuleId(StringRef Name, ArrayRef<std::string> KnownIds) {
  // A typo: at most a third of the name, and never more than 4 edits.
  unsigned Limit = std::min<unsigned>(4, std::max<size_t>(1, Name.size() / 3));
  std::string Best;
  unsigned BestDistance = Limit + 1;
  for (const std::string &Id : KnownIds) {
    unsigned D = Name.edit_distance(Id, true, Limit);
    if (D < BestDistance) {
      BestDistance = D;
      Best = Id;
    }
  }
  return Best;
}

std::string didYouMean(StringRef Name, ArrayRef<std::string> KnownIds) {
  std::string Near = nearestRuleId(Name, KnownIds);
  return Near.empty() ? "" : " (did you mean '" + Near + "'?)";
}

namespace {

/// The markers whose "(...)" lists rule names.
const char *const Markers[] = {"NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND",
                               "NOLINT", "pitfix: ignore"};

bool hasKnownCategory(StringRef Name, const StringSet<> &Categories) {
  size_t Dash = Name.find('-');
  return Dash != StringRef::npos && Categories.contains(Name.take_front(Dash));
}

} // namespace

std::vector<UnknownNolintName>
unknownNolintNames(StringRef Buffer, ArrayRef<std::string> KnownIds) {
  StringSet<> Known, Categories;
  for (const std::string &Id : KnownIds) {
    Known.insert(Id);
    size_t Dash = Id.find('-');
    if (Dash != std::string::npos)
      Categories.insert(StringRef(Id).take_front(Dash));
  }
  std::vector<UnknownNolintName> Out;
  SmallVector<StringRef, 0> Lines;
  Buffer.split(Lines, '\n');
  for (unsigned L = 0; L < Lines.size(); ++L) {
    StringRef Line = Lines[L];
    if (!Line.contains("NOLINT") && !Line.contains("pitfix: ignore"))
      continue;
    for (size_t Pos = 0; Pos < Line.size();) {
      size_t Found = StringRef::npos;
      StringRef Marker;
      for (StringRef M : Markers) {
        size_t P = Line.find(M, Pos);
        if (P < Found || (P == Found && M.size() > Marker.size())) {
          Found = P;
          Marker = M;
        }
      }
      if (Found == StringRef::npos)
        break;
      Pos = Found + Marker.size();
      if (Pos >= Line.size() || Line[Pos] != '(')
        continue;
      size_t Close = Line.find(')', Pos);
      if (Close == StringRef::npos)
        break;
      size_t Start = Pos + 1;
      StringRef List = Line.slice(Start, Close);
      Pos = Close + 1;
      SmallVector<StringRef, 4> Names;
      List.split(Names, ',');
      size_t Offset = Start;
      for (StringRef Raw : Names) {
        size_t Lead = Raw.size() - Raw.ltrim().size();
        StringRef Name = Raw.trim();
        unsigned Col = Offset + Lead + 1;
        Offset += Raw.size() + 1;
        if (Name.empty() || Name == "*" || Known.contains(Name))
          continue;
        if (Name.starts_with("-"))
          continue; // An exclusion suppresses nothing by design.
        if (Name.contains('*')) {
          CheckGlob G(Name);
          bool Any = any_of(KnownIds, [&](const std::string &Id) {
            return G.contains(Id);
          });
          if (!Any && hasKnownCategory(Name, Categories))
            Out.push_back({L + 1, Col, Name.str(), ""});
          continue;
        }
        std::string Near = nearestRuleId(Name, KnownIds);
        if (!Near.empty() || hasKnownCategory(Name, Categories))
          Out.push_back({L + 1, Col, Name.str(), Near});
      }
    }
  }
  return Out;
}

} // namespace pitfix
