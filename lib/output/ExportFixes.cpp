//===- ExportFixes.cpp ----------------------------------------------------===//
#include "output/ExportFixes.h"

#include "edit/EditSet.h"
#include "edit/StyleFormat.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include <map>
#include <set>

using namespace llvm;
namespace tooling = clang::tooling;

namespace pitfix {

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
  std::map<std::string, std::unique_ptr<MemoryBuffer>> Texts;
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    const std::vector<Edit> &FEdits = Exported[I];
    tooling::DiagnosticMessage Msg = message(F.Message, F.Loc);
    std::set<std::string> Files;
    for (const Edit &E : FEdits)
      Files.insert(E.File);
    for (const std::string &File : Files) {
      auto [It, New] = Texts.try_emplace(File);
      if (New)
        if (auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false))
          It->second = std::move(*Buf);
      if (!It->second)
        continue; // Unreadable: newContents() reports it for --fix.
      auto Rs = toReplacements(File, It->second->getBuffer(), FEdits);
      if (!Rs) {
        consumeError(Rs.takeError());
        continue;
      }
      Msg.Fix[File] = std::move(*Rs);
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
