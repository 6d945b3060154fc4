//===- VolatileToAtomicAction.cpp - volatile used between threads ----------===//
//
// `volatile` makes every access reach memory, but it neither makes an
// access atomic nor orders it with other memory: a volatile flag or
// counter shared by threads is a data race. When spawned work touches the
// variable and another thread (another instance of the work, the spawner
// before it waits, other work, or code outside the work) touches it too,
// with a write on one side, the variable becomes std::atomic<T>.
// `volatile std::sig_atomic_t` (for signal handlers) stays.
//
//===----------------------------------------------------------------------===//
#include "analysis/AtomicConversion.h"
#include "analysis/AstWalk.h"
#include "analysis/Concurrency.h"
#include "analysis/HeldLocks.h"
#include "engine/Action.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is \p T spelled with one of the vocabulary's signal-safe typedefs?
bool isSignalSafeType(QualType T, const Vocabulary &V) {
  while (!T.isNull()) {
    if (const auto *TT = T->getAs<TypedefType>()) {
      if (V.names("signalSafeTypes").contains(TT->getDecl()))
        return true;
      T = TT->getDecl()->getUnderlyingType();
      continue;
    }
    return false;
  }
  return false;
}

/// The mutex held at every use of \p D in the unit (in the use's own
/// function), or nullptr. Uses in a constructor or destructor of a field's
/// class do not count: the object is not shared yet, or no longer. A
/// volatile that one mutex always guards is redundant, not a way to talk
/// between threads.
const ValueDecl *guardingMutex(const DeclaratorDecl *D, ASTContext &Ctx,
                               const Vocabulary &V) {
  std::vector<const ValueDecl *> Common;
  bool First = true;
  forEachStmtInUnit(Ctx, [&](const Stmt *S) {
    const ValueDecl *Named = nullptr;
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      Named = R->getDecl();
    else if (const auto *M = dyn_cast<MemberExpr>(S))
      Named = M->getMemberDecl();
    if (Named != D)
      return true;
    if (isa<FieldDecl>(D))
      if (const FunctionDecl *Fn = enclosingFunction(S, Ctx);
          Fn && isa<CXXConstructorDecl, CXXDestructorDecl>(Fn))
        return true;
    HeldLocks H = locksHeldAt(S, Ctx, V);
    if (First) {
      Common = H.Mutexes;
      First = false;
    } else {
      llvm::erase_if(Common, [&](const ValueDecl *M) {
        return !llvm::is_contained(H.Mutexes, M);
      });
    }
    return !Common.empty();
  });
  return First || Common.empty() ? nullptr : Common.front();
}

class VolatileToAtomicAction : public Action {
public:
  void run(MatchContext &C) const override {
    const auto *D = C.node<DeclaratorDecl>("root");
    if (!D || !isa<VarDecl, FieldDecl>(D) ||
        !D->getType().isVolatileQualified() ||
        isSignalSafeType(D->getType(), C.vocab()))
      return;
    if (const auto *VD = dyn_cast<VarDecl>(D); VD && isa<ParmVarDecl>(VD))
      return;
    const Concurrency &CC = Concurrency::of(C.ast(), C.vocab());
    if (CC.empty() || guardingMutex(D, C.ast(), C.vocab()))
      return;
    std::vector<SharedUse> Uses = CC.allUses(D);
    const SharedUse *Mine = nullptr;
    std::optional<Overlap> Other;
    for (const SharedUse &U : Uses)
      if (std::optional<Overlap> O = CC.overlap(U)) {
        Mine = &U;
        Other = O;
        break;
      }
    if (!Mine && !Uses.empty()) {
      // Code that is not part of any work (another method of the class,
      // the spawner after the spawn) runs on another thread.
      std::vector<Access> Outside = CC.outsideUses(D);
      for (const SharedUse &U : Uses) {
        for (const Access &A : Outside)
          if (A.writes() || U.A.writes()) {
            Mine = &U;
            Other = Overlap{};
            Other->How = Overlap::Elsewhere;
            Other->Loc = A.Ref->getBeginLoc();
            Other->OtherWrites = A.writes();
            break;
          }
        if (Mine)
          break;
      }
    }
    if (!Mine)
      return;
    bool WorkWrites = Mine->A.writes();
    FindingBuilder F = C.report(
        D->getLocation(),
        {{"var", D->getNameAsString()},
         {"work", WorkWrites ? "written" : "read"},
         {"other", Other->OtherWrites ? "written" : "read"}});
    F.note(Mine->A.Ref->getBeginLoc(),
           std::string("spawned work ") + (WorkWrites ? "writes" : "reads") +
               " it here");
    if (Other->Loc.isValid() && Other->How == Overlap::OtherInstance)
      F.note(Other->Loc, Other->Why);
    else if (Other->Loc.isValid())
      F.note(Other->Loc, std::string("another thread ") +
                             (Other->OtherWrites ? "writes" : "reads") +
                             " it here");
    if (planDependsOnSystemBodies(D) && C.sink().needSystemBodies())
      return;
    RefusalOr<AtomicPlan> P = planAtomic(D, C.ast());
    if (!P) {
      Refusal Why = P.refusal();
      if (Why.Place != D->getLocation())
        Why.Note = Why.Reason;
      F.refuse(Why);
      return;
    }
    SourceChanges Changes;
    applyAtomic(*P, Changes, C.ast());
    F.apply(Changes);
  }
};

} // namespace

Expected<std::unique_ptr<Action>>
createVolatileToAtomicAction(const ActionOptions &) {
  return std::make_unique<VolatileToAtomicAction>();
}

} // namespace pitfix
