//===- HoistOutOfLockAction.cpp - blocking calls out of critical sections -===//
//
// A mutex held across file, socket or sleep calls stalls every thread that
// wants it for as long as the call takes. The matched statement takes a lock
// (a guard declaration or a lock() call); the action finds the statements of
// that critical section that block (vocabulary calls, and functions of the
// translation unit that make them) and moves each one out:
//
//  - hoist: above the acquisition, when it commutes with everything the
//    section does before it;
//  - sink: below the release (after an explicit unlock(), after the block
//    of a scoped guard, or after an inserted `lock.unlock();` for a guard
//    that has one), when it commutes with everything after it.
//
// Either way the statement must not use state guarded by the mutex: shared
// state it writes, or shared state used under the same mutex elsewhere in
// the translation unit. Otherwise the finding names what is in the way.
//
//===----------------------------------------------------------------------===//
#include "actions/LockPurpose.h"
#include "actions/ObjectState.h"
#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/CriticalSections.h"
#include "analysis/Effects.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "analysis/Spawns.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"
#include "toolkit/StatementLines.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Where a blocking statement goes.
enum class Move { Stay, Hoist, Sink };

/// One statement of the critical section that blocks.
struct Candidate {
  unsigned Index = 0;
  std::vector<BlockingCall> Calls;
  Move Plan = Move::Stay;
  Refusal Why; ///< What prevents the move (Plan == Stay).
};

/// The analysis of one critical section.
class SectionPlanner {
public:
  SectionPlanner(MatchContext &C, CriticalSection CS)
      : C(C), CS(std::move(CS)) {}

  void run();

private:
  const Effects &effects(unsigned I);
  Effects acquireEffects() const;
  bool guardedDependency(unsigned I, Refusal &Why);
  bool canHoist(unsigned I, Refusal &Why, unsigned Depth = 0);
  bool canSink(const Candidate &K, Refusal &Why);
  bool hasSinkTarget(const Candidate &K, std::string &Reason) const;
  void emit();
  bool addHoistEdits(FindingBuilder &F);
  bool addSinkEdits(FindingBuilder &F);
  void describe(FindingBuilder &F, const BlockingCall &B);
  std::string mutexText() const;
  bool moved(unsigned I, Move M) const;
  std::vector<unsigned> movedIndexes() const {
    std::vector<unsigned> Out;
    for (const auto &[Index, Plan] : Plans)
      Out.push_back(Index);
    return Out;
  }
  bool isCandidate(unsigned I) const {
    for (const Candidate &K : Cands)
      if (K.Index == I)
        return true;
    return false;
  }

  MatchContext &C;
  CriticalSection CS;
  std::vector<Candidate> Cands;
  /// Every statement that moves: the blocking ones, and the statements
  /// they need that move up with them (the declaration of a buffer).
  std::map<unsigned, Move> Plans;
  std::map<unsigned, Effects> EffectCache;
  /// A use of the guard in the section that may leave it without its
  /// mutex (moved from, released, unlocked): no `unlock()` is inserted.
  std::optional<StateChange> GuardChange;
};

std::string SectionPlanner::mutexText() const {
  std::vector<std::string> Parts;
  for (const Expr *M : CS.Mutexes) {
    // `pthread_mutex_lock(&m)` holds m.
    if (const auto *U = dyn_cast<UnaryOperator>(M->IgnoreParenImpCasts());
        U && U->getOpcode() == UO_AddrOf)
      M = U->getSubExpr();
    Parts.push_back(sourceText(M->getSourceRange(), C.sm(), C.lang()));
  }
  return join(Parts, ", ");
}

const Effects &SectionPlanner::effects(unsigned I) {
  auto It = EffectCache.find(I);
  if (It != EffectCache.end())
    return It->second;
  return EffectCache[I] = effectsOf(CS.stmt(I), C.ast(), C.vocab());
}

