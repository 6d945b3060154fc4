//===- LockOrder.cpp ------------------------------------------------------===//
#include "conditions/LockOrder.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/UnitCache.h"
#include "conditions/NestedLocks.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

LockOrders::LockOrders(ASTContext &Ctx, const Vocabulary &V) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto InSystemHeader = [&](const Decl *D) {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  };
  WalkOptions O;
  O.SkipDecl = InSystemHeader;
  forEachStmtInUnit(
      Ctx,
      [&](const Stmt *S) {
        const auto *E = dyn_cast<Expr>(S);
        std::optional<TakenLock> T = E ? takenLock(E, V) : std::nullopt;
        if (!T)
          return true;
        std::vector<HeldLock> Held;
        for (const Expr *Taken : T->Mutexes) {
          const ValueDecl *To = mutexDecl(Taken);
          if (!To)
            continue;
          if (Held.empty())
            Held = locksHeldWhere(E, Ctx, V);
          for (const HeldLock &H : Held) {
            const ValueDecl *From = mutexDecl(H.Mutex);
            if (From && From != To && Pairs.insert({From, To}).second)
              Places.push_back(
                  {{From, To},
                   T->ThroughGuard ? E->getBeginLoc() : Taken->getBeginLoc()});
          }
        }
        return true;
      },
      O);
}

const LockOrders &LockOrders::of(ASTContext &Ctx, const Vocabulary &V) {
  return perUnit<LockOrders>(Ctx, V);
}

SourceLocation LockOrders::where(const ValueDecl *First,
                                 const ValueDecl *Then) const {
  for (const auto &[Pair, Loc] : Places)
    if (Pair.first == First && Pair.second == Then)
      return Loc;
  return SourceLocation();
}

/// The object of which the mutex \p E is a member (`graveyard_` in
/// `&graveyard_.init_mu`), or nullptr.
static const Expr *ownerObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      return ownerObject(U->getSubExpr());
  const auto *M = dyn_cast<MemberExpr>(E);
  return M ? M->getBase()->IgnoreParenImpCasts() : nullptr;
}

/// A member of `*this` held by value (`graveyard_`): the same object in
/// every call on one object, which no caller passes.
static bool isOwnValueMember(const Expr *Owner) {
  const auto *M = dyn_cast_or_null<MemberExpr>(Owner);
  if (!M || !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
    return false;
  const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
  return FD && !FD->getType()->isReferenceType() &&
         !FD->getType()->isPointerType();
}

std::string callerDependentOrder(const Expr *A, const Expr *B) {
  const ValueDecl *DA = mutexDecl(A), *DB = mutexDecl(B);
  if (!DA || !DB)
    return "";
  // One object is a by-value member of `*this` (a recorder's graveyard),
  // the other one the code reached some other way (a sample): callers
  // cannot pass them the other way round, and a cycle needs code of this
  // unit that takes them in the other order.
  if (DA == DB &&
      isOwnValueMember(ownerObject(A)) != isOwnValueMember(ownerObject(B)))
    return "";
  if (DA == DB && mutexKey(A) != mutexKey(B))
    return "both are '" + DA->getNameAsString() +
           "' of two objects; another call can pass the objects the other "
           "way round";
  // Two mutex parameters (`void f(std::mutex &a, std::mutex &b)`). Two
  // different members reached through parameters are always taken in the
  // order of the members, whatever the caller passes.
  if (isa<ParmVarDecl>(DA) && isa<ParmVarDecl>(DB))
    return "both are parameters; another call can pass them the other way "
           "round";
  return "";
}

} // namespace pitfix
