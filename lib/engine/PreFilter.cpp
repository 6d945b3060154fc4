//===- PreFilter.cpp ------------------------------------------------------===//
#include "engine/PreFilter.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace llvm;

namespace pitfix {
namespace {

/// A matcher expression as a tree: calls with arguments, string literals,
/// and bare names (the vocabulary's lists and matchers).
struct Node {
  enum Kind { Call, Name, String, Other } K = Other;
  std::string Text; ///< The callee, the name, or the string's contents.
  std::vector<Node> Args;
};

/// A small recursive-descent reader of the clang-query matcher language,
/// enough to see its structure. It never decides whether the expression is
/// valid (the dynamic parser did); on anything unexpected it gives up.
class TreeReader {
public:
  explicit TreeReader(StringRef S) : S(S) {}

  std::optional<Node> read() {
    std::optional<Node> N = expr();
    skipSpace();
    if (!N || Pos != S.size())
      return std::nullopt;
    return N;
  }

private:
  void skipSpace() {
    while (Pos < S.size()) {
      if (isSpace(S[Pos])) {
        ++Pos;
      } else if (S[Pos] == '#') { // clang-query comment to the end of line
        while (Pos < S.size() && S[Pos] != '\n')
          ++Pos;
      } else {
        break;
      }
    }
  }
  static bool isIdentChar(char C) { return isAlnum(C) || C == '_'; }

  std::optional<Node> expr() {
    std::optional<Node> N = atom();
    if (!N)
      return std::nullopt;
    // Chained calls: .bind("x") adds nothing; .with(...) narrows further.
    for (skipSpace(); Pos < S.size() && S[Pos] == '.'; skipSpace()) {
      ++Pos;
      skipSpace();
      size_t Start = Pos;
      while (Pos < S.size() && isIdentChar(S[Pos]))
        ++Pos;
      std::string Method = S.slice(Start, Pos).str();
      std::vector<Node> Args;
      if (!args(Args))
        return std::nullopt;
      if (Method == "bind")
        continue;
      Node Both;
      Both.K = Node::Call;
      Both.Text = "allOf";
      Both.Args.push_back(std::move(*N));
      for (Node &A : Args)
        Both.Args.push_back(std::move(A));
      N = std::move(Both);
    }
    return N;
  }

  bool args(std::vector<Node> &Out) {
    skipSpace();
    if (Pos >= S.size() || S[Pos] != '(')
      return false;
    ++Pos;
    skipSpace();
    if (Pos < S.size() && S[Pos] == ')') {
      ++Pos;
      return true;
    }
    while (true) {
      std::optional<Node> A = expr();
      if (!A)
        return false;
      Out.push_back(std::move(*A));
      skipSpace();
      if (Pos < S.size() && S[Pos] == ',') {
        ++Pos;
        continue;
      }
      if (Pos < S.size() && S[Pos] == ')') {
        ++Pos;
        return true;
      }
      return false;
    }
  }

  std::optional<Node> atom() {
    skipSpace();
    if (Pos >= S.size())
      return std::nullopt;
    Node N;
    char C = S[Pos];
    if (C == '"') {
      N.K = Node::String;
      for (++Pos; Pos < S.size() && S[Pos] != '"'; ++Pos) {
        if (S[Pos] == '\\' && Pos + 1 < S.size())
          ++Pos;
        N.Text += S[Pos];
      }
      if (Pos >= S.size())
        return std::nullopt;
      ++Pos;
      return N;
    }
    if (isDigit(C) || C == '-' || C == '+' || C == '.') {
      size_t Start = Pos;
      while (Pos < S.size() && (isAlnum(S[Pos]) || S[Pos] == '.' ||
                                S[Pos] == '-' || S[Pos] == '+'))
        ++Pos;
      N.Text = S.slice(Start, Pos).str();
      N.K = Node::Other; // a number
      return N;
    }
    if (isAlpha(C) || C == '_') {
      size_t Start = Pos;
      while (Pos < S.size() && isIdentChar(S[Pos]))
        ++Pos;
      N.Text = S.slice(Start, Pos).str();
      skipSpace();
      if (Pos < S.size() && S[Pos] == '(') {
        N.K = Node::Call;
        if (!args(N.Args))
          return std::nullopt;
        return N;
      }
      N.K = Node::Name;
      return N;
    }
    return std::nullopt;
  }

