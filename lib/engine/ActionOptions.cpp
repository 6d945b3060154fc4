//===- ActionOptions.cpp --------------------------------------------------===//
#include "engine/Action.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace pitfix {

const ActionInfo *findAction(ArrayRef<ActionInfo> Table, StringRef Name) {
  for (const ActionInfo &A : Table)
    if (Name == A.Name)
      return &A;
  return nullptr;
}

std::string ActionOptions::get(StringRef Name) const {
  auto It = Values.find(Name.str());
  if (It == Values.end() || It->second.Values.empty())
    return "";
  return It->second.Values.front();
}

std::vector<std::string> ActionOptions::list(StringRef Name) const {
  auto It = Values.find(Name.str());
  if (It == Values.end())
    return {};
  return It->second.Values;
}

Expected<std::vector<std::string>>
ActionOptions::identifiers(StringRef Name,
                           std::vector<std::string> Default) const {
  std::vector<std::string> Names = list(Name);
  if (Names.empty())
    Names = std::move(Default);
  for (const std::string &N : Names) {
    bool Ok = !N.empty() && (isalpha(N[0]) || N[0] == '_') &&
              all_of(N, [](char C) { return isalnum(C) || C == '_'; });
    if (!Ok)
      return error(Name, "'" + N + "' is not an identifier");
  }
  return Names;
}

bool isHeaderName(StringRef H) {
  auto Path = [](StringRef P) {
    return !P.empty() && all_of(P, [](char C) {
      return isalnum(C) || StringRef("_./+-").contains(C);
    });
  };
  if (H.size() > 2 && ((H.front() == '<' && H.back() == '>') ||
                       (H.front() == '"' && H.back() == '"')))
    return Path(H.drop_front().drop_back());
  return Path(H);
}

Expected<std::vector<std::string>>
ActionOptions::headers(StringRef Name) const {
  std::vector<std::string> Hs = list(Name);
  auto It = Values.find(Name.str());
  bool Default = It == Values.end() || It->second.Pos.Line == 0;
  // An empty default means "no header".
  if (Default)
    llvm::erase_if(Hs, [](const std::string &H) { return H.empty(); });
  for (const std::string &H : Hs)
    if (!isHeaderName(H))
      return error(Name, "'" + H + "' is not a header name (write <header> "
                         "or \"header\")");
  return Hs;
}

Expected<bool> ActionOptions::flag(StringRef Name) const {
  std::string V = StringRef(get(Name)).lower();
  std::optional<bool> B = StringSwitch<std::optional<bool>>(V)
                              .Cases("true", "yes", "on", "1", true)
                              .Cases("false", "no", "off", "0", "", false)
                              .Default(std::nullopt);
  if (!B)
    return error(Name, "option '" + Name + "' must be true or false (got '" +
                           V + "')");
  return *B;
}

Error ActionOptions::error(StringRef Name, const Twine &Msg) const {
  auto It = Values.find(Name.str());
  if (It != Values.end() && It->second.Pos.Line)
    return errorAt(It->second.Pos, Msg);
  return errorAt(ActionPos, Msg);
}

} // namespace pitfix
