//===- Publication.cpp - plain accesses ordered by a release and an acquire ===//
#include "analysis/Publication.h"
#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Memory orders an atomic operation names, as far as they matter here.
struct OrderNames {
  bool Any = false; ///< Some std::memory_order argument is given.
  bool Release = false, Acquire = false;
};

OrderNames ordersOf(const CallExpr *C) {
  OrderNames O;
  for (const Expr *A : C->arguments()) {
    const Expr *E = A->IgnoreParenImpCasts();
    const auto *D = dyn_cast<DeclRefExpr>(E);
    const auto *EC = D ? dyn_cast<EnumConstantDecl>(D->getDecl()) : nullptr;
    if (!EC)
      continue;
    const auto *ED = dyn_cast<EnumDecl>(EC->getDeclContext());
    StringRef Enum = ED && ED->getIdentifier() ? ED->getName() : "";
    if (!Enum.contains("memory_order"))
      continue;
    O.Any = true;
    StringRef N = EC->getName();
    O.Release |= N.contains("release") || N.contains("acq_rel") ||
                 N.contains("seq_cst");
    O.Acquire |= N.contains("acquire") || N.contains("acq_rel") ||
                 N.contains("seq_cst") || N.contains("consume");
  }
  return O;
}

/// The std::atomic variable or field that \p E names (through `&`).
const ValueDecl *atomicNamed(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    D = R->getDecl();
  else if (const auto *M = dyn_cast<MemberExpr>(E))
    D = M->getMemberDecl();
  if (!D || !isa<VarDecl, FieldDecl>(D))
    return nullptr;
  QualType T = D->getType().getNonReferenceType();
  if (T->isAtomicType())
    return D;
  const CXXRecordDecl *RD = recordOf(T);
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
                 RD->getName() == "atomic"
             ? D
             : nullptr;
}

/// One operation on a std::atomic: which atomic, and whether it writes.
struct AtomicOp {
  const ValueDecl *Atomic = nullptr;
  bool Writes = false;
  OrderNames Orders;
};

std::optional<AtomicOp> atomicOp(const Stmt *S) {
  const auto *C = dyn_cast<CallExpr>(S);
  if (!C)
    return std::nullopt;
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return std::nullopt;
  AtomicOp Op;
  Op.Orders = ordersOf(C);
  std::string Name = FD->getNameAsString();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
    Op.Atomic = atomicNamed(MC->getImplicitObjectArgument());
    Op.Writes = !isa<CXXConversionDecl>(FD) && Name != "load";
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C);
             OC && OC->getNumArgs() >= 1) {
    Op.Atomic = atomicNamed(OC->getArg(0));
    Op.Writes = true;
  } else if (FD->isInStdNamespace() && StringRef(Name).starts_with("atomic_") &&
             C->getNumArgs() >= 1) {
    Op.Atomic = atomicNamed(C->getArg(0));
    Op.Writes = !StringRef(Name).starts_with("atomic_load");
  }
  if (!Op.Atomic)
    return std::nullopt;
  return Op;
}

bool isFence(const Stmt *S, bool Release) {
  const auto *C = dyn_cast<CallExpr>(S);
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
      FD->getName() != "atomic_thread_fence")
    return false;
  OrderNames O = ordersOf(C);
  return Release ? O.Release : O.Acquire;
}

/// Adds to \p Out the atomics that \p S releases to; \p Fenced is set by a
/// release fence and makes any later store a release.
void collectReleases(const Stmt *S, bool &Fenced,
                     std::vector<const ValueDecl *> &Out) {
  forEachStmt(S, [&](const Stmt *X) {
    if (isFence(X, /*Release=*/true))
      Fenced = true;
    if (std::optional<AtomicOp> Op = atomicOp(X))
      if (Op->Writes && (Fenced || !Op->Orders.Any || Op->Orders.Release) &&
          !is_contained(Out, Op->Atomic))
        Out.push_back(Op->Atomic);
    return true;
  });
}

/// Does \p S acquire one of \p Atomics (or contain an acquire fence after
/// an operation on one)?
bool acquires(const Stmt *S, const std::vector<const ValueDecl *> &Atomics) {
  if (!S)
    return false;
  bool Seen = false, Found = false;
  forEachStmt(S, [&](const Stmt *X) {
    if (Seen && isFence(X, /*Release=*/false))
      Found = true;
    if (std::optional<AtomicOp> Op = atomicOp(X);
        Op && is_contained(Atomics, Op->Atomic)) {
      Seen = true;
      Found |= !Op->Orders.Any || Op->Orders.Acquire;
    }
    return !Found;
  });
  return Found;
}

/// A statement that always leaves its block: return, break, continue,
/// throw, or a block that ends in one.
bool leaves(const Stmt *S) {
  if (const auto *B = dyn_cast_or_null<CompoundStmt>(S))
    return !B->body_empty() && leaves(B->body_back());
  if (isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt>(S))
    return true;
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E && isa<CXXThrowExpr>(E->IgnoreImplicit());
}

/// An earlier statement of a block that tests an acquire before what
/// follows it: a waiting loop, or an `if` on it that leaves.
bool testsBefore(const Stmt *S, const std::vector<const ValueDecl *> &Atomics) {
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return acquires(W->getCond(), Atomics);
  if (const auto *D = dyn_cast<DoStmt>(S))
    return acquires(D->getCond(), Atomics);
  if (const auto *F = dyn_cast<ForStmt>(S))
    return acquires(F->getCond(), Atomics);
  if (const auto *If = dyn_cast<IfStmt>(S))
    return !If->getElse() && leaves(If->getThen()) &&
           acquires(If->getCond(), Atomics);
  return false;
}

} // namespace

std::vector<const ValueDecl *> releasedAfter(const Expr *Ref,
                                             ASTContext &Ctx) {
  std::vector<const ValueDecl *> Out;
  bool Fenced = false;
  const Stmt *Child = Ref;
  for (const Stmt *P = parentStatement(Ref, Ctx); P && !isa<LambdaExpr>(P);
       Child = P, P = parentStatement(P, Ctx)) {
    const auto *B = dyn_cast<CompoundStmt>(P);
    if (!B)
      continue;
    bool After = false;
    for (const Stmt *S : B->body()) {
      if (After)
        collectReleases(S, Fenced, Out);
      After |= S == Child;
    }
  }
  return Out;
}

bool acquiredBefore(const Expr *Ref,
                    const std::vector<const ValueDecl *> &Atomics,
                    ASTContext &Ctx) {
  if (Atomics.empty())
    return false;
  const Stmt *Child = Ref;
  for (const Stmt *P = parentStatement(Ref, Ctx); P && !isa<LambdaExpr>(P);
       Child = P, P = parentStatement(P, Ctx)) {
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (If->getThen() == Child && acquires(If->getCond(), Atomics))
        return true;
    } else if (const auto *W = dyn_cast<WhileStmt>(P)) {
      if (W->getBody() == Child && acquires(W->getCond(), Atomics))
        return true;
    } else if (const auto *B = dyn_cast<CompoundStmt>(P)) {
      for (const Stmt *S : B->body()) {
        if (S == Child)
          break;
        if (testsBefore(S, Atomics))
          return true;
      }
    }
  }
  return false;
}

bool orderedByAtomics(const Expr *A, const Expr *B, ASTContext &Ctx) {
  return acquiredBefore(B, releasedAfter(A, Ctx), Ctx) ||
         acquiredBefore(A, releasedAfter(B, Ctx), Ctx);
}

} // namespace pitfix
