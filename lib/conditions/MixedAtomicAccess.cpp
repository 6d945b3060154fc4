//===- MixedAtomicAccess.cpp - atomic and plain access to one object ------===//
//
// A variable updated through `__atomic_*`, `__sync_*`, Interlocked-style
// functions or `std::atomic_ref` is only safe if every access while threads
// run is atomic too: one plain read or write beside them races. Plain
// accesses before the first spawn and after the last wait of a spawner are
// fine. Report only: whether the plain access should become a load, a store
// or a read-modify-write is a decision for the author.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Concurrency.h"
#include "analysis/SharedAccess.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The variable or field an atomic operation works on: `&x` as the first
/// argument of an atomic function, or the object an atomic_ref refers to.
const Expr *atomicOperand(const Expr *Op) {
  const Expr *Arg = nullptr;
  if (const auto *AE = dyn_cast<AtomicExpr>(Op))
    Arg = AE->getPtr()->IgnoreParenImpCasts();
  else if (const auto *C = dyn_cast<CallExpr>(Op); C && C->getNumArgs())
    Arg = C->getArg(0)->IgnoreParenImpCasts();
  else if (const auto *K = dyn_cast<CXXConstructExpr>(Op); K && K->getNumArgs())
    return K->getArg(0)->IgnoreParenImpCasts();
  const auto *U = dyn_cast_or_null<UnaryOperator>(Arg);
  if (!U || U->getOpcode() != UO_AddrOf)
    return nullptr;
  return U->getSubExpr()->IgnoreParenImpCasts();
}

const ValueDecl *declOf(const Expr *E) {
  if (const auto *D = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(D->getDecl());
  if (const auto *M = dyn_cast_or_null<MemberExpr>(E))
    return dyn_cast<FieldDecl>(M->getMemberDecl());
  return nullptr;
}

class MixedAtomicAccess {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const auto *Op = N.get<Expr>();
    // `__atomic_*` builtins are AtomicExprs, which have no matcher: a rule
    // matches the `&x` they take.
    if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(Op);
        Addr && Addr->getOpcode() == UO_AddrOf)
      Op = dyn_cast_or_null<AtomicExpr>(valueUser(Addr, C.ast()));
    const Expr *Operand = Op ? atomicOperand(Op) : nullptr;
    const ValueDecl *D = declOf(Operand);
    // A std::atomic (or C11 _Atomic) handed to the free atomic functions:
    // its other uses (`x.load()`, `int v = x;` through the conversion,
    // `++x`) are atomic operations too.
    if (!D || isThreadSafeType(D->getType(), C.vocab()))
      return false;
    const Concurrency &CC = Concurrency::of(C.ast(), C.vocab());
    if (CC.empty())
      return false;
    // Every operand of an atomic operation on D in the unit.
    std::set<const Expr *> Operands;
    const Vocabulary &V = C.vocab();
    forEachStmtInUnit(C.ast(), [&](const Stmt *S) {
      const auto *E = dyn_cast<Expr>(S);
      if (!E || !isa<CallExpr, CXXConstructExpr, AtomicExpr>(E))
        return true;
      bool IsAtomic = isa<AtomicExpr>(E);
      if (const auto *Call = dyn_cast<CallExpr>(E))
        IsAtomic =
            Call->getDirectCallee() && V.list(VocabList::AtomicFunctions)
                                           .contains(Call->getDirectCallee());
      if (const auto *K = dyn_cast<CXXConstructExpr>(E))
        IsAtomic = K->getConstructor() &&
                   V.list(VocabList::AtomicRefClasses)
                       .contains(K->getConstructor()->getParent());
      if (IsAtomic)
        if (const Expr *O = atomicOperand(E); O && declOf(O) == D)
          Operands.insert(O);
      return true;
    });
    const SourceManager &SM = C.sm();
    std::vector<const Expr *> Plain;
    for (const SharedUse &U : CC.allUses(D))
      if (!Operands.count(U.A.Ref))
        Plain.push_back(U.A.Ref);
    for (const Access &X : CC.outsideUses(D))
      if (!Operands.count(X.Ref))
        Plain.push_back(X.Ref);
    if (Plain.empty())
      return false;
    std::sort(Plain.begin(), Plain.end(), [&](const Expr *L, const Expr *R) {
      return SM.isBeforeInTranslationUnit(L->getBeginLoc(), R->getBeginLoc());
    });
    const Expr *First = Plain.front();
    std::vector<const Expr *> Ops(Operands.begin(), Operands.end());
    std::sort(Ops.begin(), Ops.end(), [&](const Expr *L, const Expr *R) {
      return SM.isBeforeInTranslationUnit(L->getBeginLoc(), R->getBeginLoc());
    });
    Out.At = First->getBeginLoc();
    Out.Fills = {{"var", D->getNameAsString()}};
    if (!Ops.empty())
      Out.Notes.push_back({Ops.front()->getBeginLoc(),
                           "'" + D->getNameAsString() +
                               "' is accessed atomically here"});
    return true;
  }
};

} // namespace

bool mixedWithPlainAccess(const DynTypedNode &N, MatchContext &C,
                          ConditionOutput &Out) {
  return MixedAtomicAccess::holds(N, C, Out);
}

} // namespace pitfix
