//===- EditSet.cpp --------------------------------------------------------===//
#include "edit/EditSet.h"

#include "edit/AtomicWrite.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <tuple>

using namespace llvm;

namespace pitfix {

void EditSet::add(std::vector<Finding> New) {
  for (Finding &F : New) {
    std::sort(F.Edits.begin(), F.Edits.end());
    F.Edits.erase(std::unique(F.Edits.begin(), F.Edits.end()), F.Edits.end());
    auto It = Index.find(F.key());
    if (It != Index.end()) {
      // The same finding from another translation unit. If it proposes
      // other edits there, the rewrite depends on the translation unit and
      // cannot be made safely.
      Finding &Old = Findings[It->second];
      if (Old.Edits != F.Edits && Old.Refusal.empty()) {
        Old.Edits.clear();
        // A rewrite withdrawn in one unit (it did not compile there) keeps
        // that reason.
        Old.Refusal = F.Refusal.empty()
                          ? "the rewrite differs between translation units"
                          : F.Refusal;
      }
      continue;
    }
    Index[F.key()] = Findings.size();
    Findings.push_back(std::move(F));
  }
}

bool isIncludeInsertion(const Edit &E) {
  if (E.Length != 0)
    return false;
  SmallVector<StringRef, 4> Lines;
  StringRef(E.Text).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  return !Lines.empty() && all_of(Lines, [](StringRef L) {
    return L.trim().starts_with("#include");
  });
}

/// Makes one edit of the `#include` insertions at one offset (sorted
/// edits), each line once.
static void mergeIncludeInsertions(std::vector<Edit> &Edits) {
  std::vector<Edit> Out;
  for (Edit &E : Edits) {
    if (!Out.empty() && Out.back().Offset == E.Offset &&
        isIncludeInsertion(Out.back()) && isIncludeInsertion(E)) {
      Edit &M = Out.back();
      bool LeadingNewline = StringRef(M.Text).starts_with("\n");
      SmallVector<StringRef, 8> Have, More;
      StringRef(M.Text).split(Have, '\n', -1, false);
      StringRef(E.Text).split(More, '\n', -1, false);
      std::vector<std::string> Lines(Have.begin(), Have.end());
      for (StringRef L : More)
        if (!is_contained(Lines, L.str()))
          Lines.push_back(L.str());
      M.Text = LeadingNewline ? "\n" : "";
      for (const std::string &L : Lines)
        M.Text += L + "\n";
      if (LeadingNewline)
        M.Text.pop_back(); // it ended the file without a newline
      continue;
    }
    Out.push_back(std::move(E));
  }
  Edits = std::move(Out);
}

bool editsOverlap(const Edit &A, const Edit &B) {
  if (A.File != B.File)
    return false;
  // Two insertions at one point: their order would be arbitrary, unless
  // both only add #include lines.
  if (A.Length == 0 && B.Length == 0)
    return A.Offset == B.Offset &&
           !(isIncludeInsertion(A) && isIncludeInsertion(B));
  unsigned AEnd = A.Offset + A.Length, BEnd = B.Offset + B.Length;
  if (A.Length == 0)
    return A.Offset > B.Offset && A.Offset < BEnd;
  if (B.Length == 0)
    return B.Offset > A.Offset && B.Offset < AEnd;
  return A.Offset < BEnd && B.Offset < AEnd;
}

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Col,
                                     A.RuleId) < std::tie(B.Loc.File, B.Loc.Line,
                                                          B.Loc.Col, B.RuleId);
                   });
}

void EditSet::resolveConflicts() {
  sortFindings(Findings);
  Index.clear();
  for (size_t I = 0; I < Findings.size(); ++I)
    Index[Findings[I].key()] = I;

  struct Ref {
    const Edit *E;
    size_t Owner;
  };
  std::vector<Ref> All;
  for (size_t I = 0; I < Findings.size(); ++I)
    for (const Edit &E : Findings[I].Edits)
      All.push_back({&E, I});
  std::sort(All.begin(), All.end(), [](const Ref &A, const Ref &B) {
    return std::tie(A.E->File, A.E->Offset) < std::tie(B.E->File, B.E->Offset);
  });
  std::vector<std::string> Conflict(Findings.size());
  for (size_t I = 0; I < All.size(); ++I) {
    for (size_t J = I + 1; J < All.size(); ++J) {
      const Edit &A = *All[I].E, &B = *All[J].E;
      if (B.File != A.File || B.Offset > A.Offset + A.Length)
        break;
      if (!editsOverlap(A, B))
        continue;
      size_t X = All[I].Owner, Y = All[J].Owner;
      // The same edit proposed twice (by one finding, or by two rules that
      // agree on one rewrite, or one #include that two fixes need) is made
      // once: newContents() drops duplicates.
      if (A == B)
        continue;
      auto Describe = [&](size_t Other) {
        const Finding &O = Findings[Other];
        return "its rewrite overlaps the rewrite of [" + O.RuleId + "] at " +
               std::to_string(O.Loc.Line) + ":" + std::to_string(O.Loc.Col);
      };
      if (X == Y) {
        Conflict[X] = "its own edits overlap";
        continue;
      }
      if (Conflict[X].empty())
        Conflict[X] = Describe(Y);
      if (Conflict[Y].empty())
        Conflict[Y] = Describe(X);
    }
  }
  for (size_t I = 0; I < Findings.size(); ++I)
    if (!Conflict[I].empty() && !Findings[I].Edits.empty())
      Findings[I].Conflict = Conflict[I];
}

