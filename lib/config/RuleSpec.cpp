//===- RuleSpec.cpp -------------------------------------------------------===//
#include "config/RuleSpec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace pitfix {

/// A family, and the name after it: a lower-case identifier.
static bool isLowerIdentifier(StringRef S) {
  if (S.empty() || !isLower(S.front()))
    return false;
  return all_of(S, [](char C) { return isLower(C) || isDigit(C); });
}

/// `fix:`: a list of edits, each a mapping with one edit key.
static void readFix(StrictMap &M, RuleSpec &R) {
  YAML::Node Fix = M.node("fix");
  if (!Fix.IsDefined() || Fix.IsNull())
    return;
  R.FixPos = posOf(R.File, Fix);
  if (!Fix.IsSequence()) {
    M.fail(Fix, "'fix' must be a list of edits (replace, insert-before, "
                "insert-after, remove, include)");
    return;
  }
  static const std::pair<const char *, FixEdit::Kind> Kinds[] = {
      {"replace", FixEdit::Replace},
      {"insert-before", FixEdit::InsertBefore},
      {"insert-after", FixEdit::InsertAfter},
      {"remove", FixEdit::Remove},
      {"include", FixEdit::Include}};
  for (const YAML::Node &E : Fix) {
    StrictMap EM(R.File, E, "edit");
    FixEdit X;
    X.Pos = posOf(R.File, E);
    int Found = 0;
    for (const auto &K : Kinds)
      if (EM.has(K.first)) {
        ++Found;
        X.K = K.second;
        X.Bind = EM.str(K.first, false, &X.Pos);
      }
    if (Found != 1) {
      M.fail(E, Found ? "an edit has one of replace, insert-before, "
                        "insert-after, remove, include, not several"
                      : "an edit needs one of replace, insert-before, "
                        "insert-after, remove, include");
      return;
    }
    for (const auto &K : Kinds)
      if (K.second != X.K)
        EM.node(K.first); // claimed: their absence was checked above
    if (X.K == FixEdit::Replace)
      X.Text = EM.str("with", /*Required=*/true, &X.TextPos);
    if (X.K == FixEdit::InsertBefore || X.K == FixEdit::InsertAfter) {
      X.Text = EM.str("text", /*Required=*/true, &X.TextPos);
      SourcePos SP;
      std::string St = EM.str("statement", false, &SP);
      if (St == "true" || St == "yes" || St == "on")
        X.Statement = true;
      else if (!St.empty() && St != "false" && St != "no" && St != "off")
        EM.fail(errorAt(SP, "'statement' must be true or false"));
    }
    if (Error Err = EM.finish()) {
      M.fail(std::move(Err));
      return;
    }
    if (X.Bind.empty()) {
      M.fail(errorAt(X.Pos, "the edit names no bind (or header)"));
      return;
    }
    R.Fix.push_back(std::move(X));
  }
}

/// `where:`: a list of conditions, each `name: bind` or `not: {name: bind}`.
static void readWhere(StrictMap &M, RuleSpec &R) {
  YAML::Node W = M.node("where");
  if (!W.IsDefined() || W.IsNull())
    return;
  if (!W.IsSequence()) {
    M.fail(W, "'where' must be a list of conditions (see --list-conditions)");
    return;
  }
  for (const YAML::Node &E : W) {
    WhereCondition C;
    YAML::Node N = E;
    if (N.IsMap() && N.size() == 1 && N.begin()->first.Scalar() == "not") {
      C.Negated = true;
      N = N.begin()->second;
    }
    if (!N.IsMap() || N.size() != 1 || !N.begin()->second.IsScalar()) {
      M.fail(N, "a condition is written 'name: bind' or 'not: { name: bind }'");
      return;
    }
    C.Pos = posOf(R.File, N.begin()->first);
    C.Name = N.begin()->first.Scalar();
    C.Bind = N.begin()->second.Scalar();
    R.Where.push_back(std::move(C));
  }
}

static void readOptions(StrictMap &M, RuleSpec &R) {
  YAML::Node Opts = M.node("options");
  if (!Opts.IsDefined() || Opts.IsNull())
    return;
  if (!Opts.IsMap()) {
    M.fail(Opts, "'options' must be a mapping");
    return;
  }
  for (auto It = Opts.begin(); It != Opts.end(); ++It) {
    OptionValue V;
    V.Pos = posOf(R.File, It->first);
    if (It->second.IsSequence()) {
      V.IsList = true;
      auto L = readStringList(R.File, It->second);
      if (!L) {
        M.fail(L.takeError());
        return;
      }
      V.Values = *L;
    } else if (It->second.IsScalar()) {
      V.Values.push_back(It->second.Scalar());
    } else {
      M.fail(It->second, "option '" + It->first.Scalar() +
                             "' must be a string or a list of strings");
      return;
    }
    R.Options[It->first.Scalar()] = std::move(V);
  }
}

static void readExamples(StrictMap &M, RuleSpec &R) {
  YAML::Node Ex = M.node("examples");
  if (!Ex.IsDefined() || Ex.IsNull())
    return;
  if (!Ex.IsSequence()) {
    M.fail(Ex, "'examples' must be a list");
    return;
  }
  for (const YAML::Node &E : Ex) {
    StrictMap EM(R.File, E, "example");
    RuleExample X;
    X.Pos = posOf(R.File, E);
    X.Title = EM.str("title");
    X.Before = EM.str("before", /*Required=*/true);
    X.After = EM.str("after");
    X.Note = EM.str("note");
    if (Error Err = EM.finish()) {
      M.fail(std::move(Err));
      return;
    }
    R.Examples.push_back(std::move(X));
  }
}