/// The acquisition touches the guard and the mutexes, nothing else: its own
/// lock is the point of the move, not a barrier to it.
Effects SectionPlanner::acquireEffects() const {
  Effects E;
  SourceLocation Loc = CS.stmt(CS.Acquire)->getBeginLoc();
  if (CS.Guard)
    E.Vars[CS.Guard] = {AK_Write, Loc};
  for (const Expr *M : CS.Mutexes)
    if (const ValueDecl *D = mutexDecl(M))
      E.Vars[D] = {AK_Write, Loc};
  return E;
}

bool SectionPlanner::moved(unsigned I, Move M) const {
  auto It = Plans.find(I);
  return It != Plans.end() && It->second == M;
}

static bool same(const EffectSite &A, const EffectSite &B) {
  return A && A.What == B.What && A.Loc == B.Loc;
}

/// Why a statement cannot move past \p Other (whose effects \p OE are):
/// \p Where is "before" or "after".
static std::string phrase(const EffectSite &D, const Effects &OE,
                          StringRef Where) {
  if (same(D, OE.Jump))
    return "a statement " + Where.str() + " it may leave the critical section (" +
           D.What + "), so whether the call runs would change";
  if (same(D, OE.Barrier))
    return "a statement " + Where.str() + " it locks, unlocks or waits (" +
           D.What + ")";
  if (same(D, OE.External))
    return "a statement " + Where.str() + " it also does input/output (" +
           D.What + "), whose order would change";
  if (same(D, OE.Unknown))
    return "a statement " + Where.str() + " it calls " + D.What +
           ", whose effects are unknown";
  return "the statement depends on " + D.What +
         ", which the critical section touches " + Where.str() + " it";
}

/// The note that points at \p D, a part of a statement with effects \p OE.
static std::string noteFor(const EffectSite &D, const Effects &OE) {
  if (same(D, OE.Jump))
    return StringRef(D.What).contains("label")
               ? D.What + " that code elsewhere jumps to is here"
               : D.What + " may leave the critical section here";
  if (same(D, OE.Barrier))
    return D.What + " locks, unlocks or waits here";
  if (same(D, OE.External))
    return D.What + " does input/output here";
  if (same(D, OE.Unknown))
    return D.What + " is called here";
  return D.What + " is used here";
}

/// Does a statement use any state other than its function's locals? Only
/// statements that do not are moved along with a blocking one.
static bool touchesShared(const Effects &E) {
  if (E.IndirectRead || E.IndirectWrite || E.External || E.Unknown)
    return true;
  for (const auto &[D, A] : E.Vars)
    if (isSharedStorage(D) || D->getType()->isReferenceType())
      return true;
  return false;
}

/// The statement itself must be free to run without the lock.
bool SectionPlanner::guardedDependency(unsigned Index, Refusal &Why) {
  const Effects &E = effects(Index);
  const Vocabulary &V = C.vocab();
  std::string Mutex = mutexText();
  if (E.Barrier) {
    Why = Refusal("the statement also locks, unlocks or waits (" +
                      E.Barrier.What + ")",
                  E.Barrier.Loc, noteFor(E.Barrier, E));
    return true;
  }
  if (E.Jump) {
    Why = Refusal("the statement contains " + E.Jump.What +
                      (StringRef(E.Jump.What).contains("label")
                           ? ", which code elsewhere jumps to"
                           : ", which would leave from a different place"),
                  E.Jump.Loc, noteFor(E.Jump, E));
    return true;
  }
  Effects Acq = acquireEffects();
  for (const auto &[D, A] : Acq.Vars)
    if (E.Vars.count(D)) {
      Why = Refusal(
          "the statement uses the lock '" + D->getNameAsString() + "'",
          E.Vars.lookup(D).Loc, "'" + D->getNameAsString() + "' is used here");
      return true;
    }
  if (E.Unknown) {
    Why = Refusal("the statement calls " + E.Unknown.What +
                      ", whose effects are unknown",
                  E.Unknown.Loc, noteFor(E.Unknown, E));
    return true;
  }
  if (E.FarWrite) {
    Why = Refusal("the statement writes " + E.FarWrite.What +
                      ", which may be state guarded by '" + Mutex + "'",
                  E.FarWrite.Loc, E.FarWrite.What + " is written here");
    return true;
  }
  // The mutexes by declaration; a reference to a mutex cannot be related to
  // the sections elsewhere, so all shared state counts as guarded then.
  std::vector<const ValueDecl *> Decls;
  bool Known = true;
  for (const Expr *M : CS.Mutexes) {
    const ValueDecl *D = mutexDecl(M);
    if (!D || D->getType()->isReferenceType() || D->getType()->isPointerType())
      Known = false;
    else
      Decls.push_back(D);
  }
  std::optional<MapVector<const ValueDecl *, SourceLocation>> Guarded;
  for (const auto &[D, A] : E.Vars) {
    if (!isSharedStorage(D) || needsNoLock(D, V))
      continue;
    std::string Name = "'" + D->getNameAsString() + "'";
    if (A.Kind & AK_Write) {
      Why =
          Refusal("the statement writes " + Name +
                      ", shared state that the lock '" + Mutex + "' serialises",
                  A.Loc, Name + " is used here");
      return true;
    }
    if (!Known) {
      Why = Refusal("the statement reads " + Name +
                        ", and which state the "
                        "mutex '" +
                        Mutex + "' guards cannot be told",
                    A.Loc, Name + " is used here");
      return true;
    }
    if (!Guarded)
      Guarded = guardedState(Decls, CS.stmt(Index), C.ast(), V);
    auto It = Guarded->find(D);
    if (It != Guarded->end()) {
      Why = Refusal("the statement reads " + Name + ", which is guarded by '" +
                        Mutex + "'",
                    It->second, Name + " is used under '" + Mutex + "' here");
      return true;
    }
  }
  return false;
}

