//===- UnnamedGuard.cpp - a guard that dies at once, or hides its mutex ---===//
//
// `std::lock_guard<std::mutex>{m};` locks and unlocks in one statement, and
// `std::unique_lock<std::mutex>(m);` declares a new, unlocked lock named m.
// Either way nothing is held afterwards. The condition `unnamed-guard`
// decides both shapes and binds the guard's type as `guard_type`, after
// which a rule's fix inserts a name; it refuses that fix where a named guard
// would change what the code does.
//
//===----------------------------------------------------------------------===//
#include "conditions/PitfallConditions.h"
#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/SourceText.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is \p S a lock of the mutex with key \p Key (a guard, or .lock())?
bool locksKey(const Stmt *S, StringRef Key, const Vocabulary &V) {
  if (const auto *C = dyn_cast<CXXConstructExpr>(S))
    if (auto G = guardInfo(C, V))
      if (G->Mode != LockMode::Defers && G->Mode != LockMode::Adopts)
        for (const Expr *M : G->Mutexes)
          if (mutexKey(M) == Key)
            return true;
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (std::optional<LockOp> Op = lockOp(C, V))
      if (Op->Kind != LockOpKind::Unlock && Op->Key == Key)
        return true;
  return false;
}

class UnnamedGuard {
public:
  /// \p N is the guard statement (an expression statement, a declaration),
  /// or a statement whose init-statement it is.
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const Stmt *S = N.get<Stmt>();
    if (const auto *D = N.get<VarDecl>())
      return onShadowingDecl(C, D, Out);
    if (const auto *If = dyn_cast_or_null<IfStmt>(S))
      S = If->getInit();
    else if (const auto *Sw = dyn_cast_or_null<SwitchStmt>(S))
      S = Sw->getInit();
    else if (const auto *For = dyn_cast_or_null<ForStmt>(S))
      S = For->getInit();
    else if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(S))
      S = Range->getInit();
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(S))
      return DS->isSingleDecl() && isa<VarDecl>(DS->getSingleDecl()) &&
             onShadowingDecl(C, cast<VarDecl>(DS->getSingleDecl()), Out);
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      return onTemporary(C, E, Out);
    return false;
  }

