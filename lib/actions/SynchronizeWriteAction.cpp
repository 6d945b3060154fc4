//===- SynchronizeWriteAction.cpp - make a racing write synchronised
//-------===//
//
// Given a variable bound as "var" (a condition, such as shared-volatile,
// decided that threads share it), it becomes std::atomic<T> when every use
// fits, or the finding names the use that does not. Given a spawn instead:
// Spawned work writes shared state with no lock held while another thread
// can touch it. A scalar counter becomes std::atomic<T> when every use fits
// the atomic; an object with exactly one mutex beside it, which other code
// already holds when touching it, gets a std::lock_guard on that mutex
// around each unlocked write. Everything else is reported with what is
// missing. The finding is computed for the whole translation unit, so that
// every spawn that reaches the same state yields the same finding.
//
//===----------------------------------------------------------------------===//
#include "actions/AtomicConversion.h"
#include "analysis/AstWalk.h"
#include "analysis/Concurrency.h"
#include "analysis/Effects.h"
#include "analysis/FreshName.h"
#include "analysis/HeldLocks.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "engine/Action.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"
#include "toolkit/StatementPlacement.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SetVector.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// A racing write and the evidence for it.
struct RacingWrite {
  SharedUse U;
  Overlap O;
};

/// The mutexes declared beside \p D: fields of the same class, variables of
/// the same namespace scope and file, locals of the same block.
std::vector<const ValueDecl *> mutexesBeside(const ValueDecl *D,
                                             ASTContext &Ctx,
                                             const Vocabulary &V) {
  std::vector<const ValueDecl *> Out;
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *FD = dyn_cast<FieldDecl>(D)) {
    for (const FieldDecl *F : FD->getParent()->fields())
      if (isMutexType(F->getType(), V))
        Out.push_back(F);
    return Out;
  }
  const auto *VD = dyn_cast<VarDecl>(D);
  if (!VD)
    return Out;
  if (VD->isLocalVarDecl()) {
    DynTypedNodeList P = Ctx.getParents(*VD);
    const auto *DS = P.empty() ? nullptr : P[0].get<DeclStmt>();
    DynTypedNodeList PP = DS ? Ctx.getParents(*DS) : DynTypedNodeList(DynTypedNode());
    const auto *B = DS && !PP.empty() ? PP[0].get<CompoundStmt>() : nullptr;
    if (!B)
      return Out;
    for (const Stmt *S : B->body())
      if (const auto *Decls = dyn_cast<DeclStmt>(S))
        for (const Decl *X : Decls->decls())
          if (const auto *M = dyn_cast<VarDecl>(X))
            if (isMutexType(M->getType(), V))
              Out.push_back(M);
    return Out;
  }
  for (const Decl *X : VD->getDeclContext()->decls())
    if (const auto *M = dyn_cast<VarDecl>(X))
      if (isMutexType(M->getType(), V) &&
          SM.getFileID(SM.getExpansionLoc(M->getLocation())) ==
              SM.getFileID(SM.getExpansionLoc(VD->getLocation())))
        Out.push_back(M);
  return Out;
}

/// Is \p F called anywhere in the unit while a lock is held?
const CallExpr *callUnderLock(const FunctionDecl *F, ASTContext &Ctx,
                              const Vocabulary &V) {
  const FunctionDecl *Target = F->getCanonicalDecl();
  const CallExpr *Found = nullptr;
  forEachStmtInUnit(Ctx, [&](const Stmt *S) {
    const auto *C = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = C ? C->getDirectCallee() : nullptr;
    if (Callee && Callee->getCanonicalDecl() == Target &&
        locksHeldAt(C, Ctx, V).Any)
      Found = C;
    return !Found;
  });
  return Found;
}

bool hasMethod(const CXXRecordDecl *RD, StringRef Name) {
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXMethodDecl *M : RD->getDefinition()->methods())
    if (M->getIdentifier() && M->getName() == Name)
      return true;
  return false;
}