bool SectionPlanner::canHoist(unsigned Index, Refusal &Why, unsigned Depth) {
  const Effects &E = effects(Index);
  std::map<unsigned, Move> Saved = Plans;
  // The acquisition itself: guardedDependency() rejects uses of the lock.
  std::vector<unsigned> Before;
  for (unsigned I = CS.First; I < Index; ++I) {
    if (moved(I, Move::Hoist))
      continue;
    std::optional<EffectSite> D = dependency(E, effects(I));
    if (!D) {
      Before.push_back(I);
      continue;
    }
    // What the statement needs from before it (the declaration of its
    // buffer) may move up with it, when that is safe on its own.
    Refusal W2;
    if (Depth < 8 && !isCandidate(I) && !touchesShared(effects(I)) &&
        !guardedDependency(I, W2) && canHoist(I, W2, Depth + 1)) {
      Plans[I] = Move::Hoist;
      continue;
    }
    Plans = Saved;
    Why = Refusal(phrase(*D, effects(I), "before"), D->Loc,
                  noteFor(*D, effects(I)));
    return false;
  }
  Before.push_back(CS.Acquire);
  // A declaration moved up must not capture uses of another entity with
  // the same name in the statements it moves over.
  if (const auto *DS = dyn_cast<DeclStmt>(CS.stmt(Index)))
    for (const Decl *D : DS->decls())
      if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->getIdentifier())
        for (unsigned I : Before)
          if (mentionsIdentifier(CS.stmt(I)->getSourceRange(), ND->getName(),
                                 C.sm(), C.lang())) {
            Why =
                Refusal("an earlier statement of the critical section uses "
                        "another '" +
                            ND->getNameAsString() + "'",
                        CS.stmt(I)->getBeginLoc(),
                        "another '" + ND->getNameAsString() + "' is used here");
            Plans = Saved;
            return false;
          }
  return true;
}