  StringRef S;
  size_t Pos = 0;
};

/// Alternatives of which one must be spelled; nullopt: nothing needed.
using Need = std::optional<TokenRequirement>;

bool isIdentifier(StringRef S) {
  if (S.empty() || !(isAlpha(S[0]) || S[0] == '_'))
    return false;
  return all_of(S, [](char C) { return isAlnum(C) || C == '_'; });
}

/// The identifier that spells the last component of a qualified name
/// ("std::this_thread::sleep_for" -> "sleep_for"), or "" when there is none.
std::string lastComponent(StringRef Name) {
  size_t Lt = Name.find('<');
  if (Lt != StringRef::npos)
    Name = Name.substr(0, Lt);
  size_t Colons = Name.rfind("::");
  StringRef Last = Colons == StringRef::npos ? Name : Name.substr(Colons + 2);
  return isIdentifier(Last) ? Last.str() : "";
}

void addName(TokenRequirement &R, StringRef Entry) {
  std::string Last = lastComponent(Entry);
  if (Last.empty()) {
    R.Unfilterable = true;
    return;
  }
  R.Tokens.insert(Last);
  // The standard library names its templates' instances through aliases
  // declared in its own headers (std::ifstream for basic_ifstream<char>,
  // std::atomic_int for atomic<int>, std::binary_semaphore): code that uses
  // only the alias spells the alias.
  StringRef E = Entry;
  E.consume_front("::");
  if (!E.starts_with("std::"))
    return;
  StringRef L = Last;
  if (L.consume_front("basic_")) {
    for (const char *P : {"", "w", "u8", "u16", "u32"})
      R.Tokens.insert((P + L).str());
  }
  if (L == "atomic")
    R.Patterns.push_back("^::atomic_[A-Za-z0-9_]*$");
}

/// The requirement of one vocabulary list: any of its entries.
Need listNeed(const NameList &L) {
  TokenRequirement R;
  for (const std::string &E : L.entries()) {
    StringRef S = E;
    if (S.size() >= 2 && S.front() == '/' && S.back() == '/') {
      StringRef Pattern = S.drop_front().drop_back();
      // A pattern over qualifiers cannot be tested on one identifier; one
      // anchored at the global namespace ("^::__atomic_") can.
      // Plain leading qualifiers ("^::std::atomic_load") are dropped: the
      // code spells the last component, and a weaker pattern is safe.
      StringRef Rest = Pattern;
      if (Rest.consume_front("^::"))
        while (true) {
          size_t Colons = Rest.find("::");
          if (Colons == StringRef::npos || !isIdentifier(Rest.take_front(Colons)))
            break;
          Rest = Rest.drop_front(Colons + 2);
        }
      if (Rest.contains("::"))
        return std::nullopt;
      R.Patterns.push_back(Pattern.starts_with("^::") ? ("^::" + Rest).str()
                                                      : Pattern.str());
      continue;
    }
    addName(R, S);
  }
  if (R.Unfilterable || (R.Tokens.empty() && R.Patterns.empty()))
    return std::nullopt;
  return R;
}

/// How often code spells a requirement, roughly: the narrowest one is kept.
/// Member names that every container or task type has count as common.
size_t weight(const TokenRequirement &R) {
  static const std::set<std::string> Common = {
      "push_back", "emplace_back", "emplace", "insert", "add", "Add", "run",
      "post", "execute", "submit", "get", "set", "wait", "Wait", "size",
      "begin", "end", "read", "write", "at", "release", "done", "Done"};
  size_t W = 4 * R.Patterns.size();
  for (const std::string &T : R.Tokens)
    W += Common.count(T) ? 50 : 1;
  return W;
}

class NeedDeriver {
public:
  explicit NeedDeriver(const Vocabulary &V) : V(V) {
    for (const auto &D : V.matcherDefs())
      Defs[D.first] = &D.second;
  }

  Need of(const Node &N) {
    switch (N.K) {
    case Node::Name:
      return ofName(N.Text);
    case Node::Call:
      return ofCall(N);
    default:
      return std::nullopt;
    }
  }

