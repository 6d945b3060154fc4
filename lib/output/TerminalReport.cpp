//===- TerminalReport.cpp -------------------------------------------------===//
#include "output/TerminalReport.h"

#include "output/TextReport.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnostic.h"

using namespace clang;
using namespace llvm;

namespace pitfix {

struct TerminalPrinter::Impl {
  Impl(raw_ostream &OS, bool Colors, bool FixIts, StringRef BaseDir,
       bool Snippets)
      : OS(OS), BaseDir(BaseDir.str()), Opts(new DiagnosticOptions()), Files(FileSystemOptions()),
        Diags(new DiagnosticIDs(), Opts.get()), Sources(Diags, Files) {
    Opts->ShowColors = Colors;
    Opts->ShowFixits = FixIts;
    Opts->ShowCarets = Snippets;
    Lang.CPlusPlus = Lang.CPlusPlus11 = Lang.CPlusPlus14 = true;
    Lang.CPlusPlus17 = Lang.CPlusPlus20 = true;
    WasColored = OS.colors_enabled();
    OS.enable_colors(Colors);
    Printer = std::make_unique<TextDiagnostic>(OS, Lang, Opts.get());
  }
  ~Impl() { OS.enable_colors(WasColored); }

  /// The start of \p Path as the report names it, or an invalid location.
  SourceLocation fileStart(StringRef Path) {
    std::string Shown = displayPath(Path, BaseDir);
    auto F = Files.getOptionalFileRef(Shown);
    if (!F)
      return {};
    FileID FID = Sources.getOrCreateFileID(*F, SrcMgr::C_User);
    return Sources.getLocForStartOfFile(FID);
  }

  SourceLocation locOf(const FileLoc &L) {
    SourceLocation Start = fileStart(L.File);
    if (Start.isInvalid())
      return Start;
    return Sources.translateLineCol(Sources.getFileID(Start), L.Line, L.Col);
  }

  raw_ostream &OS;
  std::string BaseDir;
  IntrusiveRefCntPtr<DiagnosticOptions> Opts;
  FileManager Files;
  DiagnosticsEngine Diags;
  SourceManager Sources;
  LangOptions Lang;
  std::unique_ptr<TextDiagnostic> Printer;
  bool WasColored = false;
};

TerminalPrinter::TerminalPrinter(raw_ostream &OS, bool Colors, bool FixIts,
                                 StringRef BaseDir, bool Snippets)
    : P(std::make_unique<Impl>(OS, Colors, FixIts, BaseDir, Snippets)) {}

TerminalPrinter::~TerminalPrinter() = default;

static DiagnosticsEngine::Level levelOf(StringRef Level) {
  if (Level == "error")
    return DiagnosticsEngine::Error;
  if (Level == "warning")
    return DiagnosticsEngine::Warning;
  return DiagnosticsEngine::Note;
}

void TerminalPrinter::print(const std::vector<ReportLine> &Lines,
                            const std::vector<Edit> &Edits) {
  for (size_t I = 0; I < Lines.size(); ++I) {
    const ReportLine &L = Lines[I];
    SourceLocation Loc = P->locOf(L.Loc);
    if (Loc.isInvalid()) {
      // A file that cannot be read: the plain line.
      P->OS << displayPath(L.Loc.File, P->BaseDir) << ":" << L.Loc.Line
            << ":" << L.Loc.Col << ": " << L.Level << ": " << L.Message
            << "\n";
      continue;
    }
    std::vector<FixItHint> Hints;
    if (I == 0) {
      SourceLocation Start = P->fileStart(L.Loc.File);
      unsigned Size = P->Sources.getFileIDSize(P->Sources.getFileID(Start));
      for (const Edit &E : Edits) {
        if (E.File != L.Loc.File || E.Offset + E.Length > Size)
          continue;
        SourceLocation B = Start.getLocWithOffset(E.Offset);
        Hints.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(B, B.getLocWithOffset(E.Length)),
            E.Text));
      }
    }
    P->Printer->emitDiagnostic(FullSourceLoc(Loc, P->Sources),
                               levelOf(L.Level), L.Message, {}, Hints);
  }
}

} // namespace pitfix