/// Can a statement leave the section at its end, and where would it go?
bool SectionPlanner::hasSinkTarget(const Candidate &K, std::string &Reason) const {
  if (CS.releasedExplicitly())
    return true;
  if (CS.Guard && CS.GuardCanUnlock && !GuardChange)
    return true;
  // A lock() without its unlock() in this block is still held after it.
  if (CS.Kind != SectionKind::Guard) {
    Reason = "the lock is not released in this block";
    return false;
  }
  DynTypedNodeList Parents = C.ast().getParents(*CS.Block);
  if (Parents.empty() || !Parents[0].get<CompoundStmt>()) {
    Reason = "the lock is held to the end of the enclosing block";
    return false;
  }
  if (isa<DeclStmt>(CS.stmt(K.Index))) {
    Reason = "the declaration would leave its block";
    return false;
  }
  // Variables of the block go out of scope with it.
  SourceRange BlockRange = CS.Block->getSourceRange();
  for (const auto &[D, A] : EffectCache.at(K.Index).Vars)
    if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->isLocalVarDecl() &&
        C.sm().isBeforeInTranslationUnit(BlockRange.getBegin(), VD->getLocation()) &&
        C.sm().isBeforeInTranslationUnit(VD->getLocation(), BlockRange.getEnd())) {
      Reason = "the statement uses '" + VD->getNameAsString() +
               "', which is declared in the block";
      return false;
    }
  // Other locals of the block are destroyed before the moved statement
  // would run; destructors of user types may do anything.
  for (unsigned I = 0; I < CS.Block->size(); ++I)
    if (const auto *DS = dyn_cast<DeclStmt>(CS.stmt(I)))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD != CS.Guard)
          if (const CXXRecordDecl *RD = recordOf(VD->getType()))
            if (RD->hasDefinition() && !RD->hasTrivialDestructor() &&
                !C.sm().isInSystemHeader(C.sm().getExpansionLoc(RD->getLocation()))) {
              Reason = "'" + VD->getNameAsString() + "' is destroyed at the "
                       "end of the block, before the statement would run";
              return false;
            }
  return true;
}

bool SectionPlanner::canSink(const Candidate &K, Refusal &Why) {
  const Effects &E = effects(K.Index);
  std::string TargetReason;
  if (!hasSinkTarget(K, TargetReason)) {
    if (GuardChange && !CS.releasedExplicitly())
      Why = Refusal("an inserted '" + CS.Guard->getNameAsString() +
                        ".unlock()' could find the lock no longer owning "
                        "its mutex (unlocking then throws)",
                    GuardChange->Loc, GuardChange->What);
    return false;
  }
  for (unsigned I = K.Index + 1; I < CS.End; ++I) {
    if (moved(I, Move::Sink))
      continue;
    if (std::optional<EffectSite> D = dependency(E, effects(I))) {
      Why = Refusal(phrase(*D, effects(I), "after"), D->Loc,
                    noteFor(*D, effects(I)));
      return false;
    }
  }
  return true;
}

