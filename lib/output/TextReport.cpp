//===- TextReport.cpp -----------------------------------------------------===//
#include "output/TextReport.h"

#include "output/TerminalReport.h"

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

/// The lines of one finding: the finding, its notes, and what became of
/// its rewrite.
static std::vector<ReportLine> linesOf(const Finding &F,
                                       const ReportStyle &Style) {
  std::vector<ReportLine> Lines{{F.Loc, F.Severity,
                                 F.Message + " [" + F.RuleId + "]"}};
  for (const Note &N : F.Notes)
    Lines.push_back({N.Loc.File.empty() ? F.Loc : N.Loc, "note", N.Message});
  auto Say = [&](const std::string &Msg) {
    Lines.push_back({F.Loc, "note", Msg});
  };
  std::string Solver = F.SolvedByRule.empty()
                           ? ""
                           : "the rewrite of the finding at " +
                                 std::to_string(F.SolvedByLoc.Line) + ":" +
                                 std::to_string(F.SolvedByLoc.Col) + " [" +
                                 F.SolvedByRule + "]";
  if (!F.Refusal.empty())
    Say("not rewritten: " + F.Refusal);
  else if (!Solver.empty() && F.Applied)
    Say("fixed by " + Solver);
  else if (!Solver.empty() && F.Conflict.empty() && F.NotWritten.empty())
    Say(Solver + " removes it too");
  else if (!F.Conflict.empty())
    Say("not rewritten: " + F.Conflict);
  else if (F.Applied)
    Say("fixed");
  else if (!F.NotWritten.empty())
    Say("not written: " + F.NotWritten);
  else if (!F.Edits.empty() && Style.DiffMode)
    Say("a fix is available: the patch on the standard output has it");
  else if (!F.Edits.empty() && !Style.FixMode)
    // Report mode has not compiled the rewrite; --fix and --diff do.
    Say("a fix may be available: run with --fix, or --diff to review it");
  return Lines;
}

void printText(raw_ostream &OS, const std::vector<Finding> &Findings,
               const ReportStyle &Style) {
  if (Style.Rich) {
    // After --fix the files on disk are the rewritten ones: no source
    // lines then, the offsets are those of the text as analysed.
    TerminalPrinter Printer(OS, Style.Colors, /*FixIts=*/!Style.FixMode,
                            Style.BaseDir, /*Snippets=*/!Style.FixMode);
    for (const Finding &F : Findings)
      Printer.print(linesOf(F, Style),
                    F.hasFix() && !F.Applied ? F.Edits : std::vector<Edit>{});
    return;
  }
  for (const Finding &F : Findings)
    for (const ReportLine &L : linesOf(F, Style))
      OS << displayPath(L.Loc.File, Style.BaseDir) << ":" << L.Loc.Line << ":"
         << L.Loc.Col << ": " << L.Level << ": " << L.Message << "\n";
}

} // namespace pitfix