Expected<std::string> applyEdits(StringRef Content, std::vector<Edit> Edits) {
  // Apply back to front so that earlier offsets stay valid; at one offset an
  // insertion goes before a replacement that starts there.
  std::sort(Edits.begin(), Edits.end(), [](const Edit &A, const Edit &B) {
    if (A.Offset != B.Offset)
      return A.Offset > B.Offset;
    return A.Length > B.Length;
  });
  std::string Out = Content.str();
  for (const Edit &E : Edits) {
    if (E.Offset + E.Length > Out.size())
      return createStringError(inconvertibleErrorCode(),
                               E.File + ": error: edit outside the file "
                                        "(did it change during the run?)");
    Out.replace(E.Offset, E.Length, E.Text);
  }
  return Out;
}

/// The line break of a file: that of its first line ("\n" when it has
/// none): CRLF, LF or a lone CR (old Mac files).
static StringRef lineBreakOf(StringRef Content) {
  size_t B = Content.find_first_of("\r\n");
  if (B == StringRef::npos || Content[B] == '\n')
    return "\n";
  return B + 1 < Content.size() && Content[B + 1] == '\n' ? "\r\n" : "\r";
}

/// \p Text with each bare LF written as \p Break.
static std::string withLineBreaks(StringRef Text, StringRef Break) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n' && (I == 0 || Text[I - 1] != '\r')) {
      Out += Break;
      continue;
    }
    Out += Text[I];
  }
  return Out;
}

std::vector<Edit> editsForFile(std::vector<Edit> Edits, StringRef Content) {
  // Text inserted at the start of a file with a UTF-8 byte-order mark goes
  // after the mark: Clang accepts it only as the file's first bytes.
  if (Content.starts_with("\xEF\xBB\xBF"))
    for (Edit &E : Edits)
      if (E.Offset == 0 && E.Length == 0)
        E.Offset = 3;
  std::sort(Edits.begin(), Edits.end());
  Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
  mergeIncludeInsertions(Edits);
  StringRef Break = lineBreakOf(Content);
  if (Break != "\n")
    for (Edit &E : Edits)
      E.Text = withLineBreaks(E.Text, Break);
  return Edits;
}

/// Removes from an `#include` insertion the lines that \p Have holds, and
/// adds the others to it; false when nothing is left to insert.
static bool dropIncludedLines(Edit &E, std::vector<std::string> &Have) {
  std::string Kept;
  bool Any = false;
  StringRef Rest = E.Text;
  while (!Rest.empty()) {
    size_t NL = Rest.find('\n');
    StringRef Seg = NL == StringRef::npos ? Rest : Rest.take_front(NL + 1);
    Rest = Rest.drop_front(Seg.size());
    StringRef Line = Seg.trim();
    if (!Line.empty()) {
      if (is_contained(Have, Line.str()))
        continue;
      Have.push_back(Line.str());
      Any = true;
    }
    Kept += Seg;
  }
  E.Text = std::move(Kept);
  return Any;
}

std::vector<std::vector<Edit>>
exportedEdits(const std::vector<Finding> &Findings) {
  std::map<std::string, std::string> Contents;
  std::map<std::pair<std::string, unsigned>, std::vector<std::string>> Included;
  std::vector<std::vector<Edit>> Out(Findings.size());
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    if (!F.hasFix() || !F.Refusal.empty())
      continue;
    std::map<std::string, std::vector<Edit>> ByFile;
    for (const Edit &E : F.Edits)
      ByFile[E.File].push_back(E);
    for (auto &[File, Edits] : ByFile) {
      auto [It, New] = Contents.try_emplace(File);
      if (New)
        if (auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false))
          It->second = (*Buf)->getBuffer().str();
      for (Edit &E : editsForFile(std::move(Edits), It->second)) {
        if (isIncludeInsertion(E) &&
            !dropIncludedLines(E, Included[{File, E.Offset}]))
          continue;
        Out[I].push_back(std::move(E));
      }
    }
  }
  return Out;
}

std::map<std::string, FileRewrite> EditSet::rewrites() const {
  std::map<std::string, std::vector<Edit>> ByFile;
  for (const Finding &F : Findings)
    if (F.hasFix())
      for (const Edit &E : F.Edits)
        ByFile[E.File].push_back(E);
  std::map<std::string, FileRewrite> Out;
  for (auto &[File, Edits] : ByFile) {
    auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Out[File].Problem = "cannot read it: " + Buf.getError().message();
      continue;
    }
    StringRef Old = (*Buf)->getBuffer();
    uint64_t Now = contentDigest(Old);
    if (any_of(Edits, [&](const Edit &E) {
          return E.Digest && E.Digest != Now;
        })) {
      Out[File].Problem = ChangedOnDisk;
      continue;
    }
    auto New = applyEdits(Old, editsForFile(std::move(Edits), Old));
    if (!New) {
      Out[File].Problem = toString(New.takeError());
      continue;
    }
    if (*New != Old) {
      Out[File].Text = std::move(*New);
      Out[File].OldDigest = Now;
    }
  }
  return Out;
}

Expected<std::map<std::string, std::string>> EditSet::newContents() const {
  std::map<std::string, std::string> Out;
  for (auto &[File, R] : rewrites()) {
    if (!R.Problem.empty())
      return createStringError(inconvertibleErrorCode(),
                               File + ": error: " + R.Problem);
    Out[File] = std::move(R.Text);
  }
  return Out;
}

} // namespace pitfix
