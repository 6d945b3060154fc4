//===- ExportFixes.cpp ----------------------------------------------------===//
#include "output/ExportFixes.h"

#include "edit/EditSet.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include <set>

using namespace llvm;
namespace tooling = clang::tooling;

namespace pitfix {

/// The edits of one finding on \p File as a single replacement spanning all
/// of them, for edits that tooling::Replacements will not hold side by side
/// (an insertion where another edit starts).
static Expected<tooling::Replacement> combined(StringRef File,
                                               const std::vector<Edit> &All) {
  std::vector<Edit> Edits;
  unsigned Begin = ~0u, End = 0;
  for (const Edit &E : All)
    if (E.File == File) {
      Edits.push_back(E);
      Begin = std::min(Begin, E.Offset);
      End = std::max(End, E.Offset + E.Length);
    }
  auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), File + ": error: cannot read");
  if (End > (*Buf)->getBufferSize())
    return createStringError(inconvertibleErrorCode(),
                             File + ": error: edit outside the file");
  for (Edit &E : Edits)
    E.Offset -= Begin;
  auto Text =
      applyEdits((*Buf)->getBuffer().slice(Begin, End), std::move(Edits));
  if (!Text)
    return Text.takeError();
  return tooling::Replacement(File, Begin, End - Begin, *Text);
}

static tooling::DiagnosticMessage message(StringRef Text, const FileLoc &L) {
  tooling::DiagnosticMessage M(Text);
  M.FilePath = L.File;
  M.FileOffset = L.Offset;
  return M;
}

void writeExportedFixes(raw_ostream &OS, const std::vector<Finding> &Findings,
                        StringRef BuildDirectory) {
  tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = "";
  std::vector<std::vector<Edit>> Exported = exportedEdits(Findings);
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    const std::vector<Edit> &FEdits = Exported[I];
    tooling::DiagnosticMessage Msg = message(F.Message, F.Loc);
    {
      // One finding's edits never overlap (the edit merger turns that into a
      // conflict), so each file's replacements can be added in order.
      std::set<std::string> Combined;
      for (const Edit &E : FEdits) {
        if (Combined.count(E.File))
          continue;
        tooling::Replacement R(E.File, E.Offset, E.Length, E.Text);
        Error Err = Msg.Fix[E.File].add(R);
        if (!Err)
          continue;
        consumeError(std::move(Err));
        Combined.insert(E.File);
        Msg.Fix[E.File] = tooling::Replacements();
        auto One = combined(E.File, FEdits);
        if (!One) {
          consumeError(One.takeError());
          continue; // Unreadable: newContents() reports it for --fix.
        }
        cantFail(Msg.Fix[E.File].add(*One));
      }
    }
    SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes)
      Notes.push_back(message(N.Message, N.Loc.File.empty() ? F.Loc : N.Loc));
    tooling::Diagnostic::Level Level = F.Severity == "error"
                                           ? tooling::Diagnostic::Error
                                           : tooling::Diagnostic::Warning;
    TU.Diagnostics.emplace_back(F.RuleId, Msg, Notes, Level, BuildDirectory);
  }
  yaml::Output Y(OS);
  Y << TU;
}

} // namespace pitfix
