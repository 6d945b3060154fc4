//===- RuleSet.cpp --------------------------------------------------------===//
#include "engine/RuleSet.h"

#include "config/MatcherParser.h"

#include "engine/ConditionMatchers.h"
#include "engine/DirectoryWalk.h"
#include "engine/MatchContext.h"
#include "engine/RuleNames.h"
#include "engine/Runner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
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
  for (RuleSpec &S : Specs) {
    if (S.Id != Spec->Id)
      continue;
    // The first wins silently no more: two rule files of a user with one
    // id are a mistake (a copy renamed without its id changed).
    if (!Overridable.erase(S.Id) && !sys::fs::equivalent(S.File, Spec->File))
      return errorAt(Spec->IdPos.File.empty() ? Spec->Pos : Spec->IdPos,
                     "rule id '" + Spec->Id + "' is already defined in " +
                         (S.IdPos.File.empty() ? S.Pos : S.IdPos).str() +
                         "; each rule needs an id of its own");
    S = std::move(*Spec);
    return Error::success();
  }
  Specs.push_back(std::move(*Spec));
  return Error::success();
}

void RuleLoader::markLoadedOverridable() {
  for (const RuleSpec &S : Specs)
    Overridable.insert(S.Id);
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

/// Checks that the action's required binds are bound (ActionInfo::Binds).
static Error checkActionBinds(const RuleSpec &Spec, const ActionInfo &Info,
                              const std::map<std::string, OptionValue> &Opts,
                              const std::set<std::string> &Bound) {
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
                   "strategy '" + Spec.Action + "' needs the node bound as " +
                       Want + ", which the matcher does not bind (add .bind(" +
                       "\"" + Names.front() + "\") to it)");
  }
  return Error::success();
}

/// Checks the rule's own binds and placeholders: every condition and edit
/// names a node the matcher binds, and every placeholder of the message and
/// of the edits' templates has a source (the action, a condition, a bind,
/// or `fresh:` in an edit). Errors point at the key in the rule file.
static Error checkPlaceholders(const RuleSpec &Spec, const ActionInfo *Info,
                               const std::vector<const ConditionInfo *> &Conds,
                               ArrayRef<MatcherCondition> InMatcher,
                               const std::set<std::string> &MatcherBinds) {
  // The conditions that hold for every match: the `where:` ones not
  // negated, and those of the matcher that no unless, anyOf, ... encloses.
  std::vector<const ConditionInfo *> Holding;
  for (size_t I = 0; I < Conds.size(); ++I)
    if (!Spec.Where[I].Negated)
      Holding.push_back(Conds[I]);
  for (const MatcherCondition &M : InMatcher)
    if (M.Required)
      Holding.push_back(M.Info);
  // The matcher's binds, and those of conditions that hold (for edits).
  std::set<std::string> Bound = MatcherBinds;
  for (const ConditionInfo *C : Holding)
    for (const char *B : C->Binds)
      Bound.insert(B);
  std::set<std::string> Filled;
  if (Info)
    for (const char *P : Info->Placeholders)
      Filled.insert(P);
  for (const ConditionInfo *C : Holding)
    for (const char *P : C->Fills)
      Filled.insert(P);
  auto Known = [&](StringRef P, bool InEdit) {
    if (Filled.count(P.str()))
      return true;
    if (InEdit && P.consume_front("fresh:")) {
      SmallVector<StringRef, 4> Names;
      P.split(Names, '|');
      return all_of(Names, [](StringRef N) {
        return !N.empty() && !isDigit(N.front()) &&
               all_of(N, [](char C) { return isAlnum(C) || C == '_'; });
      });
    }
    P.consume_back(".name");
    return Bound.count(P.str()) != 0;
  };
  auto Sources = [&]() {
    std::string S;
    for (const std::string &F : Filled)
      S += (S.empty() ? "{" : ", {") + F + "}";
    for (const std::string &B : Bound)
      S += (S.empty() ? "{" : ", {") + B + "}";
    return S;
  };
  for (const std::string &P : templatePlaceholders(Spec.Message))
    if (!Known(P, false))
      return errorAt(Spec.MessagePos,
                     "the message uses the placeholder '{" + P +
                         "}', which nothing fills (" +
                         (Info ? "strategy '" + Spec.Action + "', " : "") +
                         "the conditions and the binds fill: " + Sources() + ")");
  for (const FixEdit &E : Spec.Fix) {
    if (E.K != FixEdit::Include && !Bound.count(E.Bind))
      return errorAt(E.Pos, "the edit applies to '" + E.Bind +
                                "', which neither the matcher nor a condition "
                                "that must hold binds (add .bind(\"" +
                                E.Bind + "\") to the matcher)");
    if (E.K == FixEdit::Include && !isHeaderName(E.Bind))
      return errorAt(E.Pos, "'" + E.Bind + "' is not a header name (write "
                                           "<header> or \"header\")");
    for (const std::string &P : templatePlaceholders(E.Text))
      if (!Known(P, true))
        return errorAt(E.TextPos, "the template uses the placeholder '{" + P +
                                      "}', which nothing fills (the conditions "
                                      "and the binds fill: " + Sources() +
                                      "; {fresh:name} makes a new name, "
                                      "{fresh:a|b} the first of a, b unused)");
  }
  for (const WhereCondition &W : Spec.Where)
    if (!MatcherBinds.count(W.Bind))
      return errorAt(W.Pos, "condition '" + W.Name + "' is asked of '" + W.Bind +
                                "', which the matcher does not bind (add .bind(\"" +
                                W.Bind + "\") to it)");
  return Error::success();
}