/// The statement that \p E is (directly, through cleanups), or nullptr when
/// \p E is part of a larger expression or statement.
const Stmt *ownStatement(const Expr *E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*E);
  const Stmt *Child = E;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      return nullptr;
    if (isa<ExprWithCleanups>(P) || isa<ParenExpr>(P) ||
        (isa<ImplicitCastExpr>(P) &&
         cast<ImplicitCastExpr>(P)->getCastKind() == CK_ToVoid) ||
        (isa<CStyleCastExpr>(P) && cast<CStyleCastExpr>(P)->getType()->isVoidType())) {
      Child = P;
      Node = Parents[0];
      continue;
    }
    if (isa<CompoundStmt>(P))
      return Child;
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getThen() == Child || If->getElse() == Child ? Child : nullptr;
    if (const auto *F = dyn_cast<ForStmt>(P))
      return F->getBody() == Child ? Child : nullptr;
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return W->getBody() == Child ? Child : nullptr;
    if (const auto *R = dyn_cast<CXXForRangeStmt>(P))
      return R->getBody() == Child ? Child : nullptr;
    return nullptr;
  }
}

class SynchronizeWriteAction : public Action {
public:
  explicit SynchronizeWriteAction(std::vector<std::string> Names)
      : Names(std::move(Names)) {}

  void run(MatchContext &C) const override {
    // A variable that a condition decided threads share (bound as "var"):
    // it becomes std::atomic<T>, or the finding names the use that does
    // not fit.
    if (const auto *D = C.node<DeclaratorDecl>("var")) {
      FindingBuilder F = C.report(D->getLocation());
      makeAtomic(C, F, D);
      return;
    }
    const auto *Spawn = C.node<Expr>("spawn");
    if (!Spawn)
      Spawn = C.node<Expr>("root");
    if (!Spawn)
      return;
    const Concurrency &CC = Concurrency::of(C.ast(), C.vocab());
    const ConcurrentWork *W = CC.workOf(Spawn);
    if (!W)
      return;
    SetVector<const ValueDecl *> Written;
    for (const SharedUse &U : CC.sharedUses(*W))
      if (U.A.writes() && !U.A.Decl->getType().isVolatileQualified())
        Written.insert(U.A.Decl);
    for (const ValueDecl *D : Written)
      check(C, CC, D);
  }

private:
  /// Makes \p D a std::atomic<T> when every use fits: true when done (or
  /// left to the run that parses system bodies); otherwise false, with
  /// \p Why naming the use that does not fit.
  static bool tryAtomic(MatchContext &C, FindingBuilder &F,
                        const DeclaratorDecl *D, Refusal &Why) {
    if (planDependsOnSystemBodies(D) && C.sink().needSystemBodies())
      return true;
    RefusalOr<AtomicPlan> P = planAtomic(D, C.ast());
    if (!P) {
      Why = P.refusal();
      return false;
    }
    SourceChanges Changes;
    applyAtomic(*P, Changes, C.ast());
    F.apply(Changes);
    return true;
  }

  static void makeAtomic(MatchContext &C, FindingBuilder &F,
                         const DeclaratorDecl *D) {
    Refusal Why;
    if (tryAtomic(C, F, D, Why))
      return;
    if (Why.Place != D->getLocation())
      Why.Note = Why.Reason;
    F.refuse(Why);
  }