void SectionPlanner::run() {
  const FunctionDecl *Fn = enclosingFunction(CS.stmt(CS.Acquire), C.ast());
  if (!Fn || Fn->isTemplateInstantiation())
    return;
  BlockingFinder BF(C.ast(), C.vocab());
  for (unsigned I = CS.First; I < CS.End; ++I) {
    Candidate K;
    K.Index = I;
    for (BlockingCall &B : BF.callsIn(CS.stmt(I))) {
      std::optional<CriticalSection> In = innermostSection(B.Call, C.ast(), C.vocab());
      // A path that ends the process keeps the lock to hold a dying
      // thread's report together; output to a descriptor the lock guards
      // against a concurrent close needs the lock.
      if (In && In->sameAs(CS) && !pathEndsProcess(B.Call, CS, I, C.ast()) &&
          !outputTargetIsGuarded(B, CS, C.ast(), C.vocab()))
        K.Calls.push_back(std::move(B));
    }
    if (!K.Calls.empty())
      Cands.push_back(std::move(K));
  }
  if (Cands.empty())
    return;
  // A mutex that only serialises input/output (every section on it is the
  // I/O itself) is held over I/O on purpose.
  std::vector<const ValueDecl *> Decls;
  for (const Expr *M : CS.Mutexes)
    if (const ValueDecl *D = mutexDecl(M);
        D && !D->getType()->isReferenceType() && !D->getType()->isPointerType())
      Decls.push_back(D);
  if (Decls.size() == CS.Mutexes.size() &&
      mutexGuardsOnlyIo(Decls, C.ast(), C.vocab()))
    return;
  // Every statement the section runs, for the state of its guard.
  if (CS.Guard && CS.GuardCanUnlock && !CS.releasedExplicitly()) {
    std::vector<const Stmt *> Section;
    for (unsigned I = CS.First; I < CS.End; ++I)
      Section.push_back(CS.stmt(I));
    GuardChange = firstStateChange(CS.Guard, Section, C.ast());
  }
  // Hoist in order, so that each one sees the earlier ones already gone;
  // then sink the rest from the last one up.
  for (Candidate &K : Cands) {
    if (guardedDependency(K.Index, K.Why))
      continue;
    if (CS.Kind == SectionKind::TryLock) {
      K.Why = Refusal("the section runs only when a try-lock succeeds; above "
                      "the lock the call would also run when it fails");
      continue;
    }
    if (canHoist(K.Index, K.Why)) {
      K.Plan = Move::Hoist;
      Plans[K.Index] = Move::Hoist;
    }
  }
  for (auto It = Cands.rbegin(); It != Cands.rend(); ++It) {
    Candidate &K = *It;
    if (K.Plan != Move::Stay)
      continue;
    // A statement that needs the lock itself stays, with that reason.
    Refusal Why;
    if (guardedDependency(K.Index, Why))
      continue;
    if (canSink(K, Why)) {
      K.Plan = Move::Sink;
      Plans[K.Index] = Move::Sink;
    } else if (GuardChange && Why) {
      K.Why = Why; // Below the section only after an unlock() it cannot have.
    }
  }
  // A section that is only output keeps it together (a multi-line report):
  // moving a part of it out would interleave it with other threads' output.
  bool Moves = false;
  for (const Candidate &K : Cands)
    Moves = Moves || K.Plan != Move::Stay;
  // A section that only blocks holds the lock for the sake of the call (a
  // test of what other threads do meanwhile, a deliberate delay).
  std::optional<Refusal> Keep;
  Refusal OnlyIo("the critical section does only input/output, which the "
                 "lock keeps together; moving a call out would let other "
                 "threads' output interleave with it");
  if (Moves && sectionIsOnlyIo(CS, C.ast(), C.vocab(), /*OutputOnly=*/true))
    Keep = OnlyIo;
  else if (Moves && sectionOnlyBlocks(CS, C.ast(), C.vocab()))
    Keep = Refusal("the critical section does nothing but block in this "
                   "call: holding the lock meanwhile is its point (other "
                   "threads are meant to find it held), and moving the call "
                   "out would change what they see");
  else if (Moves && sectionIsOnlyIo(CS, C.ast(), C.vocab()))
    Keep = OnlyIo;
  if (Keep) {
    Plans.clear();
    for (Candidate &K : Cands)
      if (K.Plan != Move::Stay) {
        K.Plan = Move::Stay;
        K.Why = *Keep;
      }
  }
  emit();
}

void SectionPlanner::describe(FindingBuilder &F, const BlockingCall &B) {
  if (B.Via.empty())
    return;
  std::string Chain = "'" + B.Name + "' blocks: it calls";
  for (size_t I = 0; I < B.Via.size(); ++I)
    Chain += (I ? ", which calls '" : " '") + B.Via[I].Name + "'";
  F.note(B.Via.back().Call->getBeginLoc(), Chain);
}

bool SectionPlanner::addHoistEdits(FindingBuilder &F) {
  const SourceManager &SM = C.sm();
  std::optional<StatementLines> At = statementLines(CS.stmt(CS.Acquire), SM, C.lang());
  if (!At)
    return false;
  std::string Text;
  for (const auto &[Index, Plan] : Plans) {
    if (Plan != Move::Hoist)
      continue;
    std::optional<StatementLines> L = statementLines(CS.stmt(Index), SM, C.lang());
    if (!L)
      return false;
    Text += reindent(L->Text, L->Indent, At->Indent);
    F.remove(L->range(SM));
  }
  if (!Text.empty())
    F.insert(At->beginLoc(SM), Text);
  return true;
}

