//===- Vocabulary.cpp -----------------------------------------------------===//
#include "config/Vocabulary.h"
#include "config/MatcherParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;
using namespace clang;
namespace dyn = clang::ast_matchers::dynamic;

namespace pitfix {

void NameList::add(StringRef Entry) {
  Entry = Entry.trim();
  if (Entry.empty() || !Seen.insert(Entry).second)
    return;
  Entries.push_back(Entry.str());
  if (Entry.size() > 2 && Entry.starts_with("/") && Entry.ends_with("/")) {
    std::string P = Entry.drop_front().drop_back().str();
    PatternTexts.push_back(P);
    Patterns.push_back(std::make_shared<Regex>(P));
  } else {
    Exact.push_back(Entry.str());
    // The last component a matching declaration's own name must equal.
    StringRef Last = Entry.rsplit("::").second;
    if (Last.empty())
      Last = Entry;
    if (Last.find_first_of("<>() ,~") != StringRef::npos)
      UnusualEntry = true;
    else
      LastNames.insert(Last);
  }
}

bool NameList::containsQualified(StringRef Q) const {
  for (const std::string &E : Exact) {
    StringRef N = E;
    if (N.consume_front("::")) {
      if (Q == N)
        return true;
      continue;
    }
    if (Q == N)
      return true;
    if (Q.size() > N.size() + 2 && Q.ends_with(N) &&
        Q.drop_back(N.size()).ends_with("::"))
      return true;
  }
  if (!Patterns.empty()) {
    std::string Full = "::" + Q.str();
    for (const auto &R : Patterns)
      if (R->match(Full))
        return true;
  }
  return false;
}

bool NameList::contains(const NamedDecl *D) const {
  if (!D || empty())
    return false;
  // Most questions are about names that no entry ends with: answered
  // without printing the qualified name.
  if (Patterns.empty() && !UnusualEntry && D->getDeclName().isIdentifier() &&
      !LastNames.contains(D->getName()))
    return false;
  std::string Q;
  raw_string_ostream OS(Q);
  PrintingPolicy Policy(D->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  D->printQualifiedName(OS, Policy);
  OS.flush();
  return containsQualified(Q);
}

static std::string quoted(StringRef S) {
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

std::string NameList::matcherText() const {
  std::vector<std::string> Parts;
  if (!Exact.empty()) {
    std::string A = "hasAnyName(";
    for (size_t I = 0; I < Exact.size(); ++I)
      A += (I ? ", " : "") + quoted(Exact[I]);
    Parts.push_back(A + ")");
  }
  for (const std::string &P : PatternTexts)
    Parts.push_back("matchesName(" + quoted(P) + ")");
  if (Parts.empty())
    return "namedDecl(unless(anything()))";
  if (Parts.size() == 1)
    return "namedDecl(" + Parts[0] + ")";
  return "namedDecl(anyOf(" + join(Parts, ", ") + "))";
}

Error Vocabulary::addFile(StringRef Path) {
  auto Doc = loadYamlFile(Path);
  if (!Doc)
    return Doc.takeError();
  StrictMap M(Path, *Doc, "vocabulary");
  YAML::Node N = M.node("names");
  YAML::Node Mt = M.node("matchers");
  if (Error E = M.finish())
    return E;
  return addNode(Path, N, Mt);
}

Error Vocabulary::addNode(StringRef Path, const YAML::Node &N,
                          const YAML::Node &Mt) {
  if (N.IsDefined() && !N.IsNull()) {
    if (!N.IsMap())
      return errorAt(posOf(Path, N), "'names' must be a mapping of lists");
    for (auto It = N.begin(); It != N.end(); ++It) {
      std::string Key = It->first.Scalar();
      auto L = readStringList(Path, It->second);
      if (!L)
        return L.takeError();
      if (!Names.count(Key))
        NameOrder.push_back(Key);
      for (size_t I = 0; I < L->size(); ++I) {
        const std::string &E = (*L)[I];
        StringRef S = E;
        if (S != S.trim())
          return errorAt(posOf(Path, It->second.IsSequence() ? It->second[I]
                                                             : It->second),
                         "'" + E + "' has spaces around it: a name or a "
                         "/regular expression/ is written without them");
        if (S.size() > 2 && S.starts_with("/") && S.ends_with("/")) {
          std::string Why;
          if (!Regex(S.drop_front().drop_back()).isValid(Why))
            return errorAt(posOf(Path, It->second.IsSequence() ? It->second[I]
                                                               : It->second),
                           "invalid regular expression " + E + ": " + Why);
        }
        Names[Key].add(E);
      }
    }
  }
  if (Mt.IsDefined() && !Mt.IsNull()) {
    if (!Mt.IsMap())
      return errorAt(posOf(Path, Mt),
                     "'matchers' must map names to matcher expressions");
    for (auto It = Mt.begin(); It != Mt.end(); ++It) {
      auto Src = readMatcherSource(Path, It->second);
      if (!Src)
        return Src.takeError();
      std::string Name = It->first.Scalar();
      auto Old = find_if(Defs, [&](const auto &D) { return D.first == Name; });
      if (Old != Defs.end())
        Old->second = std::move(*Src);
      else
        Defs.emplace_back(Name, std::move(*Src));
    }
  }
  return Error::success();
}

StringRef vocabListName(VocabList L) {
  static const StringRef Names[] = {
#define PITFIX_VOCAB_LIST(Id, Name) Name,
#include "config/VocabularyLists.def"
  };
  return Names[static_cast<unsigned>(L)];
}

/// Every list of VocabularyLists.def, in its order.
static ArrayRef<VocabList> allLists() {
  static const VocabList Lists[] = {
#define PITFIX_VOCAB_LIST(Id, Name) VocabList::Id,
#include "config/VocabularyLists.def"
  };
  return Lists;
}

Error Vocabulary::compile() {
  for (VocabList L : allLists())
    if (StringRef Key = vocabListName(L); !Names.count(Key))
      return createStringError(
          inconvertibleErrorCode(),
          "error: the vocabulary has no list '" + Key +
              "', which pitfix's analyses read; the shipped "
              "rules/vocabulary.yaml defines it");
  auto Built = std::make_shared<NamedMatchers>();
  dyn::Parser::NamedValueMap &Values = Built->Values;
  for (const std::string &Key : NameOrder) {
    MatcherSource Src;
    Src.Text = Names[Key].matcherText();
    Src.Pos.File = "<vocabulary list '" + Key + "'>";
    auto M = parseMatcher(Src, Values);
    if (!M)
      return M.takeError();
    Values[Key] = dyn::VariantValue(dyn::VariantMatcher::SingleMatcher(*M));
  }
  for (auto &D : Defs) {
    auto M = parseMatcher(D.second, Values);
    if (!M)
      return M.takeError();
    Values[D.first] = dyn::VariantValue(dyn::VariantMatcher::SingleMatcher(*M));
  }
  Compiled = std::move(Built);
  return Error::success();
}

const NameList &Vocabulary::list(VocabList L) const {
  return names(vocabListName(L));
}

const NameList &Vocabulary::names(StringRef Name) const {
  static const NameList Empty;
  auto It = Names.find(Name);
  return It == Names.end() ? Empty : It->second;
}

const NamedMatchers &Vocabulary::namedMatchers() const {
  static const NamedMatchers None;
  return Compiled ? *Compiled : None;
}

bool Vocabulary::hasMatcher(StringRef Name) const {
  const auto &Values = namedMatchers().Values;
  auto It = Values.find(Name);
  return It != Values.end() && It->second.isMatcher();
}

} // namespace pitfix