/// The conditions of \p Spec's `where:`, or an error at an unknown one.
static Expected<std::vector<const ConditionInfo *>>
resolveConditions(const RuleSpec &Spec, ArrayRef<ConditionInfo> Table) {
  std::vector<const ConditionInfo *> Out;
  for (const WhereCondition &W : Spec.Where) {
    const ConditionInfo *C = nullptr;
    for (const ConditionInfo &K : Table)
      if (W.Name == K.Name)
        C = &K;
    if (!C) {
      std::vector<std::string> Known;
      for (const ConditionInfo &K : Table)
        Known.push_back(K.Name);
      std::string Near = nearestRuleId(W.Name, Known);
      return errorAt(W.Pos, "unknown condition '" + W.Name + "' (" +
                                (Near.empty() ? "" : "did you mean '" + Near +
                                                         "'? ") +
                                "see --list-conditions)");
    }
    Out.push_back(C);
  }
  return Out;
}

/// A matcher not found whose name is a near miss of a condition's matcher
/// ("lockHold"): the error says which one was meant.
static Error withConditionHint(Error E, ArrayRef<ConditionInfo> Conds) {
  std::string Msg = toString(std::move(E));
  StringRef NotFound = "Matcher not found: ";
  size_t At = Msg.find(NotFound);
  if (At != std::string::npos) {
    StringRef Name = StringRef(Msg).substr(At + NotFound.size());
    Name = Name.take_while([](char C) { return isAlnum(C) || C == '_'; });
    std::vector<std::string> Known;
    for (const ConditionInfo &C : Conds)
      Known.push_back(C.matcherName());
    std::string Hint = didYouMean(Name, Known);
    size_t End = At + NotFound.size() + Name.size();
    Msg.insert(End, Hint);
  }
  return createStringError(inconvertibleErrorCode(), Msg);
}

Expected<std::unique_ptr<CompiledRule>>
compileRule(RuleSpec Spec, const Vocabulary &Vocab, const RuleLanguage &Lang) {
  ArrayRef<ActionInfo> Actions = Lang.Actions;
  auto R = std::make_unique<CompiledRule>();
  std::map<std::string, OptionValue> Opts = Spec.Options;
  if (!Spec.Action.empty()) {
    R->Info = findAction(Actions, Spec.Action);
    if (!R->Info) {
      std::string Known;
      for (const ActionInfo &A : Actions)
        Known += (Known.empty() ? "" : ", ") + std::string(A.Name);
      return errorAt(Spec.ActionPos, "unknown strategy '" + Spec.Action +
                                         "' (known: " + Known + ")");
    }
    // Options: unknown names are errors; defaults fill the rest.
    for (const auto &O : Spec.Options) {
      bool Known = any_of(R->Info->Options, [&](const OptionSpec &S) {
        return O.first == S.Name;
      });
      if (!Known) {
        std::string Names;
        for (const OptionSpec &S : R->Info->Options)
          Names += (Names.empty() ? "" : ", ") + std::string(S.Name);
        return errorAt(O.second.Pos, "strategy '" + Spec.Action +
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
  } else if (!Spec.Options.empty()) {
    // Options a configuration gives a rule without a strategy (a rule file
    // cannot: RuleSpec refuses them).
    const auto &O = *Spec.Options.begin();
    return errorAt(O.second.Pos,
                   "rule '" + Spec.Id + "' has no strategy and takes no "
                   "options (got '" + O.first + "'); its edits are in its "
                   "'fix:'");
  }
  auto Conds = resolveConditions(Spec, Lang.Conditions);
  if (!Conds)
    return Conds.takeError();
  R->Conditions = std::move(*Conds);
  ConditionSema Sema(Lang.Conditions, *R);
  auto M = parseMatcher(Spec.Match, Vocab.namedMatchers().Values, &Sema);
  if (!M)
    return withConditionHint(M.takeError(), Lang.Conditions);
  R->MatcherConditions = Sema.used();
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
  std::set<std::string> Binds = {"root"};
  bindNamesIn(Spec.Match.Text, Binds);
  // A named matcher of the vocabulary may bind too.
  for (const auto &D : Vocab.matcherDefs())
    bindNamesIn(D.second.Text, Binds);
  if (R->Info)
    if (Error E = checkActionBinds(Spec, *R->Info, Opts, Binds))
      return std::move(E);
  if (Error E = checkPlaceholders(Spec, R->Info, R->Conditions,
                                  R->MatcherConditions, Binds))
    return std::move(E);
  R->Matcher = std::make_shared<clang::ast_matchers::internal::DynTypedMatcher>(
      std::move(*Bound));
  if (R->Info) {
    auto A = R->Info->Create(ActionOptions(Spec.File, Spec.ActionPos, Opts));
    if (!A)
      return A.takeError();
    R->Act = std::move(*A);
  } else if (Lang.RuleEdits) {
    R->Act = Lang.RuleEdits(Spec);
  } else {
    return errorAt(Spec.Pos, "rule '" + Spec.Id + "' has no 'strategy'");
  }
  R->Spec = std::move(Spec);
  return std::move(R);
}

Expected<RuleSet> RuleLoader::build() {
  RuleSet Set;
  if (Error E = Vocab.compile())
    return std::move(E);
  for (RuleSpec &S : Specs) {
    auto R = compileRule(S, Vocab, Lang);
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