  Need ofName(const std::string &Name) {
    if (V.allNames().count(Name))
      return listNeed(V.names(Name));
    auto D = Defs.find(Name);
    if (D == Defs.end() || Active.count(Name))
      return std::nullopt;
    Active.insert(Name);
    std::optional<Node> Tree = TreeReader(D->second->Text).read();
    Need R = Tree ? of(*Tree) : std::nullopt;
    Active.erase(Name);
    return R;
  }

private:
  Need ofCall(const Node &N) {
    const std::string &F = N.Text;
    if (F == "hasName" || F == "hasAnyName") {
      TokenRequirement R;
      for (const Node &A : N.Args) {
        if (A.K != Node::String)
          return std::nullopt;
        addName(R, A.Text);
      }
      if (R.Unfilterable || R.Tokens.empty())
        return std::nullopt;
      return R;
    }
    if (F == "unless" || F == "optionally" || F == "mapAnyOf")
      return std::nullopt;
    if (F == "anyOf" || F == "eachOf") {
      TokenRequirement U;
      if (N.Args.empty())
        return std::nullopt;
      for (const Node &A : N.Args) {
        Need R = of(A);
        if (!R)
          return std::nullopt;
        U.Tokens.insert(R->Tokens.begin(), R->Tokens.end());
        U.Patterns.insert(U.Patterns.end(), R->Patterns.begin(),
                          R->Patterns.end());
      }
      return U;
    }
    // Every inner matcher of any other call must match: the narrowest
    // requirement among them is enough.
    Need Best;
    for (const Node &A : N.Args) {
      Need R = of(A);
      if (R && (!Best || weight(*R) < weight(*Best)))
        Best = std::move(R);
    }
    return Best;
  }