  void check(MatchContext &C, const Concurrency &CC, const ValueDecl *D) const {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    // Every unlocked write of the unit's work to D, in source order, with the
    // evidence that it races.
    std::vector<RacingWrite> Racing;
    std::set<const Expr *> SeenRefs;
    for (const ConcurrentWork &W : CC.works())
      for (const SharedUse &U : CC.sharedUses(W)) {
        if (U.A.Decl != D || !U.A.writes() || !SeenRefs.insert(U.A.Ref).second)
          continue;
        if (std::optional<Overlap> O = CC.overlap(U))
          Racing.push_back({U, *O});
      }
    std::vector<const ValueDecl *> Beside = mutexesBeside(D, Ctx, C.vocab());
    SourceLocation GuardedUse;
    const ValueDecl *Mutex = Beside.size() == 1 ? Beside[0] : nullptr;
    bool MutexUsed = Mutex && usedUnder(D, Mutex, Ctx, C.vocab(), &GuardedUse);
    if (Racing.empty() && MutexUsed) {
      // Other code holds the mutex when touching D: every unlocked write of
      // the work races with it.
      for (const ConcurrentWork &W : CC.works())
        for (const SharedUse &U : CC.sharedUses(W))
          if (U.A.Decl == D && U.A.writes() && SeenRefs.insert(U.A.Ref).second) {
            Overlap O;
            O.How = Overlap::Elsewhere;
            O.Loc = GuardedUse;
            O.OtherWrites = true;
            O.Why = "other code holds '" + Mutex->getNameAsString() +
                    "' when it touches it";
            Racing.push_back({U, O});
          }
    }
    if (Racing.empty())
      return;
    std::sort(Racing.begin(), Racing.end(),
              [&](const RacingWrite &A, const RacingWrite &B) {
                return SM.isBeforeInTranslationUnit(A.U.A.User->getBeginLoc(),
                                                    B.U.A.User->getBeginLoc());
              });
    const RacingWrite &First = Racing.front();
    FindingBuilder F = C.report(First.U.A.User->getBeginLoc(),
                                {{"var", D->getNameAsString()}, {"why", First.O.Why}});
    if (First.O.Loc.isValid() && First.O.How != Overlap::OtherInstance)
      F.note(First.O.Loc, "the other access");
    else if (First.O.Loc.isValid())
      F.note(First.O.Loc, First.O.Why == "the same work is spawned more than once"
                              ? "it is spawned again here"
                              : "the spawning loop");

    const auto *DD = dyn_cast<DeclaratorDecl>(D);
    Refusal AtomicWhy;
    QualType T = D->getType();
    if (DD && T->isScalarType() && tryAtomic(C, F, DD, AtomicWhy))
      return;
    Refusal MutexWhy = lockAround(C, F, D, Beside, MutexUsed, Racing);
    if (!MutexWhy)
      return;
    if (AtomicWhy) {
      F.note(AtomicWhy.Place, "not a std::atomic: " + AtomicWhy.Reason);
      if (MutexWhy.Place.isValid())
        F.note(MutexWhy.Place, "no lock_guard: " + MutexWhy.Reason);
      F.refuse(AtomicWhy.Reason + "; " + MutexWhy.Reason);
      return;
    }
    if (MutexWhy.Place != First.U.A.User->getBeginLoc())
      MutexWhy.Note = MutexWhy.Reason;
    F.refuse(MutexWhy);
  }

