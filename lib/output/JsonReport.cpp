//===- JsonReport.cpp -----------------------------------------------------===//
#include "output/JsonReport.h"

#include "llvm/Support/JSON.h"

using namespace llvm;

namespace pitfix {

void printJson(raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<FileError> &Errors, const ReportStyle &Style,
               const std::vector<std::string> &Unlisted) {
  auto Path = [&](StringRef P) { return displayPath(P, Style.BaseDir); };
  json::Array Items;
  for (const Finding &F : Findings) {
    json::Array Notes, Edits;
    for (const Note &N : F.Notes) {
      const FileLoc &L = N.Loc.File.empty() ? F.Loc : N.Loc;
      Notes.push_back(json::Object{{"file", Path(L.File)},
                                   {"line", L.Line},
                                   {"column", L.Col},
                                   {"message", N.Message}});
    }
    for (const Edit &E : F.Edits)
      Edits.push_back(json::Object{{"file", Path(E.File)},
                                   {"offset", E.Offset},
                                   {"length", E.Length},
                                   {"text", E.Text}});
    FindingStatus S = statusOf(F);
    std::string Reason = S == FindingStatus::Refused    ? F.Refusal
                         : S == FindingStatus::Conflict ? F.Conflict
                         : S == FindingStatus::NotWritten ? F.NotWritten
                                                        : "";
    Items.push_back(json::Object{{"rule", F.RuleId},
                                 {"severity", F.Severity},
                                 {"file", Path(F.Loc.File)},
                                 {"line", F.Loc.Line},
                                 {"column", F.Loc.Col},
                                 {"message", F.Message},
                                 {"status", statusName(S)},
                                 {"reason", Reason},
                                 {"notes", std::move(Notes)},
                                 {"edits", std::move(Edits)}});
  }
  json::Array Errs;
  for (const FileError &E : Errors)
    Errs.push_back(
        json::Object{{"file", Path(E.File)}, {"message", E.Message}});
  json::Array Skipped;
  for (const std::string &F : Unlisted)
    Skipped.push_back(Path(F));
  json::Value Doc = json::Object{{"version", 1},
                                 {"findings", std::move(Items)},
                                 {"errors", std::move(Errs)},
                                 {"unlisted", std::move(Skipped)}};
  OS << formatv("{0:2}", Doc) << "\n";
}

} // namespace pitfix