  const Vocabulary &V;
  std::map<std::string, const MatcherSource *> Defs;
  std::set<std::string> Active;
};

/// -I, -iquote and forced includes of a command, made absolute.
struct SearchPaths {
  std::vector<std::string> Quote, Angled, Forced;
};

std::string absoluteIn(StringRef Dir, StringRef P) {
  SmallString<256> Abs(P);
  if (!sys::path::is_absolute(Abs)) {
    Abs = Dir;
    sys::path::append(Abs, P);
  }
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Directories of the system (and of installed libraries) are not lexed.
bool isSystemDir(StringRef D) {
  return D.starts_with("/usr/") || D.starts_with("/opt/");
}

SearchPaths searchPaths(const clang::tooling::CompileCommand &C) {
  SearchPaths P;
  const std::vector<std::string> &A = C.CommandLine;
  for (size_t I = 0; I < A.size(); ++I) {
    StringRef Arg = A[I];
    auto Take = [&](StringRef Flag, std::vector<std::string> &Into) {
      if (!Arg.starts_with(Flag))
        return false;
      StringRef V = Arg.substr(Flag.size());
      if (V.empty() && I + 1 < A.size())
        V = A[++I];
      std::string Abs = absoluteIn(C.Directory, V);
      if (!isSystemDir(Abs) || &Into == &P.Forced)
        Into.push_back(Abs);
      return true;
    };
    if (Arg == "-include" || Arg.starts_with("--include=")) {
      StringRef V = Arg == "-include" ? (I + 1 < A.size() ? StringRef(A[++I]) : "")
                                      : Arg.substr(strlen("--include="));
      P.Forced.push_back(absoluteIn(C.Directory, V));
      continue;
    }
    if (Arg.starts_with("-isystem") || Arg.starts_with("-idirafter")) {
      if (Arg == "-isystem" || Arg == "-idirafter")
        ++I;
      continue;
    }
    if (Take("-iquote", P.Quote))
      continue;
    if (Arg.starts_with("-I") && Take("-I", P.Angled))
      continue;
  }
  return P;
}

/// Adds each of \p Names (a vocabulary list, a named matcher or an
/// identifier) to \p Out as alternatives.
void addAlternatives(TokenRequirement &Out, ArrayRef<std::string> Names,
                     NeedDeriver &D, const Vocabulary &Vocab) {
  for (const std::string &Extra : Names) {
    bool IsVocabulary = Vocab.allNames().count(Extra) ||
                        any_of(Vocab.matcherDefs(),
                               [&](const auto &M) { return M.first == Extra; });
    Need E = D.ofName(Extra);
    if (IsVocabulary && !E) {
      Out.Unfilterable = true; // A list of patterns over qualified names.
    } else if (E) {
      Out.Tokens.insert(E->Tokens.begin(), E->Tokens.end());
      Out.Patterns.insert(Out.Patterns.end(), E->Patterns.begin(),
                          E->Patterns.end());
    } else if (isIdentifier(Extra)) {
      Out.Tokens.insert(Extra);
    } else {
      Out.Unfilterable = true;
    }
  }
}

} // namespace

TokenRequirement tokenRequirement(const CompiledRule &Rule,
                                  const Vocabulary &Vocab) {
  TokenRequirement Out;
  if (Rule.Spec.PreFilterOff) {
    Out.Unfilterable = true;
    return Out;
  }
  NeedDeriver D(Vocab);
  std::optional<Node> Tree = TreeReader(Rule.Spec.Match.Text).read();
  Need R = Tree ? D.of(*Tree) : std::nullopt;
  if (!R && Rule.Spec.PreFilterNames.empty()) {
    Out.Unfilterable = true;
    return Out;
  }
  // A matcher that names nothing (compoundStmt()) leaves the rule's own
  // list as the requirement: its action needs one of those names.
  if (R)
    Out = std::move(*R);
  // Names the action needs beyond the matcher: lists, matchers or
  // identifiers, all alternatives too.
  addAlternatives(Out, Rule.Spec.PreFilterNames, D, Vocab);
  if (!Out.Unfilterable && !Rule.Spec.PreFilterAlso.empty()) {
    TokenRequirement Also;
    addAlternatives(Also, Rule.Spec.PreFilterAlso, D, Vocab);
    if (!Also.Unfilterable && !(Also.Tokens.empty() && Also.Patterns.empty()))
      Out.Also.push_back(std::move(Also));
  }
  return Out;
}

bool PreFilter::Alternatives::add(const TokenRequirement &R) {
  Tokens.insert(R.Tokens.begin(), R.Tokens.end());
  for (const std::string &P : R.Patterns) {
    auto Re = std::make_shared<Regex>(P);
    std::string Err;
    if (!Re->isValid(Err))
      return false;
    Patterns.push_back(std::move(Re));
  }
  return true;
}

bool PreFilter::Alternatives::spells(StringRef Identifier) const {
  if (Tokens.count(Identifier.str()))
    return true;
  if (Patterns.empty())
    return false;
  std::string Qualified = ("::" + Identifier).str();
  return any_of(Patterns, [&](const auto &Re) { return Re->match(Qualified); });
}

PreFilter::PreFilter(const RuleSet &Rules,
                     ArrayRef<const CompiledRule *> Enabled) {
  for (const CompiledRule *R : Enabled) {
    TokenRequirement T = tokenRequirement(*R, Rules.Vocab);
    if (T.Unfilterable) {
      PassAll = true;
      return;
    }
    if (T.Also.empty()) {
      if (!Needed.add(T)) {
        PassAll = true;
        return;
      }
      continue;
    }
    std::vector<unsigned> Needs;
    for (const TokenRequirement *G : {&T, &T.Also.front()}) {
      Needs.push_back(Groups.size());
      if (!Groups.emplace_back().add(*G)) {
        PassAll = true;
        return;
      }
    }
    GroupRules.push_back(std::move(Needs));
  }
  PassAll |= !Enabled.empty() && Needed.empty() && GroupRules.empty();
}

bool PreFilter::isNeeded(StringRef Identifier) const {
  return Needed.spells(Identifier);
}

std::shared_ptr<const PreFilter::FileScan>
PreFilter::scan(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(ScanMutex);
    auto It = Scans.find(Path);
    if (It != Scans.end())
      return It->second;
  }
  auto Scan = std::make_shared<FileScan>();
  Scan->Groups.resize(Groups.size());
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/true);
  if (!Buf) {
    // Unreadable here: the parse will say why. Never skip on a guess.
    Scan->Mentions = Scan->Templates = true;
    Scan->Groups.set();
  } else {
    StringRef Text = (*Buf)->getBuffer();
    clang::LangOptions LO;
    LO.CPlusPlus = LO.CPlusPlus11 = LO.CPlusPlus14 = LO.CPlusPlus17 = true;
    LO.CPlusPlus20 = LO.LineComment = true;
    clang::Lexer L(clang::SourceLocation(), LO, Text.begin(), Text.begin(),
                   Text.end());
    StringSet<> Seen;
    clang::Token Tok;
    bool LineStart = true;
    // For `auto` parameters: the last token that is not const or volatile,
    // and the identifier before the last `(`.
    clang::tok::TokenKind Last = clang::tok::unknown;
    StringRef LastId, ParenOwner;
    while (!L.LexFromRawLexer(Tok) || Tok.isNot(clang::tok::eof)) {
      if (Tok.is(clang::tok::eof))
        break;
      bool AtLineStart = Tok.isAtStartOfLine() || LineStart;
      LineStart = false;
      if (AtLineStart && Tok.is(clang::tok::hash)) {
        // A directive: remember the file an #include names.
        clang::Token Dir;
        if (L.LexFromRawLexer(Dir) || Dir.isNot(clang::tok::raw_identifier))
          continue;
        StringRef D = Dir.getRawIdentifier();
        if (D != "include" && D != "include_next" && D != "import")
          continue;
        const char *P = Text.begin() + L.getCurrentBufferOffset();
        StringRef Rest(P, Text.end() - P);
        Rest = Rest.ltrim(" \t");
        if (Rest.empty() || (Rest[0] != '"' && Rest[0] != '<'))
          continue;
        char Close = Rest[0] == '"' ? '"' : '>';
        size_t End = Rest.find(Close, 1);
        if (End == StringRef::npos)
          continue;
        Scan->Includes.push_back((Rest[0] == '"' ? "q:" : "a:") +
                                 Rest.slice(1, End).str());
        // The header's name is not a use of what it declares. A line ends
        // at LF, CRLF or a lone CR (old Mac files), as Clang ends it.
        size_t Eol = Rest.find_first_of("\r\n");
        L.seek(Eol == StringRef::npos ? Text.size()
                                      : (Rest.data() - Text.begin()) + Eol,
               /*IsAtStartOfLine=*/false);
        continue;
      }
      StringRef Id;
      if (Tok.is(clang::tok::raw_identifier)) {
        Id = Tok.getRawIdentifier();
        if (Seen.insert(Id).second) {
          if (isNeeded(Id))
            Scan->Mentions = true;
          for (unsigned G = 0; G < Groups.size(); ++G)
            if (!Scan->Groups.test(G) && Groups[G].spells(Id))
              Scan->Groups.set(G);
        }
        if (Id == "template")
          Scan->Templates = true;
        // `(auto x`, `, const auto &y`: a parameter, unless the parenthesis
        // opens a statement's condition or a decltype.
        if (Id == "auto" &&
            (Last == clang::tok::comma ||
             (Last == clang::tok::l_paren &&
              !StringSwitch<bool>(ParenOwner)
                   .Cases("for", "if", "while", "switch", "decltype", true)
                   .Default(false))))
          Scan->Templates = true;
        if (Id == "const" || Id == "volatile")
          continue;
      }
      if (Tok.is(clang::tok::l_paren))
        ParenOwner = Last == clang::tok::raw_identifier ? LastId : StringRef();
      Last = Tok.getKind();
      LastId = Id;
    }
  }
  std::lock_guard<std::mutex> Lock(ScanMutex);
  auto &Slot = Scans[Path];
  if (!Slot)
    Slot = Scan;
  return Slot;
}

