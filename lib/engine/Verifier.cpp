//===- Verifier.cpp -------------------------------------------------------===//
//
// Each round applies a set of fixes to the current texts (the original files
// in round one, the verified result of the previous round after that),
// parses the unit again from an in-memory overlay and runs the rules on it.
// Findings of a re-run are mapped back to positions in the original files
// through the edits of every round, so that they can be compared with the
// findings of the first run and filtered as those were.
//
//===----------------------------------------------------------------------===//
#include "engine/Verifier.h"

#include "edit/EditSet.h"
#include "edit/UnifiedDiff.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

using namespace llvm;

namespace pitfix {
namespace {

using Texts = std::map<std::string, std::string>;
/// The edits one round applied, per file, as editsForFile() orders them.
using RoundEdits = std::map<std::string, std::vector<Edit>>;

/// The position in a round's input of \p Offset in its output; \p Exact is
/// cleared when the position lies in text that the round wrote (it maps to
/// the start of the edit).
unsigned mapOffsetBack(const std::vector<Edit> &Edits, unsigned Offset,
                       bool &Exact) {
  long Delta = 0;
  for (const Edit &E : Edits) {
    long OutStart = (long)E.Offset + Delta;
    if ((long)Offset < OutStart)
      break;
    if ((long)Offset < OutStart + (long)E.Text.size()) {
      Exact = false;
      return E.Offset;
    }
    Delta += (long)E.Text.size() - (long)E.Length;
  }
  return (unsigned)((long)Offset - Delta);
}

/// Distance from \p Offset to the nearest edit of \p F on \p File.
unsigned distanceTo(const Finding &F, StringRef File, unsigned Offset) {
  unsigned Best = std::numeric_limits<unsigned>::max();
  for (const Edit &E : F.Edits) {
    if (E.File != File)
      continue;
    unsigned End = E.Offset + E.Length;
    unsigned D = Offset < E.Offset ? E.Offset - Offset
                 : Offset > End    ? Offset - End
                                   : 0;
    Best = std::min(Best, D);
  }
  return Best;
}

/// The result of applying one set of fixes.
struct Attempt {
  bool Ok = false;
  std::string Error;   ///< The first compiler error, when !Ok.
  FileLoc ErrorLoc;    ///< Mapped back to the round's input.
  Texts New;           ///< The rewritten files.
  RoundEdits Edits;    ///< What was applied.
  TUResult Rerun;      ///< The re-run on the rewritten unit, when Ok.
};

/// A first-run fix that waits for a fix of another rule in its function.
struct Pending {
  Finding *F = nullptr;
  FileLoc ByLoc; ///< The fix it waits for, in the original file.
  std::string ByRule;
};

/// One finding of the re-run, with its position in the original files.
struct Mapped {
  Finding F;    ///< At positions of the current texts.
  FileLoc Orig; ///< Its position in the original file.
  bool Exact = true;
};

class UnitVerifier {
public:
  UnitVerifier(const std::string &Main, const VerifyOptions &O)
      : Main(Main), O(O), Run(*O.Run) {}