  /// Wraps every racing write in a lock_guard on the one mutex beside \p D.
  Refusal lockAround(MatchContext &C, FindingBuilder &F, const ValueDecl *D,
                     const std::vector<const ValueDecl *> &Beside,
                     bool MutexUsed,
                     const std::vector<RacingWrite> &Racing) const {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    std::string Name = D->getNameAsString();
    SourceLocation WhyLoc = D->getLocation();
    if (Beside.empty()) {
      return Refusal("no mutex is declared beside '" + Name + "'", WhyLoc);
    }
    if (Beside.size() > 1) {
      return Refusal("'" + Name + "' has " + std::to_string(Beside.size()) +
                         " mutexes beside it; which one guards it is not clear",
                     WhyLoc);
    }
    const ValueDecl *M = Beside[0];
    std::string MName = M->getNameAsString();
    if (!MutexUsed) {
      return Refusal("'" + MName + "' is declared beside '" + Name +
                         "', but no code holds it when touching '" + Name + "'",
                     WhyLoc);
    }
    const CXXRecordDecl *MRD = recordOf(M->getType());
    if (!hasMethod(MRD, "lock") || !hasMethod(MRD, "unlock")) {
      WhyLoc = M->getLocation();
      return Refusal("'" + MName +
                         "' has no lock() and unlock() for std::lock_guard",
                     WhyLoc);
    }
    const auto *MDD = dyn_cast<DeclaratorDecl>(M);
    std::string MType =
        MDD && MDD->getTypeSourceInfo()
            ? sourceText(MDD->getTypeSourceInfo()->getTypeLoc().getSourceRange(), SM, LO)
            : "";
    if (MType.empty())
      MType = M->getType().getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
    std::set<FileID> Files;
    for (const RacingWrite &RW : Racing) {
      const Expr *User = RW.U.A.User;
      WhyLoc = User->getBeginLoc();
      // `m[k] = v`: the write is the assignment.
      if (const auto *P = dyn_cast_or_null<Expr>(valueUser(User, Ctx))) {
        const auto *BO = dyn_cast<BinaryOperator>(P);
        const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
        if ((BO && BO->isAssignmentOp() &&
             BO->getLHS()->IgnoreParenImpCasts() == User) ||
            (OC && OC->isAssignmentOp() && OC->getNumArgs() == 2 &&
             OC->getArg(0)->IgnoreParenImpCasts() == User))
          User = P;
      }
      const Stmt *S = ownStatement(User, Ctx);
      if (!S) {
        return Refusal("the write to '" + Name +
                           "' is part of a larger statement",
                       WhyLoc);
      }
      if (Effects E = effectsOf(S, Ctx, C.vocab()); E.Barrier) {
        return Refusal("the statement also synchronises (" + E.Barrier.What +
                           "); taking '" + MName + "' around it could deadlock",
                       WhyLoc);
      }
      const FunctionDecl *Fn = enclosingFunction(S, Ctx);
      if (!Fn) {
        return Refusal("the write is outside a function", WhyLoc);
      }
      if (Fn != workBody(RW)) {
        if (const CallExpr *Call = callUnderLock(Fn, Ctx, C.vocab())) {
          return Refusal("'" + Fn->getNameAsString() +
                             "' is also called with a lock held; taking '" +
                             MName + "' inside it could deadlock",
                         Call->getBeginLoc());
        }
      }
      // The mutex, reached the way the write reaches the state.
      std::string MutexText;
      const Expr *Ref = RW.U.A.Ref;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Ref);
          DRE && DRE->getDecl() != D) {
        return Refusal(
            "the work reaches '" + Name + "' through its parameter '" +
                DRE->getDecl()->getNameAsString() +
                "' (std::ref): the mutex beside it is not in scope there",
            WhyLoc);
      }
      if (const auto *ME = dyn_cast<MemberExpr>(Ref)) {
        const Expr *Base = ME->getBase();
        if (ME->isImplicitAccess())
          MutexText = MName;
        else
          MutexText = sourceText(Base->getSourceRange(), SM, LO) +
                      (ME->isArrow() ? "->" : ".") + MName;
      } else {
        std::string RefText = sourceText(Ref->getSourceRange(), SM, LO);
        if (!StringRef(RefText).ends_with(Name)) {
          return Refusal("the write to '" + Name +
                             "' is inside a macro expansion",
                         WhyLoc);
        }
        MutexText = RefText.substr(0, RefText.size() - Name.size()) + MName;
      }
      std::string Guard = freshName(Fn, Ctx, Names);
      std::string Decl = "std::lock_guard<" + MType + "> " + Guard + "(" +
                         MutexText + ");";
      CharSourceRange R = statementRange(S, SM, LO);
      DynTypedNodeList Parents = Ctx.getParents(*S);
      const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
      if (Block && Block->size() == 1) {
        std::string Indent = lineIndent(S->getBeginLoc(), SM);
        if (startsLine(S->getBeginLoc(), SM))
          F.insert(R.getBegin(), Decl + "\n" + Indent);
        else
          F.insert(R.getBegin(), Decl + " ");
      } else {
        F.insert(R.getBegin(), "{ " + Decl + " ");
        F.insert(R.getEnd(), " }");
      }
      Files.insert(SM.getFileID(SM.getExpansionLoc(S->getBeginLoc())));
    }
    for (FileID FID : Files)
      F.addIncludes(FID, {"<mutex>"});
    return Refusal();
  }

  static const FunctionDecl *workBody(const RacingWrite &RW) {
    return RW.U.Work->Body.Function;
  }

  std::vector<std::string> Names;
};

} // namespace

Expected<std::unique_ptr<Action>>
createSynchronizeWriteAction(const ActionOptions &O) {
  Expected<std::vector<std::string>> Names =
      O.identifiers("names", {"lock", "guard", "lk"});
  if (!Names)
    return Names.takeError();
  return std::make_unique<SynchronizeWriteAction>(std::move(*Names));
}

} // namespace pitfix
