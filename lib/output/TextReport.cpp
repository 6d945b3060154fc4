//===- TextReport.cpp -----------------------------------------------------===//
#include "output/TextReport.h"

using namespace llvm;

namespace pitfix {

std::string displayPath(StringRef Path, StringRef BaseDir) {
  if (!BaseDir.empty() && Path.starts_with(BaseDir)) {
    StringRef Rest = Path.drop_front(BaseDir.size());
    if (BaseDir.ends_with("/"))
      return Rest.str();
    if (Rest.consume_front("/"))
      return Rest.str();
  }
  return Path.str();
}

static void location(raw_ostream &OS, const FileLoc &L, const ReportStyle &S) {
  OS << displayPath(L.File, S.BaseDir) << ":" << L.Line << ":" << L.Col << ": ";
}

void printText(raw_ostream &OS, const std::vector<Finding> &Findings,
               const ReportStyle &Style) {
  for (const Finding &F : Findings) {
    location(OS, F.Loc, Style);
    OS << F.Severity << ": " << F.Message << " [" << F.RuleId << "]\n";
    for (const Note &N : F.Notes) {
      location(OS, N.Loc.File.empty() ? F.Loc : N.Loc, Style);
      OS << "note: " << N.Message << "\n";
    }
    auto Say = [&](const std::string &Msg) {
      location(OS, F.Loc, Style);
      OS << "note: " << Msg << "\n";
    };
    if (!F.Refusal.empty())
      Say("not rewritten: " + F.Refusal);
    else if (!F.Conflict.empty())
      Say("not rewritten: " + F.Conflict);
    else if (F.Applied)
      Say("fixed");
    else if (!F.NotWritten.empty())
      Say("not written: " + F.NotWritten);
    else if (!F.Edits.empty() && Style.DiffMode)
      Say("a fix is available: the patch on the standard output has it");
    else if (!F.Edits.empty() && !Style.FixMode)
      Say("a fix is available: run with --fix, or --diff to review it");
  }
}

} // namespace pitfix
