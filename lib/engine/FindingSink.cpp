//===- FindingSink.cpp ----------------------------------------------------===//
#include "engine/FindingSink.h"

#include "config/CheckGlob.h"
#include "engine/MatchContext.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Does the comment text after \p Marker at \p Pos in \p Line name \p RuleId?
/// "NOLINT" alone names every rule; "NOLINT(a,b*)" names the listed globs.
static bool marks(StringRef Line, StringRef Marker, StringRef RuleId) {
  size_t Pos = 0;
  while ((Pos = Line.find(Marker, Pos)) != StringRef::npos) {
    StringRef Rest = Line.drop_front(Pos + Marker.size());
    Pos += Marker.size();
    // NOLINT must not match NOLINTNEXTLINE / NOLINTBEGIN.
    if (!Rest.empty() && (isalpha(Rest[0]) || Rest[0] == '_'))
      continue;
    if (!Rest.starts_with("("))
      return true;
    StringRef List = Rest.drop_front().split(')').first;
    if (CheckGlob(List).contains(RuleId))
      return true;
  }
  return false;
}

/// True when \p Text ends its first line with a lone CR (old Mac files).
static bool endsLinesWithLoneCr(StringRef Text) {
  size_t B = Text.find_first_of("\r\n");
  return B != StringRef::npos && Text[B] == '\r' &&
         (B + 1 == Text.size() || Text[B + 1] != '\n');
}

SuppressionIndex::SuppressionIndex(StringRef Buffer) {
  // Lines end at LF, CRLF or a lone CR, as Clang counts them.
  for (size_t Pos = 0;;) {
    size_t B = Buffer.find_first_of("\r\n", Pos);
    if (B == StringRef::npos) {
      Lines.push_back(Buffer.drop_front(Pos));
      break;
    }
    Lines.push_back(Buffer.slice(Pos, B));
    Pos = B + 1;
    if (Buffer[B] == '\r' && Pos < Buffer.size() && Buffer[Pos] == '\n')
      ++Pos;
  }
  for (unsigned I = 0; I < Lines.size(); ++I)
    if (Lines[I].contains("NOLINT"))
      Marked.push_back(I);
}

bool SuppressionIndex::suppressed(unsigned Line, StringRef RuleId) const {
  if (Line == 0 || Line > Lines.size())
    return false;
  StringRef L = Lines[Line - 1];
  if (marks(L, "NOLINT", RuleId) || marks(L, "pitfix: ignore", RuleId))
    return true;
  if (Line >= 2) {
    StringRef Prev = Lines[Line - 2];
    if (marks(Prev, "NOLINTNEXTLINE", RuleId) ||
        (Prev.trim().starts_with("//") && marks(Prev, "pitfix: ignore", RuleId)))
      return true;
  }
  // NOLINTBEGIN(...) ... NOLINTEND(...) regions: only lines that spell
  // NOLINT can open or close one.
  int Depth = 0;
  for (unsigned I : Marked) {
    if (I + 1 >= Line)
      break;
    if (marks(Lines[I], "NOLINTBEGIN", RuleId))
      ++Depth;
    if (marks(Lines[I], "NOLINTEND", RuleId) && Depth > 0)
      --Depth;
  }
  return Depth > 0;
}

bool isSuppressed(StringRef Buffer, unsigned Line, StringRef RuleId) {
  return SuppressionIndex(Buffer).suppressed(Line, RuleId);
}

bool FindingSink::inScope(const std::string &File) const {
  if (File == MainFile)
    return true;
  auto Under = [&](StringRef Root) {
    StringRef F = File;
    return !Root.empty() && F.starts_with(Root) &&
           (F.size() == Root.size() || F[Root.size()] == '/' ||
            Root.ends_with("/"));
  };
  return Under(Scope.ProjectRoot) || any_of(Scope.MoreRoots, Under);
}

bool FindingSink::mayReportIn(FileID FID, const SourceManager &SM) {
  auto [It, New] = ReportableFiles.try_emplace(FID, false);
  if (!New)
    return It->second;
  SourceLocation Start = SM.getLocForStartOfFile(FID);
  if (Start.isInvalid() || SM.isInSystemHeader(Start))
    return false;
  // The same test add() applies to a finding's file (see
  // MatchContext::fileLoc): a buffer that is no file never holds one.
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  return It->second = FE && inScope(canonicalFileName(*FE, SM));
}

uint64_t FindingSink::digestOf(const std::string &File,
                               const SourceManager &SM) {
  auto It = Digests.find(File);
  if (It != Digests.end())
    return It->second;
  uint64_t D = 0;
  for (auto I = SM.fileinfo_begin(), E = SM.fileinfo_end(); I != E; ++I)
    if (canonicalFileName(I->first, SM) == File)
      if (std::optional<StringRef> Data = I->second->getBufferDataIfLoaded()) {
        D = contentDigest(*Data);
        if (endsLinesWithLoneCr(*Data))
          LoneCrFiles.insert(File);
        break;
      }
  return Digests[File] = D;
}

void FindingSink::add(Finding F, SourceLocation Loc, const SourceManager &SM) {
  SourceLocation Exp = SM.getExpansionLoc(Loc);
  if (Exp.isInvalid() || SM.isInSystemHeader(Exp))
    return;
  if (!inScope(F.Loc.File))
    return;
  bool Invalid = false;
  FileID FID = SM.getFileID(Exp);
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (!Invalid) {
    std::unique_ptr<SuppressionIndex> &Index = Suppressions[FID];
    if (!Index)
      Index = std::make_unique<SuppressionIndex>(Buf);
    if (Index->suppressed(F.Loc.Line, F.RuleId))
      return;
  }
  // Edits must stay in project files too.
  for (const Edit &E : F.Edits)
    if (!inScope(E.File)) {
      F.Edits.clear();
      F.Refusal = "the rewrite would edit a file outside the project";
      break;
    }
  if (!Seen.insert(F.key()).second)
    return;
  // The text the offsets refer to, so that the writer can tell when the
  // file changed on disk since.
  if (!F.Edits.empty() && !Invalid)
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
      std::string Name = canonicalFileName(*FE, SM);
      if (!Digests.count(Name)) { // hashed once per file, not per finding
        Digests[Name] = contentDigest(Buf);
        if (endsLinesWithLoneCr(Buf))
          LoneCrFiles.insert(Name);
      }
    }
  for (Edit &E : F.Edits)
    E.Digest = digestOf(E.File, SM);
  // The strategies move and insert whole lines split at LF: in a file whose
  // lines end with a lone CR a "line" would be the whole file. Reported,
  // not rewritten.
  for (const Edit &E : F.Edits)
    if (LoneCrFiles.count(E.File)) {
      F.Edits.clear();
      F.Refusal = "the file ends its lines with a lone CR (classic Mac "
                  "style); pitfix rewrites files with LF or CRLF lines only";
      break;
    }
  Findings.push_back(std::move(F));
}

} // namespace pitfix