bool PreFilter::mayMatch(ArrayRef<clang::tooling::CompileCommand> Commands) {
  if (PassAll || Commands.empty())
    return true;
  if (anyFile(Commands, [](const FileScan &S) { return S.Mentions; }))
    return true;
  if (GroupRules.empty())
    return false;
  // A rule that needs two things spelled may find them in two files.
  BitVector Spelled(Groups.size());
  anyFile(Commands, [&](const FileScan &S) {
    Spelled |= S.Groups;
    return false;
  });
  return any_of(GroupRules, [&](const std::vector<unsigned> &Needs) {
    return all_of(Needs, [&](unsigned G) { return Spelled.test(G); });
  });
}

bool PreFilter::spellsTemplates(
    ArrayRef<clang::tooling::CompileCommand> Commands) {
  return Commands.empty() ||
         anyFile(Commands, [](const FileScan &S) { return S.Templates; });
}

bool PreFilter::anyFile(ArrayRef<clang::tooling::CompileCommand> Commands,
                        function_ref<bool(const FileScan &)> Visit) {
  for (const clang::tooling::CompileCommand &C : Commands) {
    SearchPaths SP = searchPaths(C);
    std::vector<std::string> Work = SP.Forced;
    Work.push_back(absoluteIn(C.Directory, C.Filename));
    std::set<std::string> Done;
    while (!Work.empty()) {
      std::string File = Work.back();
      Work.pop_back();
      if (!Done.insert(File).second)
        continue;
      std::shared_ptr<const FileScan> S = scan(File);
      if (Visit(*S))
        return true;
      StringRef Dir = sys::path::parent_path(File);
      for (StringRef Inc : S->Includes) {
        bool Quoted = Inc.consume_front("q:");
        Inc.consume_front("a:");
        std::vector<std::string> Candidates;
        if (sys::path::is_absolute(Inc)) {
          Candidates.push_back(Inc.str());
        } else {
          if (Quoted) {
            Candidates.push_back(absoluteIn(Dir, Inc));
            for (const std::string &Q : SP.Quote)
              Candidates.push_back(absoluteIn(Q, Inc));
          }
          for (const std::string &I : SP.Angled)
            Candidates.push_back(absoluteIn(I, Inc));
        }
        for (const std::string &Cand : Candidates)
          if (!isSystemDir(Cand) && sys::fs::is_regular_file(Cand)) {
            Work.push_back(Cand);
            break;
          }
      }
    }
  }
  return false;
}

} // namespace pitfix
