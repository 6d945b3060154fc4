//===- RuleSet.cpp --------------------------------------------------------===//
#include "engine/RuleSet.h"

#include "config/MatcherParser.h"

#include "engine/DirectoryWalk.h"
#include "engine/Runner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <algorithm>
#include <set>

using namespace llvm;

namespace pitfix {

const CompiledRule *RuleSet::find(StringRef Id) const {
  for (const auto &R : Rules)
    if (R->id() == Id)
      return R.get();
  return nullptr;
}

Error RuleLoader::addDirectory(StringRef Dir) {
  if (!sys::fs::is_directory(Dir))
    return createStringError(inconvertibleErrorCode(),
                             Dir + ": error: rules directory not found");
  std::vector<std::string> Files;
  if (Error E = walkDirectory(
          Dir, [](StringRef, StringRef) { return true; },
          [&](StringRef P, StringRef) {
            StringRef Ext = sys::path::extension(P);
            if (Ext == ".yaml" || Ext == ".yml")
              Files.push_back(P.str());
          }))
    return E;
  llvm::sort(Files);
  for (const std::string &F : Files) {
    if (sys::path::filename(F).starts_with("vocabulary")) {
      if (Error E = Vocab.addFile(F))
        return E;
    } else if (Error E = addRuleFile(F)) {
      return E;
    }
  }
  return Error::success();
}

Error RuleLoader::addRuleFile(StringRef Path) {
  auto Spec = readRuleFile(Path);
  if (!Spec)
    return Spec.takeError();
  for (RuleSpec &S : Specs)
    if (S.Id == Spec->Id) {
      S = std::move(*Spec);
      return Error::success();
    }
  Specs.push_back(std::move(*Spec));
  return Error::success();
}

Error RuleLoader::setOption(StringRef RuleId, StringRef Name,
                             OptionValue Value, const SourcePos &Where) {
  for (RuleSpec &S : Specs)
    if (S.Id == RuleId) {
      S.Options[Name.str()] = std::move(Value);
      return Error::success();
    }
  return errorAt(Where, "unknown rule '" + RuleId + "' (see --list-checks)");
}

/// The names that `.bind("name")` gives in \p Text.
static void bindNamesIn(StringRef Text, std::set<std::string> &Out) {
  static const Regex Bind("\\.bind[[:space:]]*\\([[:space:]]*\"([^\"]*)\"");
  SmallVector<StringRef, 2> M;
  while (Bind.match(Text, &M)) {
    Out.insert(M[1].str());
    Text = Text.drop_front(M[0].data() + M[0].size() - Text.data());
  }
}

/// Checks the rule against its action's contract (ActionInfo::Binds and
/// Placeholders): a required node the matcher never binds, or a message
/// placeholder the action never fills, is an error at the rule's matcher or
/// message.
static Error checkContract(const RuleSpec &Spec, const ActionInfo &Info,
                           const std::map<std::string, OptionValue> &Opts,
                           const Vocabulary &Vocab) {
  std::set<std::string> Bound = {"root"};
  bindNamesIn(Spec.Match.Text, Bound);
  // A named matcher of the vocabulary may bind too.
  for (const auto &D : Vocab.matcherDefs())
    bindNamesIn(D.second.Text, Bound);
  for (const BindRequirement &Req : Info.Binds) {
    std::vector<std::string> Names;
    for (const BindName &B : Req) {
      std::string N = B.Name ? B.Name : "";
      if (B.Option) {
        auto It = Opts.find(B.Option);
        if (It != Opts.end() && !It->second.Values.empty())
          N = It->second.Values.front();
      }
      if (!N.empty())
        Names.push_back(N);
    }
    if (Names.empty() || any_of(Names, [&](const std::string &N) {
          return Bound.count(N) != 0;
        }))
      continue;
    std::string Want;
    for (const std::string &N : Names)
      Want += (Want.empty() ? "" : " or ") + ("\"" + N + "\"");
    return errorAt(Spec.Match.Pos,
                   "action '" + Spec.Action + "' needs the node bound as " +
                       Want + ", which the matcher does not bind (add .bind(" +
                       "\"" + Names.front() + "\") to it)");
  }
  static const Regex Placeholder("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  StringRef Msg = Spec.Message;
  SmallVector<StringRef, 2> M;
  while (Placeholder.match(Msg, &M)) {
    if (!any_of(Info.Placeholders,
                [&](const char *P) { return M[1] == P; })) {
      std::string Known;
      for (const char *P : Info.Placeholders)
        Known += (Known.empty() ? "{" : ", {") + std::string(P) + "}";
      return errorAt(Spec.MessagePos,
                     "the message uses the placeholder '{" + M[1] +
                         "}', which action '" + Spec.Action +
                         "' does not fill (it fills: " +
                         (Known.empty() ? "none" : Known) + ")");
    }
    Msg = Msg.drop_front(M[0].data() + M[0].size() - Msg.data());
  }
  return Error::success();
}

Expected<std::unique_ptr<CompiledRule>>
compileRule(RuleSpec Spec, const Vocabulary &Vocab,
            ArrayRef<ActionInfo> Actions) {
  auto R = std::make_unique<CompiledRule>();
  R->Info = findAction(Actions, Spec.Action);
  if (!R->Info) {
    std::string Known;
    for (const ActionInfo &A : Actions)
      Known += (Known.empty() ? "" : ", ") + std::string(A.Name);
    return errorAt(Spec.ActionPos, "unknown action '" + Spec.Action +
                                       "' (known: " + Known + ")");
  }
  // Options: unknown names are errors; defaults fill the rest.
  std::map<std::string, OptionValue> Opts = Spec.Options;
  for (const auto &O : Spec.Options) {
    bool Known = any_of(R->Info->Options, [&](const OptionSpec &S) {
      return O.first == S.Name;
    });
    if (!Known) {
      std::string Names;
      for (const OptionSpec &S : R->Info->Options)
        Names += (Names.empty() ? "" : ", ") + std::string(S.Name);
      return errorAt(O.second.Pos, "action '" + Spec.Action +
                                       "' has no option '" + O.first +
                                       "' (options: " +
                                       (Names.empty() ? "none" : Names) + ")");
    }
  }
  for (const OptionSpec &S : R->Info->Options)
    if (S.Default && !Opts.count(S.Name)) {
      OptionValue V;
      V.Values.push_back(S.Default);
      Opts[S.Name] = V;
    }
  auto M = parseMatcher(Spec.Match, Vocab.namedMatchers().Values);
  if (!M)
    return M.takeError();
  std::optional<clang::ast_matchers::internal::DynTypedMatcher> Bound =
      M->tryBind("root");
  if (!Bound)
    return errorAt(Spec.Match.Pos,
                   "the match expression must be a node matcher "
                   "(such as callExpr(...) or varDecl(...))");
  if (!isTopLevelMatcher(*Bound))
    return errorAt(Spec.Match.Pos,
                   "the match expression must match declarations, statements "
                   "or types, which the engine can visit");
  if (Error E = checkContract(Spec, *R->Info, Opts, Vocab))
    return std::move(E);
  R->Matcher = std::make_shared<clang::ast_matchers::internal::DynTypedMatcher>(
      std::move(*Bound));
  auto A = R->Info->Create(ActionOptions(Spec.File, Spec.ActionPos, Opts));
  if (!A)
    return A.takeError();
  R->Act = std::move(*A);
  R->Spec = std::move(Spec);
  return std::move(R);
}

Expected<RuleSet> RuleLoader::build() {
  RuleSet Set;
  if (Error E = Vocab.compile())
    return std::move(E);
  for (RuleSpec &S : Specs) {
    auto R = compileRule(S, Vocab, Actions);
    if (!R)
      return R.takeError();
    Set.Rules.push_back(std::move(*R));
  }
  llvm::sort(Set.Rules, [](const auto &A, const auto &B) {
    return A->id() < B->id();
  });
  Set.Vocab = std::move(Vocab);
  // The matchers were compiled against the vocabulary's named values, which
  // they copy; moving the vocabulary afterwards is safe.
  return std::move(Set);
}

} // namespace pitfix
