//===- StyleFormat.cpp ----------------------------------------------------===//
//
// clang-format's library does the work: cleanupAroundReplacements, then what
// formatReplacements does (reformat the ranges the replacements affect in the
// new text, merge its changes into them), with two differences: no include
// sorting, which would reorder a whole block of existing #include lines for
// one inserted line, and clang-format's changes are kept only on the lines
// that the edits wrote.
//
//===----------------------------------------------------------------------===//
#include "edit/StyleFormat.h"

#include "edit/EditSet.h"

#include "clang/Format/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <optional>

using namespace llvm;
namespace format = clang::format;
namespace tooling = clang::tooling;

namespace pitfix {

/// The style of one directory and language: null when its edits are left as
/// written (no style file, DisableFormat, or a style file that cannot be
/// read).
struct StyleFormatter::Entry {
  std::unique_ptr<format::FormatStyle> Style;
};

StyleFormatter::StyleFormatter() = default;
StyleFormatter::~StyleFormatter() = default;

Expected<tooling::Replacements> toReplacements(StringRef File,
                                               StringRef Content,
                                               const std::vector<Edit> &All) {
  std::vector<Edit> Edits;
  unsigned Begin = ~0u, End = 0;
  for (const Edit &E : All)
    if (E.File == File) {
      Edits.push_back(E);
      Begin = std::min(Begin, E.Offset);
      End = std::max(End, E.Offset + E.Length);
    }
  tooling::Replacements Out;
  if (Edits.empty())
    return Out;
  if (End > Content.size())
    return createStringError(inconvertibleErrorCode(),
                             File + ": error: edit outside the file");
  bool Fits = true;
  for (const Edit &E : Edits)
    if (Error Err =
            Out.add(tooling::Replacement(File, E.Offset, E.Length, E.Text))) {
      consumeError(std::move(Err));
      Fits = false;
      break;
    }
  if (Fits)
    return Out;
  for (Edit &E : Edits)
    E.Offset -= Begin;
  Expected<std::string> Text =
      applyEdits(Content.slice(Begin, End), std::move(Edits));
  if (!Text)
    return Text.takeError();
  Out = tooling::Replacements();
  cantFail(Out.add(tooling::Replacement(File, Begin, End - Begin, *Text)));
  return Out;
}

namespace {
/// A message of the style file parser: where, and what.
struct ParserMessage {
  std::string Where, What;
};
/// The messages of the style file parser on this thread (getStyle's handler
/// takes no context of its own).
thread_local std::vector<ParserMessage> *ParserMessages = nullptr;

void collectMessage(const SMDiagnostic &D, void *) {
  if (!ParserMessages)
    return;
  std::string Where = D.getFilename().str();
  if (D.getLineNo() > 0)
    Where += ":" + std::to_string(D.getLineNo()) + ":" +
             std::to_string(D.getColumnNo() + 1);
  ParserMessages->push_back({Where, D.getMessage().str()});
}

/// The warning for a style that getStyle() rejected with \p Why, its
/// parser having said \p Messages; \p Path is set to the style file.
std::string styleWarning(StringRef Why,
                         const std::vector<ParserMessage> &Messages,
                         std::string &Path) {
  // "Error reading <file>: <why>", or "<why>: <file>" when no section of
  // the file is for the language.
  StringRef What;
  if (Why.consume_front("Error reading ")) {
    auto [P, W] = Why.split(": ");
    Path = P.str();
    What = W;
  } else {
    auto [W, P] = Why.rsplit(": ");
    Path = P.str();
    What = W;
  }
  std::string Where = Path;
  std::string Detail = What.str();
  if (!Messages.empty()) {
    Where = Messages.front().Where;
    Detail = Messages.front().What;
  }
  return Where + ": warning: the clang-format style cannot be used: " +
         Detail + "; rewrites are left as written [pitfix]";
}
} // namespace

const format::FormatStyle *
StyleFormatter::styleFor(const std::string &File) const {
  format::FormatStyle::LanguageKind Lang = format::guessLanguage(File, "");
  std::string Key = sys::path::parent_path(File).str() + "\x1f" +
                    std::to_string(static_cast<int>(Lang));
  std::lock_guard<std::mutex> Lock(M);
  std::unique_ptr<Entry> &E = Styles[Key];
  if (E)
    return E->Style.get();
  E = std::make_unique<Entry>();
  std::vector<ParserMessage> Messages;
  ParserMessages = &Messages;
  // "none" when no style file is found: DisableFormat is set, and the edits
  // stay as written.
  Expected<format::FormatStyle> S =
      format::getStyle("file", File, "none", "", nullptr,
                       /*AllowUnknownOptions=*/false, collectMessage);
  ParserMessages = nullptr;
  if (!S) {
    std::string Path;
    std::string W = styleWarning(toString(S.takeError()), Messages, Path);
    if (Warned.insert(Path).second)
      Warnings.push_back(std::move(W));
    return nullptr;
  }
  if (S->DisableFormat)
    return nullptr;
  E->Style = std::make_unique<format::FormatStyle>(std::move(*S));
  // Passes that change tokens on lines other than the one they format (a
  // brace on the line after an if, a pair of parentheses) could be kept in
  // halves by the line filter below.
  E->Style->InsertBraces = false;
  E->Style->RemoveBracesLLVM = false;
  E->Style->RemoveParentheses = format::FormatStyle::RPS_Leave;
  E->Style->RemoveSemicolon = false;
  return E->Style.get();
}

std::vector<std::string> StyleFormatter::takeWarnings() {
  std::lock_guard<std::mutex> Lock(M);
  return std::move(Warnings);
}

namespace {
/// A run of whole lines of a text: [Begin, End), End at the line break that
/// ends the last line (or the end of the text).
struct LineSpan {
  unsigned Begin, End;
};

unsigned lineStart(StringRef Text, unsigned Pos) {
  size_t NL = Text.take_front(Pos).rfind('\n');
  return NL == StringRef::npos ? 0 : NL + 1;
}

unsigned lineEnd(StringRef Text, unsigned Pos) {
  size_t NL = Text.find('\n', Pos);
  return NL == StringRef::npos ? Text.size() : NL;
}

/// The lines of \p Text that \p Ranges (what replacements wrote) touch,
/// merged. A deletion of whole lines touches none.
std::vector<LineSpan> touchedLines(StringRef Text,
                                   const std::vector<tooling::Range> &Ranges) {
  std::vector<LineSpan> Spans;
  for (const tooling::Range &R : Ranges) {
    unsigned At = R.getOffset();
    if (R.getLength() == 0) {
      if (At == 0 || At > Text.size() || Text[At - 1] == '\n')
        continue;
      Spans.push_back({lineStart(Text, At), lineEnd(Text, At)});
      continue;
    }
    Spans.push_back({lineStart(Text, At),
                     lineEnd(Text, At + R.getLength() - 1)});
  }
  std::sort(Spans.begin(), Spans.end(), [](const LineSpan &A, const LineSpan &B) {
    return A.Begin < B.Begin;
  });
  std::vector<LineSpan> Out;
  for (const LineSpan &S : Spans)
    if (!Out.empty() && S.Begin <= Out.back().End + 1)
      Out.back().End = std::max(Out.back().End, S.End);
    else
      Out.push_back(S);
  return Out;
}

/// The part of \p F (a formatting change of \p Text) that changes only the
/// lines of \p Spans: all of it, or, for the whitespace before the first
/// token of such a line, its indentation; std::nullopt for none.
std::optional<tooling::Replacement>
withinLines(StringRef Text, const tooling::Replacement &F,
            const std::vector<LineSpan> &Spans) {
  unsigned B = F.getOffset(), E = B + F.getLength();
  for (const LineSpan &S : Spans) {
    if (B >= S.Begin && E <= S.End)
      return F;
    if (B < S.Begin && E >= S.Begin && E <= S.End) {
      // The line break and blank lines before the line stay as they are.
      StringRef Old = Text.slice(B, E), New = F.getReplacementText();
      size_t OldNL = Old.rfind('\n'), NewNL = New.rfind('\n');
      if (OldNL == StringRef::npos || NewNL == StringRef::npos)
        return std::nullopt;
      return tooling::Replacement(F.getFilePath(), B + OldNL + 1,
                                  E - (B + OldNL + 1),
                                  New.drop_front(NewNL + 1));
    }
  }
  return std::nullopt;
}

/// True when every replacement of \p Rs lies on lines of \p Content that
/// \p Base touches.
bool onTouchedLines(StringRef Content, const tooling::Replacements &Base,
                    const tooling::Replacements &Rs) {
  std::vector<tooling::Range> Ranges;
  for (const tooling::Replacement &R : Base)
    Ranges.push_back({R.getOffset(), std::max(R.getLength(), 1u)});
  std::vector<LineSpan> Spans = touchedLines(Content, Ranges);
  return all_of(Rs, [&](const tooling::Replacement &R) {
    return any_of(Spans, [&](const LineSpan &S) {
      return R.getOffset() >= S.Begin &&
             R.getOffset() + R.getLength() <= S.End + 1;
    });
  });
}
} // namespace

std::vector<Edit>
StyleFormatter::formatEdits(const std::string &File, StringRef Content,
                            const format::FormatStyle &Style,
                            std::vector<Edit> Edits) const {
  // #include lines are inserted in their canonical spelling, and must stay
  // pure insertions: the edit merger makes one of several at one point.
  std::vector<Edit> Includes, Code;
  for (Edit &E : Edits)
    (isIncludeInsertion(E) ? Includes : Code).push_back(E);
  if (Code.empty())
    return Edits;
  Expected<tooling::Replacements> R = toReplacements(File, Content, Code);
  if (!R) {
    consumeError(R.takeError());
    return Edits;
  }
  // What the cleanup removes (an empty namespace, a dangling comma) is
  // taken only when it lies on the lines the edits touch.
  tooling::Replacements Base = *R;
  Expected<tooling::Replacements> Clean =
      format::cleanupAroundReplacements(Content, *R, Style);
  if (Clean && onTouchedLines(Content, *R, *Clean))
    Base = std::move(*Clean);
  else if (!Clean)
    consumeError(Clean.takeError());
  // formatReplacements() without its include sorting, and with its changes
  // kept to the lines the edits wrote: clang-format goes on re-indenting the
  // lines after an affected one when their indentation differs from the
  // style, and those lines are not pitfix's to change.
  Expected<std::string> New = tooling::applyAllReplacements(Content, Base);
  if (!New) {
    consumeError(New.takeError());
    return Edits;
  }
  std::vector<tooling::Range> Ranges = Base.getAffectedRanges();
  format::FormattingAttemptStatus Status;
  tooling::Replacements Formatting =
      format::reformat(Style, *New, Ranges, File, &Status);
  if (!Status.FormatComplete)
    return Edits; // Unbalanced braces: clang-format would guess.
  std::vector<LineSpan> Spans = touchedLines(*New, Ranges);
  tooling::Replacements Kept;
  for (const tooling::Replacement &F : Formatting)
    if (std::optional<tooling::Replacement> K = withinLines(*New, F, Spans))
      if (Error Err = Kept.add(*K))
        consumeError(std::move(Err));
  tooling::Replacements Formatted = Base.merge(Kept);
  uint64_t Digest = Code.front().Digest;
  std::vector<Edit> Out;
  for (const tooling::Replacement &Rep : Formatted)
    Out.push_back({File, Rep.getOffset(), Rep.getLength(),
                   Rep.getReplacementText().str(), Digest});
  // A formatted range must not swallow an #include insertion.
  for (const Edit &I : Includes)
    for (const Edit &O : Out)
      if (O.Offset < I.Offset && I.Offset < O.Offset + O.Length)
        return Edits;
  Out.insert(Out.end(), Includes.begin(), Includes.end());
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// True when an edit of \p A overlaps an edit of \p B.
static bool anyOverlap(const std::vector<Edit> &A, const std::vector<Edit> &B) {
  for (const Edit &X : A)
    for (const Edit &Y : B)
      if (editsOverlap(X, Y))
        return true;
  return false;
}

void StyleFormatter::format(
    std::vector<Finding> &Findings,
    const std::map<std::string, std::string> &Texts) const {
  std::map<std::string, std::string> Disk;
  auto TextOf = [&](const std::string &File) -> const std::string * {
    auto It = Texts.find(File);
    if (It != Texts.end())
      return &It->second;
    auto [D, New] = Disk.try_emplace(File);
    if (New)
      if (auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false))
        D->second = (*Buf)->getBuffer().str();
    return &D->second;
  };
  std::vector<std::vector<Edit>> Written(Findings.size());
  std::vector<size_t> Changed;
  for (size_t I = 0; I < Findings.size(); ++I) {
    Finding &F = Findings[I];
    if (F.Edits.empty())
      continue;
    std::map<std::string, std::vector<Edit>> ByFile;
    for (const Edit &E : F.Edits)
      ByFile[E.File].push_back(E);
    std::vector<Edit> New;
    for (auto &[File, Edits] : ByFile) {
      const std::string *Text = TextOf(File);
      const format::FormatStyle *Style = styleFor(File);
      bool SameText = all_of(Edits, [&](const Edit &E) {
        return !E.Digest || E.Digest == contentDigest(*Text);
      });
      if (!Style || !SameText) {
        New.insert(New.end(), Edits.begin(), Edits.end());
        continue;
      }
      std::vector<Edit> Styled = formatEdits(File, *Text, *Style, Edits);
      New.insert(New.end(), Styled.begin(), Styled.end());
    }
    std::vector<Edit> Old = F.Edits;
    std::sort(Old.begin(), Old.end());
    std::sort(New.begin(), New.end());
    if (New == Old)
      continue;
    Written[I] = std::move(F.Edits);
    F.Edits = std::move(New);
    Changed.push_back(I);
  }
  // Formatting widens edits to whole tokens' whitespace: where that makes
  // two findings collide that did not, both keep their edits as written
  // (until nothing collides), rather than lose both to a conflict.
  for (bool Again = !Changed.empty(); Again;) {
    Again = false;
    for (size_t I : Changed) {
      if (Written[I].empty())
        continue;
      for (size_t J = 0; J < Findings.size(); ++J) {
        if (J == I || !anyOverlap(Findings[I].Edits, Findings[J].Edits))
          continue;
        const std::vector<Edit> &Other =
            Written[J].empty() ? Findings[J].Edits : Written[J];
        if (anyOverlap(Written[I], Other))
          continue; // They collide as written too: a conflict either way.
        Findings[I].Edits = std::move(Written[I]);
        Written[I].clear();
        if (!Written[J].empty()) {
          Findings[J].Edits = std::move(Written[J]);
          Written[J].clear();
        }
        Again = true;
        break;
      }
    }
  }
}

} // namespace pitfix
