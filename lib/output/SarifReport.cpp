//===- SarifReport.cpp ----------------------------------------------------===//
#include "output/SarifReport.h"

#include "output/Fingerprint.h"
#include "output/RuleDocs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

using namespace llvm;

namespace pitfix {

std::string pathToUri(StringRef Path) {
  std::string Out = Path.starts_with("/") ? "file://" : "";
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

static const char *level(StringRef Severity) {
  if (Severity == "error")
    return "error";
  if (Severity == "warning")
    return "warning";
  return "note";
}

namespace {
/// Builds the parts of the log that name files.
struct Locator {
  const ReportStyle &Style;

  json::Object artifact(StringRef File) const {
    std::string Shown = displayPath(File, Style.BaseDir);
    if (Shown != File)
      return json::Object{{"uri", pathToUri(Shown)}, {"uriBaseId", "SRCROOT"}};
    return json::Object{{"uri", pathToUri(File)}};
  }
  json::Object location(const FileLoc &L, StringRef Message = "") const {
    json::Object Phys{{"artifactLocation", artifact(L.File)},
                      {"region", json::Object{{"startLine", L.Line},
                                              {"startColumn", L.Col}}}};
    json::Object Loc{{"physicalLocation", std::move(Phys)}};
    if (!Message.empty())
      Loc["message"] = json::Object{{"text", Message}};
    return Loc;
  }
};
} // namespace

/// The finding's rewrite as a SARIF fix: one artifact change per file.
static json::Array fixesOf(const Finding &F, const Locator &Loc) {
  json::Array Fixes;
  if (!F.hasFix() || !F.Refusal.empty())
    return Fixes;
  std::vector<std::string> Files;
  for (const Edit &E : F.Edits)
    if (!is_contained(Files, E.File))
      Files.push_back(E.File);
  json::Array Changes;
  for (const std::string &File : Files) {
    json::Array Repl;
    for (const Edit &E : F.Edits)
      if (E.File == File)
        Repl.push_back(json::Object{
            {"deletedRegion", json::Object{{"byteOffset", E.Offset},
                                           {"byteLength", E.Length}}},
            {"insertedContent", json::Object{{"text", E.Text}}}});
    Changes.push_back(json::Object{{"artifactLocation", Loc.artifact(File)},
                                   {"replacements", std::move(Repl)}});
  }
  Fixes.push_back(
      json::Object{{"description", json::Object{{"text", "pitfix rewrite for " +
                                                             F.RuleId}}},
                   {"artifactChanges", std::move(Changes)}});
  return Fixes;
}

void printSarif(raw_ostream &OS, const RuleSet &Rules,
                const std::vector<Finding> &Findings,
                const std::vector<FileError> &Errors, const ReportStyle &Style,
                const std::vector<std::string> &Unlisted) {
  Locator Loc{Style};
  json::Array RuleList;
  std::map<std::string, size_t> RuleIndex;
  for (const auto &R : Rules.Rules) {
    RuleIndex[R->id()] = RuleList.size();
    std::string Full = R->Spec.Description.empty() ? R->Spec.Summary
                                                   : R->Spec.Description;
    RuleList.push_back(json::Object{
        {"id", R->id()},
        {"shortDescription", json::Object{{"text", R->Spec.Summary}}},
        {"fullDescription", json::Object{{"text", Full}}},
        {"defaultConfiguration",
         json::Object{{"level", level(R->Spec.Severity)}}},
        {"help", json::Object{{"text", Full},
                              {"markdown", ruleDocPage(*R)}}},
        {"properties", json::Object{{"family", R->Spec.Family},
                                    {"action", strategyName(R->Spec)}}}});
    if (!Style.DocRootUri.empty())
      (*RuleList.back().getAsObject())["helpUri"] =
          Style.DocRootUri + "/docs/rules/" + R->id() + ".md";
  }

  json::Array Results;
  for (const Finding &F : Findings) {
    json::Array Related;
    for (const Note &N : F.Notes)
      Related.push_back(Loc.location(N.Loc.File.empty() ? F.Loc : N.Loc,
                                     N.Message));
    std::string Text = F.Message;
    FindingStatus S = statusOf(F);
    if (S == FindingStatus::Refused)
      Text += " (not rewritten: " + F.Refusal + ")";
    else if (S == FindingStatus::Conflict)
      Text += " (not rewritten: " + F.Conflict + ")";
    else if (S == FindingStatus::NotWritten)
      Text += " (not written: " + F.NotWritten + ")";
    json::Object Result{{"ruleId", F.RuleId},
                        {"level", level(F.Severity)},
                        {"message", json::Object{{"text", Text}}},
                        {"locations", json::Array{Loc.location(F.Loc)}},
                        {"properties", json::Object{{"status", statusName(S)}}}};
    if (Style.Fingerprints) {
      auto FP = Style.Fingerprints->find(F.key());
      if (FP != Style.Fingerprints->end())
        Result["partialFingerprints"] =
            json::Object{{FingerprintKey, FP->second}};
    }
    auto It = RuleIndex.find(F.RuleId);
    if (It != RuleIndex.end())
      Result["ruleIndex"] = It->second;
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    json::Array Fixes = fixesOf(F, Loc);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Results.push_back(std::move(Result));
  }

  json::Array Notifications;
  for (const FileError &E : Errors)
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", E.Message}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation",
                                         Loc.artifact(E.File)}}}}}}});
  for (const std::string &F : Unlisted)
    Notifications.push_back(json::Object{
        {"level", "note"},
        {"message", json::Object{{"text", "the compile database does not "
                                          "list this file; not analysed"}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation",
                                         Loc.artifact(F)}}}}}}});

  json::Object Driver{{"name", "pitfix"}, {"rules", std::move(RuleList)}};
  if (!Style.ToolVersion.empty()) {
    Driver["version"] = Style.ToolVersion;
    Driver["semanticVersion"] = Style.ToolVersion;
  }
  if (!Style.DocRootUri.empty())
    Driver["informationUri"] = Style.DocRootUri + "/README.md";
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"invocations",
       json::Array{json::Object{
           {"executionSuccessful", Errors.empty()},
           {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)}};
  if (!Style.BaseDir.empty()) {
    std::string Base = pathToUri(Style.BaseDir);
    if (!StringRef(Base).ends_with("/"))
      Base += "/";
    Run["originalUriBaseIds"] =
        json::Object{{"SRCROOT", json::Object{{"uri", Base}}}};
  }
  json::Value Log = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
  OS << formatv("{0:2}", Log) << "\n";
}

} // namespace pitfix
