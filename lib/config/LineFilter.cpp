//===- LineFilter.cpp -----------------------------------------------------===//
#include "config/LineFilter.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace pitfix {

static Error jsonError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(),
                           "error: --line-filter: " + Msg);
}

Expected<LineFilter> LineFilter::fromJson(StringRef Json) {
  Expected<json::Value> V = json::parse(Json);
  if (!V)
    return jsonError(toString(V.takeError()));
  const json::Array *A = V->getAsArray();
  if (!A)
    return jsonError("expected a JSON array of {\"name\", \"lines\"} objects");
  LineFilter F;
  F.Active = true;
  for (const json::Value &Item : *A) {
    const json::Object *O = Item.getAsObject();
    std::optional<StringRef> Name = O ? O->getString("name") : std::nullopt;
    if (!Name)
      return jsonError("each entry needs a \"name\"");
    Entry E;
    E.Name = Name->str();
    const json::Array *Lines = O->getArray("lines");
    E.AllLines = !Lines;
    if (Lines)
      for (const json::Value &R : *Lines) {
        const json::Array *Pair = R.getAsArray();
        std::optional<int64_t> From, To;
        if (Pair && Pair->size() == 2) {
          From = (*Pair)[0].getAsInteger();
          To = (*Pair)[1].getAsInteger();
        }
        if (!From || !To || *From < 1 || *To < *From)
          return jsonError("\"lines\" of '" + E.Name +
                           "' must be [first, last] pairs of line numbers");
        E.Ranges.push_back({unsigned(*From), unsigned(*To)});
      }
    F.Entries.push_back(std::move(E));
  }
  return F;
}

LineFilter LineFilter::fromGitDiff(StringRef Diff, StringRef Root) {
  LineFilter F;
  F.Active = true;
  Entry *Cur = nullptr;
  SmallVector<StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (StringRef L : Lines) {
    if (L.consume_front("+++ ")) {
      Cur = nullptr;
      if (!L.consume_front("b/"))
        continue; // "/dev/null": the file was deleted.
      SmallString<256> P(Root);
      sys::path::append(P, L.rtrim("\r"));
      F.Entries.push_back({std::string(P), false, {}});
      Cur = &F.Entries.back();
      continue;
    }
    // "@@ -a[,b] +c[,d] @@": lines c .. c+d-1 are new (d defaults to 1).
    if (!Cur || !L.consume_front("@@ "))
      continue;
    size_t Plus = L.find(" +");
    if (Plus == StringRef::npos)
      continue;
    StringRef New = L.drop_front(Plus + 2).split(' ').first;
    auto [StartText, CountText] = New.split(',');
    unsigned Start = 0, Count = 1;
    if (StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      continue;
    if (Count > 0)
      Cur->Ranges.push_back({Start, Start + Count - 1});
  }
  return F;
}

/// Does the absolute \p File match the filter entry \p Name?
static bool sameFile(StringRef File, StringRef Name) {
  if (sys::path::is_absolute(Name))
    return File == Name;
  Name.consume_front("./");
  return File.ends_with(Name) &&
         (File.size() == Name.size() || File[File.size() - Name.size() - 1] == '/');
}

bool LineFilter::contains(StringRef File, unsigned Line) const {
  if (!Active)
    return true;
  for (const Entry &E : Entries) {
    if (!sameFile(File, E.Name))
      continue;
    if (E.AllLines)
      return true;
    for (const auto &R : E.Ranges)
      if (Line >= R.first && Line <= R.second)
        return true;
  }
  return false;
}

} // namespace pitfix
