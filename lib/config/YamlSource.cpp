//===- YamlSource.cpp -----------------------------------------------------===//
#include "config/YamlSource.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace pitfix {

std::string SourcePos::str() const {
  if (Line == 0)
    return File;
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Col);
}

SourcePos posOf(StringRef File, const YAML::Node &N) {
  SourcePos P;
  P.File = File.str();
  YAML::Mark M = N.Mark();
  if (M.line >= 0) {
    P.Line = M.line + 1;
    P.Col = M.column + 1;
  }
  return P;
}

Error errorAt(const SourcePos &Pos, const Twine &Msg) {
  // One line per error, as compilers print them: a quoted value that spans
  // lines (a block scalar where a key or a name was expected) shows its
  // line breaks as \n.
  std::string Text;
  for (char C : Msg.str()) {
    if (C == '\n')
      Text += "\\n";
    else if (C != '\r')
      Text += C;
  }
  return createStringError(inconvertibleErrorCode(),
                           Pos.str() + ": error: " + Text);
}

Expected<YAML::Node> loadYamlFile(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), Path + ": error: cannot read: " +
                                                 Buf.getError().message());
  try {
    return YAML::Load((*Buf)->getBuffer().str());
  } catch (const YAML::Exception &E) {
    SourcePos P{Path.str(), 0, 0};
    if (E.mark.line >= 0) {
      P.Line = E.mark.line + 1;
      P.Col = E.mark.column + 1;
    }
    return errorAt(P, E.msg);
  }
}

StrictMap::StrictMap(StringRef File, const YAML::Node &Map, StringRef What)
    : File(File.str()), Map(Map), What(What.str()) {
  if (!Map.IsMap()) {
    // An empty document has no position: blame its start.
    SourcePos P = posOf(File, Map);
    if (P.Line == 0)
      P.Line = P.Col = 1;
    fail(errorAt(P, What + (Map.IsNull() ? " is empty: it must be a mapping"
                                         : " must be a mapping")));
    return;
  }
  // yaml-cpp keeps both entries of a repeated key and lookups see the
  // first: the second would be ignored without a word.
  std::vector<std::pair<std::string, SourcePos>> Seen;
  for (auto It = Map.begin(); It != Map.end(); ++It) {
    if (!It->first.IsScalar())
      continue;
    std::string K = It->first.Scalar();
    auto Prev = llvm::find_if(Seen, [&](const auto &S) { return S.first == K; });
    if (Prev != Seen.end()) {
      fail(errorAt(posOf(File, It->first),
                   "duplicate key '" + K + "' in " + What + " (first at line " +
                       Twine(Prev->second.Line) + ")"));
      return;
    }
    Seen.push_back({K, posOf(File, It->first)});
  }
}

void StrictMap::fail(Error E) {
  if (Failed) {
    consumeError(std::move(E));
    return;
  }
  cantFail(std::move(FirstError));
  FirstError = std::move(E);
  Failed = true;
}

void StrictMap::fail(const YAML::Node &At, const Twine &Msg) {
  fail(errorAt(posOf(File, At), Msg));
}

bool StrictMap::has(StringRef Key) const {
  return Map.IsMap() && Map[Key.str()].IsDefined();
}

YAML::Node StrictMap::node(StringRef Key) {
  Claimed.push_back(Key.str());
  if (!Map.IsMap())
    return YAML::Node(YAML::NodeType::Undefined);
  return Map[Key.str()];
}

std::string StrictMap::str(StringRef Key, bool Required, SourcePos *Where) {
  YAML::Node N = node(Key);
  if (!N.IsDefined() || N.IsNull()) {
    if (Required && Map.IsMap())
      fail(Map, What + " has no '" + Key + "'");
    return "";
  }
  if (Where)
    *Where = posOf(File, N);
  if (!N.IsScalar()) {
    fail(N, "'" + Key + "' must be a string");
    return "";
  }
  return N.Scalar();
}

std::vector<std::string> StrictMap::strList(StringRef Key, SourcePos *Where) {
  YAML::Node N = node(Key);
  if (!N.IsDefined() || N.IsNull())
    return {};
  if (Where)
    *Where = posOf(File, N);
  auto L = readStringList(File, N);
  if (!L) {
    fail(L.takeError());
    return {};
  }
  return *L;
}

Error StrictMap::finish() {
  // An unknown key first: a misspelt key explains a "missing" one.
  if (Map.IsMap())
    for (auto It = Map.begin(); It != Map.end(); ++It) {
      std::string K = It->first.Scalar();
      if (is_contained(Claimed, K))
        continue;
      std::string Known;
      for (const std::string &C : Claimed)
        Known += (Known.empty() ? "" : ", ") + C;
      if (Failed)
        consumeError(std::move(FirstError));
      Failed = false;
      return errorAt(posOf(File, It->first), "unknown key '" + K + "' in " +
                                                 What + " (known: " + Known +
                                                 ")");
    }
  if (Failed) {
    Failed = false;
    return std::move(FirstError);
  }
  return Error::success();
}

Expected<std::vector<std::string>> readStringList(StringRef File,
                                                  const YAML::Node &N) {
  std::vector<std::string> Out;
  if (N.IsScalar()) {
    Out.push_back(N.Scalar());
    return Out;
  }
  if (!N.IsSequence())
    return errorAt(posOf(File, N), "expected a list of strings");
  for (const YAML::Node &E : N) {
    if (!E.IsScalar())
      return errorAt(posOf(File, E), "expected a string");
    Out.push_back(E.Scalar());
  }
  return Out;
}

} // namespace pitfix