private:
  /// `Guard{m};` / `Guard(m);` as a statement of its own.
  static bool onTemporary(MatchContext &C, const Expr *E,
                          ConditionOutput &Out) {
    std::optional<GuardInfo> G = guardInfo(E, C.vocab());
    if (!G || G->Mode == LockMode::Defers)
      return false;
    TypeLoc TL;
    const Expr *Inner = E->IgnoreImplicit();
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Inner))
      TL = FC->getTypeInfoAsWritten()->getTypeLoc();
    else if (const auto *TO = dyn_cast<CXXTemporaryObjectExpr>(Inner))
      TL = TO->getTypeSourceInfo()->getTypeLoc();
    else
      return false;
    const SourceManager &SM = C.sm();
    // Inside a macro there is no source text: print the type instead.
    std::string Type = sourceText(TL.getSourceRange(), SM, C.lang());
    if (Type.empty())
      Type = TL.getType().getAsString(C.ast().getPrintingPolicy());
    std::string Mutex = sourceText(
        CharSourceRange::getTokenRange(SM.getSpellingLoc(G->Mutexes[0]->getBeginLoc()),
                                       SM.getSpellingLoc(G->Mutexes[0]->getEndLoc())),
        SM, C.lang());
    Out.At = E->getBeginLoc();
    Out.Fills = {{"guard", Type}, {"mutex", Mutex}};
    Out.Binds.insert_or_assign("guard_type", DynTypedNode::create(TL));
    if (G->Mode == LockMode::Tries)
      Out.Refusal = "the guard only tries to lock; whether the code needs "
                    "the lock held cannot be decided here";
    else
      refuseIfRelocked(C, E, *G, Out);
    return true;
  }

  /// `std::unique_lock<std::mutex>(m);` declares a default-constructed lock
  /// named m that hides the mutex m.
  static bool onShadowingDecl(MatchContext &C, const VarDecl *VD,
                              ConditionOutput &Out) {
    const auto *CE = dyn_cast_or_null<CXXConstructExpr>(VD->getInit());
    if (!CE || CE->getNumArgs() != 0 || !isGuardClass(recordOf(VD->getType()), C.vocab()))
      return false;
    const SourceManager &SM = C.sm();
    // `T(m)` gives the variable a parenthesised type: a ParenTypeLoc.
    auto Paren = VD->getTypeSourceInfo()->getTypeLoc().getAs<ParenTypeLoc>();
    if (!Paren)
      return false;
    TypeLoc TL = Paren.getInnerLoc();
    const ValueDecl *Hidden = hiddenMutex(C, VD);
    if (!Hidden)
      return false;
    std::string Type = sourceText(TL.getSourceRange(), SM, C.lang());
    Out.At = VD->getBeginLoc();
    Out.Fills = {{"guard", Type}, {"mutex", VD->getName().str()}};
    Out.Binds.insert_or_assign("guard_type", DynTypedNode::create(TL));
    Out.Notes.push_back({VD->getLocation(), "this declares a new, unlocked '" +
                                                Type + "' named '" +
                                                VD->getName().str() +
                                                "' that hides the mutex"});
    if (isReferenced(C, VD))
      Out.Refusal = "later code uses '" + VD->getName().str() +
                    "', which names the lock here and would name the mutex "
                    "after the rewrite";
    return true;
  }

  /// The mutex declaration that \p VD hides: same name, mutex type, declared
  /// in an enclosing scope (a local, a parameter, a field or a global).
  static const ValueDecl *hiddenMutex(MatchContext &C, const VarDecl *VD) {
    const DeclContext *DC = VD->getDeclContext();
    for (; DC; DC = DC->getParent()) {
      for (const Decl *D : DC->decls()) {
        const auto *Val = dyn_cast<ValueDecl>(D);
        if (!Val || Val == VD || !Val->getIdentifier() ||
            Val->getName() != VD->getName())
          continue;
        if (isMutexType(Val->getType(), C.vocab()))
          return Val;
      }
      if (const auto *FD = dyn_cast<FunctionDecl>(DC))
        for (const ParmVarDecl *P : FD->parameters())
          if (P->getIdentifier() && P->getName() == VD->getName() &&
              isMutexType(P->getType(), C.vocab()))
            return P;
    }
    // Locals of enclosing blocks are not in DeclContexts: search the
    // function body for an earlier mutex variable of that name.
    if (const auto *FD = dyn_cast<FunctionDecl>(VD->getDeclContext()))
      if (const Stmt *Body = FD->getBody()) {
        const ValueDecl *Found = nullptr;
        forEachStmt(Body, [&](const Stmt *S) {
          if (const auto *DS = dyn_cast<DeclStmt>(S))
            for (const Decl *X : DS->decls())
              if (const auto *D = dyn_cast<VarDecl>(X);
                  D && D != VD && D->getIdentifier() &&
                  D->getName() == VD->getName() &&
                  isMutexType(D->getType(), C.vocab()) &&
                  D->getLocation() < VD->getLocation())
                Found = D;
          return true;
        });
        return Found;
      }
    return nullptr;
  }

  static bool isReferenced(MatchContext &C, const VarDecl *VD) {
    const auto *FD = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (!FD || !FD->getBody())
      return true;
    return !forEachStmt(FD->getBody(), [&](const Stmt *S) {
      const auto *E = dyn_cast<DeclRefExpr>(S);
      return !(E && E->getDecl() == VD);
    });
  }

  /// Naming the guard holds the mutex to the end of the block (or of the
  /// statement whose init-statement it is): refuse when the rest locks the
  /// same mutex again.
  static bool refuseIfRelocked(MatchContext &C, const Expr *E,
                               const GuardInfo &G, ConditionOutput &Out) {
    DynTypedNodeList Parents = C.ast().getParents(*E);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    std::vector<const Stmt *> Rest;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      Rest.assign(Block->body_begin(), Block->body_end());
    else
      for (const Stmt *S : Parent->children())
        if (S)
          Rest.push_back(S);
    bool After = false;
    for (const Stmt *S : Rest) {
      if (S == E) {
        After = true;
        continue;
      }
      if (!After)
        continue;
      for (const Expr *M : G.Mutexes) {
        std::string Key = mutexKey(M);
        if (Key.empty())
          continue;
        const Stmt *Relock = nullptr;
        forEachStmt(S, [&](const Stmt *X) {
          if (locksKey(X, Key, C.vocab()))
            Relock = X;
          return !Relock;
        });
        if (Relock) {
          Out.Notes.push_back(
              {Relock->getBeginLoc(), "the mutex is locked again here"});
          Out.Refusal = "the rest of the block locks the same mutex again; "
                        "a named guard would hold it there and deadlock";
          return true;
        }
      }
    }
    return false;
  }
};

} // namespace

bool unnamedGuard(const DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out) {
  return UnnamedGuard::holds(N, C, Out);
}

} // namespace pitfix