bool SectionPlanner::addSinkEdits(FindingBuilder &F) {
  const SourceManager &SM = C.sm();
  const LangOptions &LO = C.lang();
  bool Any = false;
  for (const Candidate &K : Cands)
    Any = Any || K.Plan == Move::Sink;
  if (!Any)
    return true;
  // Statements at the very end of a guard's block need no move: an
  // unlock() before them is enough.
  bool InsertUnlock = !CS.releasedExplicitly() && CS.Guard && CS.GuardCanUnlock;
  unsigned Suffix = CS.End;
  if (InsertUnlock)
    while (Suffix > CS.First && moved(Suffix - 1, Move::Sink))
      --Suffix;
  std::string Text;
  std::string Indent;
  SourceLocation At;
  if (CS.releasedExplicitly()) {
    std::optional<StatementLines> R = statementLines(CS.stmt(CS.End), SM, LO);
    if (!R)
      return false;
    At = R->endLoc(SM);
    Indent = R->Indent;
  } else if (InsertUnlock) {
    std::optional<StatementLines> R =
        Suffix < CS.End ? statementLines(CS.stmt(Suffix), SM, LO)
                        : statementLines(CS.stmt(CS.End - 1), SM, LO);
    if (!R)
      return false;
    At = Suffix < CS.End ? R->beginLoc(SM) : R->endLoc(SM);
    Indent = R->Indent;
    Text = Indent + CS.Guard->getNameAsString() + ".unlock();\n";
  } else {
    std::optional<StatementLines> R = statementLines(CS.Block, SM, LO);
    if (!R)
      return false;
    At = R->endLoc(SM);
    Indent = R->Indent;
  }
  for (const Candidate &K : Cands) {
    if (K.Plan != Move::Sink || K.Index >= Suffix)
      continue;
    std::optional<StatementLines> L = statementLines(CS.stmt(K.Index), SM, LO);
    if (!L)
      return false;
    Text += reindent(L->Text, L->Indent, Indent);
    F.remove(L->range(SM));
  }
  F.insert(At, Text);
  return true;
}

void SectionPlanner::emit() {
  std::string Mutex = mutexText();
  const Candidate *First = nullptr;
  for (const Candidate &K : Cands) {
    if (K.Plan == Move::Stay) {
      const BlockingCall &B = K.Calls.front();
      FindingBuilder F = C.report(B.Call->getBeginLoc(),
                                  {{"call", B.Name}, {"mutex", Mutex}});
      describe(F, B);
      F.refuse(K.Why ? K.Why
                     : Refusal("no place outside the critical section "
                               "keeps the statement's meaning"));
      continue;
    }
    if (!First)
      First = &K;
  }
  if (!First)
    return;
  const BlockingCall &B = First->Calls.front();
  FindingBuilder F = C.report(B.Call->getBeginLoc(),
                              {{"call", B.Name}, {"mutex", Mutex}});
  describe(F, B);
  for (const Candidate &K : Cands)
    if (&K != First && K.Plan != Move::Stay) {
      F.note(K.Calls.front().Call->getBeginLoc(),
             "'" + K.Calls.front().Name + "' also blocks; it moves " +
                 (K.Plan == Move::Hoist ? "above" : "below") +
                 " the critical section too");
      describe(F, K.Calls.front());
    }
  for (unsigned Index : llvm::concat<const unsigned>(
           ArrayRef<unsigned>(CS.Acquire), movedIndexes())) {
    SourceRange R = CS.stmt(Index)->getSourceRange();
    if (R.getBegin().isMacroID() || R.getEnd().isMacroID()) {
      F.refuse("the code is inside a macro expansion");
      return;
    }
  }
  if (!addHoistEdits(F) || !addSinkEdits(F))
    F.refuse("a statement to move shares its line with other code");
}

class HoistOutOfLockAction : public Action {
public:
  void run(MatchContext &C) const override {
    const auto *Acquire = C.node<Stmt>("acquire");
    if (!Acquire)
      return;
    const CompoundStmt *Block = parentBlock(Acquire, C.ast());
    if (!Block)
      return;
    unsigned Index = indexInBlock(Block, Acquire);
    std::optional<CriticalSection> CS = sectionStartingAt(Block, Index, C.vocab());
    if (!CS)
      return;
    SectionPlanner(C, std::move(*CS)).run();
  }
};

} // namespace

Expected<std::unique_ptr<Action>> createHoistOutOfLockAction(const ActionOptions &) {
  return std::make_unique<HoistOutOfLockAction>();
}

} // namespace pitfix
