//===- RuleSpec.cpp -------------------------------------------------------===//
#include "config/RuleSpec.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace pitfix {

static const char *const Families[] = {"lifetime", "ordering", "sharing"};

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
  SourcePos IdPos, FamilyPos, SeverityPos;
  R.Id = M.str("id", true, &IdPos);
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
  R.Action = M.str("action", true, &R.ActionPos);
  readOptions(M, R);
  readExamples(M, R);
  readPreFilter(M, R);
  R.Preamble = M.str("preamble");
  readValid(M, R);
  if (Error E = M.finish())
    return std::move(E);

  // Field values that the schema constrains.
  if (!is_contained(Families, R.Family))
    return errorAt(FamilyPos, "family must be one of lifetime, ordering, "
                              "sharing (got '" + R.Family + "')");
  if (!StringRef(R.Id).starts_with(R.Family + "-"))
    return errorAt(IdPos, "rule id '" + R.Id + "' must start with its family '" +
                              R.Family + "-'");
  for (char C : R.Id)
    if (!(isLower(C) || isDigit(C) || C == '-'))
      return errorAt(IdPos, "rule id '" + R.Id +
                                "' may only use lower-case letters, digits and '-'");
  if (R.Severity != "warning" && R.Severity != "error" && R.Severity != "note")
    return errorAt(SeverityPos,
                   "severity must be warning, error or note (got '" +
                       R.Severity + "')");
  return R;
}

} // namespace pitfix
