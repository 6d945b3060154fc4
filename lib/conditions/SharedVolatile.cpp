//===- SharedVolatile.cpp - a volatile, or a plain bool, between threads
//---===//
//
// `volatile` makes every access reach memory, but it neither makes an
// access atomic nor orders it with other memory: a volatile flag or
// counter shared by threads is a data race. The condition `shared-volatile`
// holds for a volatile variable that spawned work touches while another
// thread (another instance of the work, the spawner before it waits, other
// work, or code outside the work) touches it too, with a write on one side;
// and for a plain bool stop flag that work reads in its loop condition and
// other code writes, both with no lock held. `volatile std::sig_atomic_t`
// (for signal handlers) and a variable one mutex always guards are not.
// It binds the variable as `var`, for a strategy that makes it atomic.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Concurrency.h"
#include "analysis/HeldLocks.h"
#include "analysis/SharedAccess.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is \p T spelled with one of the vocabulary's signal-safe typedefs?
bool isSignalSafeType(QualType T, const Vocabulary &V) {
  while (!T.isNull()) {
    if (const auto *TT = T->getAs<TypedefType>()) {
      if (V.list(VocabList::SignalSafeTypes).contains(TT->getDecl()))
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

/// A plain `bool` (global, static or member; neither volatile nor atomic)
/// that spawned work reads in its loop condition with no lock held, and
/// that code outside the work (a stop() method, a destructor) writes with
/// no lock held: a stop flag with a data race. The read may be hoisted out
/// of the loop, and nothing orders the store with what the worker sees.
/// Sets \p Read and \p Write to the two accesses.
bool racyStopFlag(const DeclaratorDecl *D, const Concurrency &CC,
                  ASTContext &Ctx, const Vocabulary &V, const Expr *&Read,
                  const Expr *&Write) {
  QualType T = D->getType();
  if (T.isConstQualified() || !T->isBooleanType())
    return false;
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (!VD->hasGlobalStorage() || VD->getTLSKind() != VarDecl::TLS_None)
      return false;
  Read = Write = nullptr;
  for (const SharedUse &U : CC.allUses(D))
    if (!U.A.writes() && inLoopCondition(U.A.Ref, Ctx) &&
        locksHeldAt(U.A.Ref, Ctx, V).Mutexes.empty()) {
      Read = U.A.Ref;
      break;
    }
  if (!Read)
    return false;
  for (const Access &A : CC.outsideUses(D)) {
    const FunctionDecl *Fn = enclosingFunction(A.Ref, Ctx);
    if (!A.writes() || !Fn || isa<CXXConstructorDecl>(Fn) ||
        !locksHeldAt(A.Ref, Ctx, V).Mutexes.empty())
      continue;
    Write = A.Ref;
    return true;
  }
  return false;
}

/// Fills \p Out for \p D, shared as \p Kind; \p Work and \p Other say
/// whether the work and the other thread write or read it.
void describe(const DeclaratorDecl *D, ConditionOutput &Out, StringRef Kind,
              bool WorkWrites, bool OtherWrites, StringRef Problem) {
  Out.At = D->getLocation();
  Out.Fills = {{"var", D->getNameAsString()},
               {"kind", Kind.str()},
               {"work", WorkWrites ? "written" : "read"},
               {"other", OtherWrites ? "written" : "read"},
               {"problem", Problem.str()}};
  Out.Binds.insert_or_assign("var", DynTypedNode::create(*D));
}

/// A plain bool stop flag (racyStopFlag()).
bool plainFlag(MatchContext &C, const DeclaratorDecl *D, ConditionOutput &Out) {
  if (isa<VarDecl>(D) && isa<ParmVarDecl>(D))
    return false;
  const Concurrency &CC = Concurrency::of(C.ast(), C.vocab());
  const Expr *Read = nullptr, *Write = nullptr;
  // guardingMutex() walks the unit: asked last.
  if (CC.empty() || !racyStopFlag(D, CC, C.ast(), C.vocab(), Read, Write) ||
      guardingMutex(D, C.ast(), C.vocab()))
    return false;
  describe(D, Out, "a plain bool", false, true,
           "with no lock held on either side: a data race (the worker's loop "
           "may never see the store)");
  Out.Notes.push_back({Read->getBeginLoc(),
                       "spawned work reads it in its loop condition here"});
  Out.Notes.push_back({Write->getBeginLoc(), "another thread writes it here"});
  return true;
}

} // namespace

bool sharedVolatile(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
  const auto *D = N.get<DeclaratorDecl>();
  if (!D || !isa<VarDecl, FieldDecl>(D) ||
      isSignalSafeType(D->getType(), C.vocab()))
    return false;
  if (!D->getType().isVolatileQualified())
    return plainFlag(C, D, Out);
  if (const auto *VD = dyn_cast<VarDecl>(D); VD && isa<ParmVarDecl>(VD))
    return false;
  const Concurrency &CC = Concurrency::of(C.ast(), C.vocab());
  if (CC.empty() || guardingMutex(D, C.ast(), C.vocab()))
    return false;
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
    return false;
  bool WorkWrites = Mine->A.writes();
  describe(D, Out, "volatile and", WorkWrites, Other->OtherWrites,
           "volatile neither makes that atomic nor orders it");
  Out.Notes.push_back({Mine->A.Ref->getBeginLoc(),
                       std::string("spawned work ") +
                           (WorkWrites ? "writes" : "reads") + " it here"});
  if (Other->Loc.isValid() && Other->How == Overlap::OtherInstance)
    Out.Notes.push_back({Other->Loc, Other->Why});
  else if (Other->Loc.isValid())
    Out.Notes.push_back(
        {Other->Loc, std::string("another thread ") +
                         (Other->OtherWrites ? "writes" : "reads") +
                         " it here"});
  return true;
}

} // namespace pitfix