  VerifyStats run(std::vector<Finding> &Findings) {
    // A fixed finding that the result still has, or whose rewrite adds a
    // pitfall, is withdrawn and the rest verified again: at most once per
    // finding with a fix.
    for (size_t Tries = 0; Tries <= Findings.size(); ++Tries)
      if (!attempt(Findings))
        break;
    if (Preambles)
      Stats.Preambles = Preambles->stats();
    return Stats;
  }

private:
  /// The text of \p File before the run (nullptr when it cannot be read).
  const std::string *original(const std::string &File) {
    auto It = Orig.find(File);
    if (It != Orig.end())
      return &It->second;
    auto Buf = MemoryBuffer::getFile(File, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (!Buf)
      return nullptr;
    return &(Orig[File] = (*Buf)->getBuffer().str());
  }

  const std::string *current(const std::string &File) {
    auto It = Cur.find(File);
    return It != Cur.end() ? &It->second : original(File);
  }

  /// Applies the fixes of \p Fs to the current texts and parses the unit.
  Attempt tryFixes(const std::vector<Finding *> &Fs) {
    Attempt A;
    std::map<std::string, std::vector<Edit>> ByFile;
    for (const Finding *F : Fs)
      for (const Edit &E : F->Edits)
        ByFile[E.File].push_back(E);
    for (auto &[File, Edits] : ByFile) {
      const std::string *Text = current(File);
      if (!Text) {
        A.Error = "cannot read " + File;
        return A;
      }
      Edits = editsForFile(std::move(Edits), *Text);
      Expected<std::string> New = applyEdits(*Text, Edits);
      if (!New) {
        A.Error = toString(New.takeError());
        return A;
      }
      A.New[File] = std::move(*New);
      A.Edits[File] = Edits;
    }
    FileOverlay Overlay = Cur;
    for (const auto &[File, Text] : A.New)
      Overlay[File] = Text;
    ++Stats.Parses;
    if (O.Preambles && Stats.Parses >= O.PreambleFromParse && !Preambles)
      Preambles.emplace(/*MaxEntries=*/2);
    Run.Preambles = Preambles ? &*Preambles : nullptr;
    A.Rerun = runUnit(*O.Rules, O.Enabled, Run, Main, Overlay);
    if (!A.Rerun.Failed) {
      A.Ok = true;
      return A;
    }
    A.Error = A.Rerun.FirstError;
    A.ErrorLoc = A.Rerun.FirstErrorLoc;
    auto It = A.Edits.find(A.ErrorLoc.File);
    if (It != A.Edits.end()) {
      bool Exact = true;
      A.ErrorLoc.Offset = mapOffsetBack(It->second, A.ErrorLoc.Offset, Exact);
    }
    return A;
  }

  /// The fixes of \p Fs that keep the unit compiling, applied together;
  /// the others get their first error in \p Withdrawn.
  Attempt verifyRound(std::vector<Finding *> Fs,
                      std::vector<std::pair<Finding *, std::string>> &Withdrawn) {
    std::vector<std::pair<Finding *, std::string>> Dropped;
    Attempt Good;
    while (!Fs.empty()) {
      Attempt A = tryFixes(Fs);
      if (A.Ok) {
        Good = std::move(A);
        break;
      }
      // Drop the fix whose edits are nearest the error first.
      size_t Pick = 0;
      unsigned Best = std::numeric_limits<unsigned>::max();
      for (size_t I = 0; I < Fs.size(); ++I) {
        unsigned D = distanceTo(*Fs[I], A.ErrorLoc.File, A.ErrorLoc.Offset);
        if (D < Best)
          Best = D, Pick = I;
      }
      Dropped.push_back({Fs[Pick], A.Error});
      Fs.erase(Fs.begin() + Pick);
    }
    // Each dropped fix on its own: one that compiles with the others was
    // dropped for a neighbour's error.
    for (auto &[F, Error] : Dropped) {
      std::vector<Finding *> More = Fs;
      More.push_back(F);
      Attempt A = tryFixes(More);
      if (A.Ok) {
        Fs = std::move(More);
        Good = std::move(A);
      } else {
        Withdrawn.push_back({F, A.Error});
      }
    }
    return Good;
  }

  /// The position in the original file of \p L, a position in the current
  /// texts.
  FileLoc mapBack(const FileLoc &L, bool &Exact) {
    FileLoc Out = L;
    bool Changed = false;
    for (auto R = Rounds.rbegin(); R != Rounds.rend(); ++R) {
      auto It = R->find(L.File);
      if (It == R->end())
        continue;
      Out.Offset = mapOffsetBack(It->second, Out.Offset, Exact);
      Changed = true;
    }
    if (!Changed)
      return Out;
    const std::string *Text = original(L.File);
    if (!Text)
      return Out;
    StringRef Before = StringRef(*Text).take_front(Out.Offset);
    Out.Line = Before.count('\n') + 1;
    size_t NL = Before.rfind('\n');
    Out.Col = Out.Offset - (NL == StringRef::npos ? 0 : NL + 1) + 1;
    return Out;
  }

  static std::string signature(const Finding &F, const FileLoc &At) {
    return F.RuleId + "\x1f" + At.File + "\x1f" + std::to_string(At.Offset) +
           "\x1f" + F.Message;
  }

  /// The re-run's findings at original positions, filtered as the first
  /// run's were.
  std::vector<Mapped> mapRerun(std::vector<Finding> Fs) {
    std::vector<Mapped> Out;
    for (Finding &F : Fs) {
      Mapped M;
      M.Orig = mapBack(F.Loc, M.Exact);
      Finding AtOrig = F;
      AtOrig.Loc = M.Orig;
      if ((O.Keep && !O.Keep(AtOrig)) || Skip.count(signature(F, M.Orig)))
        continue;
      M.F = std::move(F);
      Out.push_back(std::move(M));
    }
    return Out;
  }

  /// One pass from the original texts to the fixpoint. Returns true when a
  /// fix was withdrawn because of what the re-run found (run again).
  bool attempt(std::vector<Finding> &Findings) {
    Cur.clear();
    Rounds.clear();
    std::vector<Finding *> Fixes;
    for (Finding &F : Findings)
      if (F.hasFix())
        Fixes.push_back(&F);
    if (Fixes.empty())
      return false;
    std::set<const Finding *> FirstRound(Fixes.begin(), Fixes.end());
    // In each function, the fixes after the first one of another rule wait
    // for the next round: the re-run shows whether their pitfall is still
    // there once the earlier fixes are made.
    std::vector<Pending> Waiting;
    for (const auto &[F, By] : deferStacked(Fixes))
      Waiting.push_back({F, By->Loc, By->RuleId});
    // Later rounds' findings live here; their fixes are applied as well.
    std::vector<std::unique_ptr<Finding>> Later;
    std::vector<Mapped> Final;
    bool Parsed = false;
    for (unsigned Round = 0; Round < O.MaxRounds && !Fixes.empty(); ++Round) {
      std::vector<std::pair<Finding *, std::string>> Withdrawn;
      Attempt A = verifyRound(Fixes, Withdrawn);
      for (auto &[F, Error] : Withdrawn) {
        bool Exact = true;
        Skip.insert(signature(*F, mapBack(F->Loc, Exact)));
        if (FirstRound.count(F)) {
          F->Edits.clear();
          F->Refusal = "the rewrite did not compile: " + Error;
        }
      }
      if (!A.Ok)
        break;
      for (auto &[File, Text] : A.New)
        Cur[File] = std::move(Text);
      Rounds.push_back(std::move(A.Edits));
      ++Stats.Rounds;
      Parsed = true;
      Final = mapRerun(std::move(A.Rerun.Findings));
      // The re-run's fixes, without overlaps, are the next round.
      EditSet Next;
      std::vector<Finding> Copies;
      for (const Mapped &M : Final)
        Copies.push_back(M.F);
      Next.add(std::move(Copies));
      Next.resolveConflicts();
      Fixes.clear();
      for (Finding &F : Next.findings())
        if (F.hasFix()) {
          Later.push_back(std::make_unique<Finding>(std::move(F)));
          Fixes.push_back(Later.back().get());
        }
      std::vector<std::pair<Finding *, const Finding *>> Deferred =
          deferStacked(Fixes);
      settleWaiting(Waiting, Final, Fixes, Deferred);
    }
    if (!Parsed)
      return false;
    if (withdrawRemnants(Findings, Final))
      return true;
    if (Rounds.size() > 1)
      reassignEdits(Findings);
    return false;
  }

  /// Takes out of \p Fixes (in place) each fix that follows, in source
  /// order within its function, a fix of another rule there: only the first
  /// run of one rule's fixes in each function is made in one round. Returns
  /// them, each with the fix of another rule it follows.
  static std::vector<std::pair<Finding *, const Finding *>>
  deferStacked(std::vector<Finding *> &Fixes) {
    std::vector<Finding *> Ordered = Fixes;
    std::stable_sort(Ordered.begin(), Ordered.end(),
                     [](const Finding *A, const Finding *B) {
                       return std::tie(A->Loc.File, A->Loc.Offset) <
                              std::tie(B->Loc.File, B->Loc.Offset);
                     });
    std::vector<Finding *> Now;
    std::vector<std::pair<Finding *, const Finding *>> Later;
    // Per function: the rule of its first fix, and the first fix of
    // another rule once one came.
    std::map<std::tuple<std::string, unsigned, unsigned>,
             std::pair<std::string, const Finding *>>
        Scopes;
    for (Finding *F : Ordered) {
      if (!F->ScopeEnd) {
        Now.push_back(F);
        continue;
      }
      auto [It, New] = Scopes.insert(
          {{F->Loc.File, F->ScopeBegin, F->ScopeEnd}, {F->RuleId, nullptr}});
      auto &[Rule, Other] = It->second;
      if (!New && !Other && Rule != F->RuleId)
        Other = F;
      if (!Other) {
        Now.push_back(F);
        continue;
      }
      // The fix it waits for: the last one made now in its function.
      const Finding *By = nullptr;
      for (const Finding *G : Now)
        if (G->Loc.File == F->Loc.File && G->ScopeBegin == F->ScopeBegin &&
            G->ScopeEnd == F->ScopeEnd)
          By = G;
      Later.push_back({F, By ? By : Other});
    }
    Fixes = std::move(Now);
    return Later;
  }

  /// After a round: a waiting first-run fix whose pitfall the re-run no
  /// longer finds was made unnecessary by the fix it waited for; one whose
  /// pitfall the re-run finds with a fix of the next round (\p Now) is made
  /// there; one whose re-run fix waits again (\p Deferred) waits on.
  void settleWaiting(
      std::vector<Pending> &Waiting, const std::vector<Mapped> &Rerun,
      const std::vector<Finding *> &Now,
      const std::vector<std::pair<Finding *, const Finding *>> &Deferred) {
    auto SameFix = [](const Finding &A, const Finding &B) {
      return A.RuleId == B.RuleId && A.Loc.File == B.Loc.File &&
             A.Loc.Offset == B.Loc.Offset && A.Message == B.Message;
    };
    std::vector<Pending> Still;
    for (Pending &P : Waiting) {
      Finding *F = P.F;
      const Mapped *Copy = nullptr;
      for (const Mapped &M : Rerun)
        if (!Copy && M.F.RuleId == F->RuleId && M.Orig.File == F->Loc.File &&
            (M.Orig.Offset == F->Loc.Offset || M.F.Message == F->Message))
          Copy = &M;
      if (!Copy) {
        F->Edits.clear();
        F->SolvedByRule = P.ByRule;
        F->SolvedByLoc = P.ByLoc;
        continue;
      }
      for (const auto &[D, By] : Deferred)
        if (SameFix(*D, Copy->F)) {
          bool Exact = true;
          P.ByLoc = mapBack(By->Loc, Exact);
          P.ByRule = By->RuleId;
          Still.push_back(P);
          break;
        }
      (void)Now; // Made in the next round, or refused there: settled.
    }
    Waiting = std::move(Still);
  }

  /// Compares the last re-run with the first run. Returns true when a fixed
  /// finding was withdrawn.
  bool withdrawRemnants(std::vector<Finding> &Findings,
                        const std::vector<Mapped> &Final) {
    std::vector<bool> Used(Findings.size());
    std::vector<const Mapped *> Open;
    // A message may name a line ("the work started on line 29"): after a
    // rewrite above it, the re-run names the line of the rewritten file.
    // Numbers do not tell two findings apart.
    auto WithoutNumbers = [](const std::string &Msg) {
      std::string Out;
      for (char Ch : Msg)
        if (!isdigit(static_cast<unsigned char>(Ch)))
          Out += Ch;
        else if (Out.empty() || Out.back() != '#')
          Out += '#';
      return Out;
    };
    auto Same = [&](const Finding &A, const Mapped &M) {
      return A.RuleId == M.F.RuleId && A.Loc.File == M.Orig.File &&
             (A.Message == M.F.Message ||
              WithoutNumbers(A.Message) == WithoutNumbers(M.F.Message));
    };
    std::vector<std::pair<size_t, const Mapped *>> Remain;
    // The same finding at the same place: kept if it had no fix, else the
    // fix did not remove it.
    for (const Mapped &M : Final) {
      bool Matched = false;
      for (size_t I = 0; I < Findings.size() && !Matched; ++I)
        if (!Used[I] && M.Exact && Same(Findings[I], M) &&
            Findings[I].Loc.Offset == M.Orig.Offset) {
          Used[I] = Matched = true;
          if (Findings[I].hasFix())
            Remain.push_back({I, &M});
        }
      if (!Matched)
        Open.push_back(&M);
    }
    // Moved by a rewrite: the same rule and message elsewhere in the file.
    std::vector<const Mapped *> New;
    for (const Mapped *M : Open) {
      size_t Owner = Findings.size();
      for (size_t I = 0; I < Findings.size(); ++I)
        if (!Used[I] && Same(Findings[I], *M) &&
            (Owner == Findings.size() ||
             (!Findings[I].hasFix() && Findings[Owner].hasFix())))
          Owner = I;
      if (Owner == Findings.size()) {
        New.push_back(M);
        continue;
      }
      Used[Owner] = true;
      if (Findings[Owner].hasFix())
        Remain.push_back({Owner, M});
    }
    for (auto &[I, M] : Remain) {
      Finding &F = Findings[I];
      Skip.insert(signature(F, F.Loc));
      F.Edits.clear();
      F.Refusal = "the pitfall is still there after the rewrite (at " +
                  std::to_string(M->F.Loc.Line) + ":" +
                  std::to_string(M->F.Loc.Col) + " of the rewritten file)";
      Skip.insert(signature(M->F, M->Orig));
    }
    // A finding that only the rewritten code has: the rewrite that wrote
    // that code is withdrawn; elsewhere it is reported as it is.
    bool Withdrew = !Remain.empty();
    std::vector<const Mapped *> Unblamed;
    for (const Mapped *M : New) {
      bool Blamed = false;
      if (!M->Exact)
        for (Finding &F : Findings)
          if (F.hasFix() && distanceTo(F, M->Orig.File, M->Orig.Offset) == 0) {
            Skip.insert(signature(F, F.Loc));
            F.Edits.clear();
            F.Refusal = (F.RuleId == M->F.RuleId
                             ? "the pitfall would still be there after the "
                               "rewrite: "
                             : "the rewritten code would have another "
                               "pitfall: ") +
                        M->F.Message + " [" + M->F.RuleId + "]";
            Blamed = Withdrew = true;
          }
      if (Blamed)
        Skip.insert(signature(M->F, M->Orig));
      else
        Unblamed.push_back(M);
    }
    if (Withdrew)
      return true; // verified again without them
    for (const Mapped *M : Unblamed) {
      Finding F = M->F;
      F.Loc = M->Orig;
      F.Edits.clear();
      F.Notes.clear();
      F.Refusal = "it appears once the other rewrites are made";
      Findings.push_back(std::move(F));
    }
    return false;
  }

  /// After several rounds, the edits of the files that later rounds changed
  /// are the differences between their original and final texts, each
  /// owned by the first-run fixes that it touches (or the nearest).
  void reassignEdits(std::vector<Finding> &Findings) {
    std::set<std::string> Files;
    for (size_t R = 1; R < Rounds.size(); ++R)
      for (const auto &[File, Edits] : Rounds[R])
        Files.insert(File);
    for (const std::string &File : Files) {
      const std::string *Old = original(File);
      if (!Old)
        continue;
      std::vector<Finding *> Owners;
      std::map<Finding *, std::vector<Edit>> OldEdits;
      for (Finding &F : Findings)
        if (F.hasFix())
          for (const Edit &E : F.Edits)
            if (E.File == File)
              OldEdits[&F].push_back(E);
      for (auto &[F, Es] : OldEdits) {
        Owners.push_back(F);
        llvm::erase_if(F->Edits, [&](const Edit &E) { return E.File == File; });
      }
      if (Owners.empty()) // Only later rounds changed it.
        for (Finding &F : Findings)
          if (F.hasFix()) {
            Owners.push_back(&F);
            break;
          }
      if (Owners.empty())
        continue;
      std::set<Finding *> Got;
      Finding *First = nullptr;
      Edit FirstEdit;
      for (const TextHunk &H : lineHunks(*Old, Cur[File])) {
        Edit E{File, H.Offset, H.Length, H.Text};
        if (!First)
          FirstEdit = E;
        std::vector<Finding *> Take;
        Finding *Nearest = nullptr;
        unsigned Best = std::numeric_limits<unsigned>::max();
        for (Finding *F : Owners) {
          Finding Tmp;
          Tmp.Edits = OldEdits[F];
          unsigned D = std::min(distanceTo(Tmp, File, H.Offset),
                                distanceTo(Tmp, File, H.Offset + H.Length));
          bool Inside = false;
          for (const Edit &OE : OldEdits[F])
            Inside |= OE.Offset >= H.Offset &&
                      OE.Offset + OE.Length <= H.Offset + H.Length;
          if (D == 0 || Inside)
            Take.push_back(F);
          if (D < Best)
            Best = D, Nearest = F;
        }
        if (Take.empty())
          Take.push_back(Nearest);
        for (Finding *F : Take) {
          F->Edits.push_back(E);
          Got.insert(F);
        }
        First = Take.front();
      }
      // A fix whose own lines were rewritten again by later rounds shares
      // the first change, so that it is still written with the others.
      if (First)
        for (Finding *F : Owners)
          if (!Got.count(F) && F->Edits.empty())
            F->Edits.push_back(FirstEdit);
    }
  }

  const std::string &Main;
  const VerifyOptions &O;
  RunOptions Run; ///< O.Run, with or without the preambles.
  std::optional<PreambleCache> Preambles;
  Texts Orig, Cur;
  std::vector<RoundEdits> Rounds;
  /// Findings (rule, original position, message) whose fixes are not tried
  /// again.
  std::set<std::string> Skip;
  VerifyStats Stats;
};

} // namespace

VerifyStats verifyFixes(std::vector<Finding> &Findings,
                        const std::string &MainFile, const VerifyOptions &O) {
  return UnitVerifier(MainFile, O).run(Findings);
}

} // namespace pitfix
