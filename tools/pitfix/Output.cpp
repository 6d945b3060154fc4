//===- Output.cpp ---------------------------------------------------------===//
#include "Output.h"

#include "edit/AtomicWrite.h"
#include "edit/InPlaceUndo.h"
#include "edit/UnifiedDiff.h"
#include "output/ExportFixes.h"
#include "output/GithubReport.h"
#include "output/JsonReport.h"
#include "output/SarifReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <set>

using namespace llvm;

namespace pitfix {

/// The files a finding's rewrite touches.
static bool touches(const Finding &F, StringRef File) {
  return any_of(F.Edits, [&](const Edit &E) { return E.File == File; });
}

/// Marks the fixable findings that touch \p File as not written.
static void refuseWrite(std::vector<Finding> &Fs, StringRef File,
                        const std::string &Why) {
  for (Finding &F : Fs)
    if (F.hasFix() && touches(F, File))
      F.NotWritten = Why;
}

/// The rewrites that may be written: files that changed since they were
/// analysed, cannot be read or (with --fix) must not be written drop every
/// finding that touches them, and so the edits those findings make in other
/// files, until no file has a problem left. The files of \p Done (already
/// written or refused) are left out.
static std::map<std::string, FileRewrite>
writableRewrites(EditSet &Edits, bool Fix,
                 const std::set<std::string> &Done = {}) {
  for (;;) {
    std::map<std::string, FileRewrite> Rs = Edits.rewrites();
    for (const std::string &F : Done)
      Rs.erase(F);
    bool Dropped = false;
    for (auto &[File, R] : Rs) {
      std::string Why = R.Problem;
      if (Why.empty() && Fix)
        Why = writeRefusal(File);
      if (Why.empty())
        continue;
      refuseWrite(Edits.findings(), File, Why);
      Dropped = true;
    }
    if (!Dropped)
      return Rs;
  }
}

Expected<bool> writeChanges(BatchResult &R, const CliOptions &O,
                            const ReportStyle &Style, StringRef BuildDir) {
  if (!O.ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(O.ExportFixes, EC, sys::fs::OF_Text);
    if (EC)
      return createStringError(EC, O.ExportFixes + ": error: " + EC.message());
    writeExportedFixes(OS, R.Edits.findings(), BuildDir);
    OS.close();
    if (OS.has_error()) {
      EC = OS.error();
      OS.clear_error();
      return createStringError(EC, O.ExportFixes + ": error: cannot write: " +
                                       EC.message());
    }
  }
  if (!O.Fix && !O.Diff)
    return true;
  std::vector<Finding> &Fs = R.Edits.findings();
  if (O.Fix) {
    // Temporary files of earlier runs that were killed while writing: in
    // every directory this run looked into or writes to.
    std::set<std::string> Dirs = R.VisitedDirs;
    for (const Finding &F : Fs)
      for (const Edit &E : F.Edits)
        Dirs.insert(sys::path::parent_path(E.File).str());
    for (const std::string &D : Dirs)
      removeStaleTempFiles(D);
  }
  std::map<std::string, FileRewrite> Contents =
      writableRewrites(R.Edits, O.Fix);
  if (O.Diff) {
    for (const auto &[File, Rewrite] : Contents)
      if (auto Old = MemoryBuffer::getFile(File))
        outs() << unifiedDiff(displayPath(File, Style.BaseDir),
                              (*Old)->getBuffer(), Rewrite.Text);
    outs().flush();
    return true;
  }
  bool AllWritten = true;
  std::set<std::string> Written, Done;
  std::map<std::string, FileRewrite> Pending = Contents;
  while (!Pending.empty()) {
    auto First = Pending.begin();
    std::string File = First->first;
    FileRewrite Rewrite = std::move(First->second);
    Pending.erase(First);
    Done.insert(File);
    // A failed write leaves that file as it was; the other files are still
    // written, and every finding says which happened to it. The file is
    // read once more just before it is replaced: a save made since the
    // check above is kept, as that check would have kept it.
    Error E = writeFileAtomically(File, Rewrite.Text, Rewrite.OldDigest);
    if (!E) {
      Written.insert(File);
      continue;
    }
    Contents.erase(File);
    std::string Why;
    handleAllErrors(
        std::move(E), [&](const FileChangedError &) { Why = ChangedOnDisk; },
        [&](const ErrorInfoBase &EI) {
          std::string Msg = EI.message();
          errs() << Msg << "\n";
          Why = StringRef(Msg).split(": error: ").second.str();
          AllWritten = false;
        });
    refuseWrite(Fs, File, Why);
    // The findings refused here may also edit files not written yet: those
    // are computed again without them.
    Pending = writableRewrites(R.Edits, O.Fix, Done);
    for (auto It = Contents.begin(); It != Contents.end();)
      It = Done.count(It->first) || Pending.count(It->first)
               ? std::next(It)
               : Contents.erase(It);
  }
  outs().flush();
  if (!O.Fix)
    return true;
  for (Finding &F : Fs) {
    if (!F.NotWritten.empty()) {
      // Its other files were written before this one failed.
      for (const Edit &E : F.Edits)
        if (Written.count(E.File)) {
          F.NotWritten += "; its edits in " +
                          displayPath(E.File, Style.BaseDir) +
                          " were written";
          break;
        }
      continue;
    }
    if (F.hasFix() && Contents.count(F.Edits.front().File))
      F.Applied = true;
  }
  return AllWritten;
}

void recoverInterruptedWrites(const Inputs &In, StringRef BaseDir) {
  for (const std::string &D : In.VisitedDirs)
    for (const Recovery &R : recoverInPlaceWrites(D)) {
      if (R.What == Recovery::Restored)
        errs() << displayPath(R.File, BaseDir)
               << ": note: a run killed while it rewrote this file in place "
                  "left it partly written; its text from before that run is "
                  "restored [pitfix]\n";
      else if (R.What == Recovery::LeftAlone)
        errs() << displayPath(R.File, BaseDir)
               << ": warning: a run killed while it rewrote this file in "
                  "place left '"
               << displayPath(R.Record, BaseDir)
               << "', but the file changed since; it is left as it is (the "
                  "record holds its text from before that run) [pitfix]\n";
    }
}

static void checkStdout() {
  // Nothing more can be said on a standard error that fails (2>/dev/full):
  // its error is dropped rather than made fatal by its destructor.
  errs().clear_error();
  raw_fd_ostream &OS = outs();
  OS.flush();
  if (!OS.has_error())
    return;
  std::error_code EC = OS.error();
  OS.clear_error();
  errs() << "error: cannot write to the standard output: " << EC.message()
         << "\n";
  std::_Exit(2);
}

void checkStdoutAtExit() {
  // outs() and errs() exist before the handler is registered, so the
  // handler runs before their destructors would report an error.
  outs();
  errs();
  std::atexit(checkStdout);
}

void printFindings(raw_ostream &OS, const BatchResult &R, const CliOptions &O,
                   const RuleSet &Rules, const ReportStyle &Style,
                   const UnitReport *Streamed) {
  for (const FileError &E : R.Errors) {
    auto Cause = R.FailureCauses.find(E.File);
    errs() << E.Message << displayPath(E.File, Style.BaseDir) << ": error: "
           << (Cause != R.FailureCauses.end() ? Cause->second
                                               : "the file does not compile")
           << "; it is left untouched [pitfix]\n";
  }
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
    printJson(OS, Fs, R.Errors, Style, R.Unlisted);
    break;
  case OutputFormat::Sarif:
    printSarif(OS, Rules, Fs, R.Errors, Style, R.Unlisted);
    break;
  case OutputFormat::Github:
    printGithub(OS, Fs, R.Errors, Style);
    break;
  }
  OS.flush();
}

} // namespace pitfix