/// The list of names under \p Key (`prefilter`, `prefilter-also`) into
/// \p Out; \p Expected says what else the key may hold, for the error.
static void readNames(StrictMap &M, const RuleSpec &R, const YAML::Node &P,
                      StringRef Key, StringRef Expected,
                      std::vector<std::string> &Out) {
  if (!P.IsSequence()) {
    M.fail(P, "'" + Key + "' must be " + Expected +
                  "a list of vocabulary names and identifiers");
    return;
  }
  auto L = readStringList(R.File, P);
  if (!L) {
    M.fail(L.takeError());
    return;
  }
  Out = std::move(*L);
}

/// `prefilter: false`, or a list of the names the action needs as well;
/// `prefilter-also: [...]`, one more list of which the unit must spell one
/// too.
static void readPreFilter(StrictMap &M, RuleSpec &R) {
  YAML::Node P = M.node("prefilter");
  if (P.IsScalar() &&
      (P.Scalar() == "false" || P.Scalar() == "off" || P.Scalar() == "no"))
    R.PreFilterOff = true;
  else if (P.IsDefined() && !P.IsNull() &&
           !(P.IsScalar() && (P.Scalar() == "true" || P.Scalar() == "on" ||
                              P.Scalar() == "yes")))
    readNames(M, R, P, "prefilter", "false or ", R.PreFilterNames);
  YAML::Node Also = M.node("prefilter-also");
  if (Also.IsDefined() && !Also.IsNull())
    readNames(M, R, Also, "prefilter-also", "", R.PreFilterAlso);
}

/// `valid:` snippets that the rule must leave silent (--test-rules).
static void readValid(StrictMap &M, RuleSpec &R) {
  YAML::Node V = M.node("valid");
  if (!V.IsDefined() || V.IsNull())
    return;
  if (!V.IsSequence()) {
    M.fail(V, "'valid' must be a list of code snippets");
    return;
  }
  for (const YAML::Node &C : V) {
    if (!C.IsScalar()) {
      M.fail(C, "each entry of 'valid' must be a code snippet (a string)");
      return;
    }
    R.Valid.push_back({C.Scalar(), posOf(R.File, C)});
  }
}

Expected<RuleSpec> readRuleFile(StringRef Path) {
  auto Doc = loadYamlFile(Path);
  if (!Doc)
    return Doc.takeError();
  RuleSpec R;
  R.File = Path.str();
  R.Pos = posOf(Path, *Doc);
  StrictMap M(Path, *Doc, "rule");
  SourcePos FamilyPos, SeverityPos;
  R.Id = M.str("id", true, &R.IdPos);
  R.Family = M.str("family", true, &FamilyPos);
  std::string Sev = M.str("severity", false, &SeverityPos);
  if (!Sev.empty())
    R.Severity = Sev;
  R.Summary = M.str("summary", true);
  R.Seed = M.str("seed");
  R.Description = M.str("description");
  R.Message = M.str("message", true, &R.MessagePos);

  YAML::Node MatchNode = M.node("match");
  if (!MatchNode.IsDefined()) {
    M.fail(*Doc, "rule has no 'match'");
  } else {
    auto Src = readMatcherSource(Path, MatchNode);
    if (Src)
      R.Match = std::move(*Src);
    else
      M.fail(Src.takeError());
  }
  // `strategy:`; `action:` is its older spelling.
  SourcePos ActionKeyPos;
  R.Action = M.str("strategy", false, &R.ActionPos);
  std::string OldSpelling = M.str("action", false, &ActionKeyPos);
  bool BothSpellings = !OldSpelling.empty() && !R.Action.empty();
  if (R.Action.empty()) {
    R.Action = OldSpelling;
    R.ActionPos = ActionKeyPos;
  }
  readFix(M, R);
  readWhere(M, R);
  readOptions(M, R);
  readExamples(M, R);
  readPreFilter(M, R);
  R.Preamble = M.str("preamble");
  readValid(M, R);
  if (Error E = M.finish())
    return std::move(E);

  // Field values that the schema constrains.
  if (!isLowerIdentifier(R.Family))
    return errorAt(FamilyPos, "family must be a lower-case identifier such as "
                              "sharing or acme (got '" + R.Family + "')");
  if (BothSpellings)
    return errorAt(ActionKeyPos, "'action' is the older spelling of "
                                 "'strategy'; a rule has one of them");
  if (!R.Action.empty() && !R.Fix.empty())
    return errorAt(R.FixPos, "a rule has either 'strategy' (a built-in "
                             "rewrite) or 'fix' (edits), not both");
  if (R.Action.empty() && !R.Options.empty())
    return errorAt(R.Options.begin()->second.Pos,
                   "'options' are for a rule's strategy; this rule has none");
  if (!StringRef(R.Id).starts_with(R.Family + "-"))
    return errorAt(R.IdPos, "rule id '" + R.Id + "' must start with its family '" +
                              R.Family + "-'");
  for (char C : R.Id)
    if (!(isLower(C) || isDigit(C) || C == '-'))
      return errorAt(R.IdPos, "rule id '" + R.Id +
                                "' may only use lower-case letters, digits and '-'");
  if (R.Severity != "warning" && R.Severity != "error" && R.Severity != "note")
    return errorAt(SeverityPos,
                   "severity must be warning, error or note (got '" +
                       R.Severity + "')");
  return R;
}

} // namespace pitfix
