//===- Output.cpp ---------------------------------------------------------===//
#include "Output.h"

#include "edit/AtomicWrite.h"
#include "edit/UnifiedDiff.h"
#include "output/ExportFixes.h"
#include "output/GithubReport.h"
#include "output/JsonReport.h"
#include "output/SarifReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace pitfix {

Error writeChanges(BatchResult &R, const CliOptions &O,
                   const ReportStyle &Style, StringRef BuildDir) {
  if (!O.ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(O.ExportFixes, EC, sys::fs::OF_Text);
    if (EC)
      return createStringError(EC, O.ExportFixes + ": error: " + EC.message());
    writeExportedFixes(OS, R.Edits.findings(), BuildDir);
  }
  if (!O.Fix && !O.Diff)
    return Error::success();
  auto Contents = R.Edits.newContents();
  if (!Contents)
    return Contents.takeError();
  for (const auto &[File, Text] : *Contents) {
    if (O.Diff) {
      if (auto Old = MemoryBuffer::getFile(File))
        outs() << unifiedDiff(displayPath(File, Style.BaseDir),
                              (*Old)->getBuffer(), Text);
      continue;
    }
    if (Error E = writeFileAtomically(File, Text))
      return E;
  }
  outs().flush();
  if (O.Fix)
    for (Finding &F : R.Edits.findings())
      if (F.hasFix() && Contents->count(F.Edits.front().File))
        F.Applied = true;
  return Error::success();
}

void printFindings(raw_ostream &OS, const BatchResult &R, const CliOptions &O,
                   const RuleSet &Rules, const ReportStyle &Style,
                   const UnitReport *Streamed) {
  for (const FileError &E : R.Errors)
    errs() << E.Message << displayPath(E.File, Style.BaseDir)
           << ": error: the file does not compile; it is left untouched "
              "[pitfix]\n";
  for (const FileError &E : R.Skipped)
    errs() << displayPath(E.File, Style.BaseDir)
           << ": note: no translation unit includes this header and it does "
              "not compile on its own; skipped [pitfix]\n";
  std::vector<Finding> Changed;
  if (Streamed && Streamed->streams())
    Changed = Streamed->changed(R.Edits.findings());
  const std::vector<Finding> &Fs =
      Streamed && Streamed->streams() ? Changed : R.Edits.findings();
  switch (O.Format) {
  case OutputFormat::Text:
    printText(OS, Fs, Style);
    break;
  case OutputFormat::Json:
    printJson(OS, Fs, R.Errors, Style);
    break;
  case OutputFormat::Sarif:
    printSarif(OS, Rules, Fs, R.Errors, Style);
    break;
  case OutputFormat::Github:
    printGithub(OS, Fs, R.Errors, Style);
    break;
  }
  OS.flush();
}

} // namespace pitfix
