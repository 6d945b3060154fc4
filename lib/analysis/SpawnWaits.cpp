//===- SpawnWaits.cpp -----------------------------------------------------===//
#include "analysis/SpawnWaits.h"

#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Nodes that only carry a value along: the spawn's value passes through
/// them unchanged.
bool isWrapper(const DynTypedNode &N) {
  const auto *E = N.get<Expr>();
  if (!E)
    return false;
  if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
          ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(E))
    return true;
  // C++14 `auto t = std::thread(...)`: an elidable move.
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return C->isElidable() || (C->getConstructor() &&
                               C->getConstructor()->isMoveConstructor());
  return false;
}

/// The variable \p E names, or nullptr.
const VarDecl *referencedVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// Hands \p V every call in \p S, as a RecursiveASTVisitor would:
/// VisitCallExpr, then VisitCXXMemberCallExpr for a member call.
template <typename Visitor> void visitCalls(const Stmt *S, Visitor &V) {
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *C = dyn_cast<CallExpr>(X))
      V.VisitCallExpr(C);
    if (const auto *C = dyn_cast<CXXMemberCallExpr>(X))
      V.VisitCXXMemberCallExpr(C);
    return true;
  });
}

/// The C functions that join or detach a thread handle: POSIX's and C11's.
bool joinsHandle(const FunctionDecl *FD) {
  return FD->getIdentifier() &&
         (FD->getName() == "pthread_join" || FD->getName() == "thrd_join");
}
bool detachesHandle(const FunctionDecl *FD) {
  return FD->getIdentifier() &&
         (FD->getName() == "pthread_detach" || FD->getName() == "thrd_detach");
}

/// The member calls named in \p Names on the variable \p H inside \p Scope.
class HandleCalls {
public:
  HandleCalls(const VarDecl *H) : H(H) {}
  void TraverseStmt(const Stmt *S) { visitCalls(S, *this); }
  bool VisitCXXMemberCallExpr(const CXXMemberCallExpr *C) {
    const CXXMethodDecl *MD = C->getMethodDecl();
    if (MD && MD->getIdentifier() &&
        referencedVar(C->getImplicitObjectArgument()) == H)
      Calls.push_back({MD->getName(), C});
    return true;
  }
  bool VisitCallExpr(const CallExpr *C) {
    // `pthread_join(tid, ...)`, `thrd_detach(t)`: a C thread handle.
    if (const FunctionDecl *FD = C->getDirectCallee();
        FD && !isa<CXXMethodDecl>(FD) && C->getNumArgs() >= 1 &&
        referencedVar(C->getArg(0)) == H) {
      if (joinsHandle(FD))
        Calls.push_back({"join", C});
      else if (detachesHandle(FD))
        Calls.push_back({"detach", C});
    }
    // std::move(h): the handle leaves the scope that would wait for it.
    if (const FunctionDecl *FD = C->getDirectCallee();
        FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        FD->getName() == "move" && C->getNumArgs() == 1 &&
        referencedVar(C->getArg(0)) == H)
      Moved = true;
    return true;
  }
  /// True when some call on the handle is `detach()`.
  bool detaches() const {
    return llvm::any_of(Calls, [](const auto &C) { return C.first == "detach"; });
  }

  const VarDecl *H;
  std::vector<std::pair<StringRef, const CallExpr *>> Calls;
  bool Moved = false;
};

/// The calls on the handle \p H of the spawn \p Spawn, anywhere in the
/// function that spawns.
HandleCalls callsOnHandle(const VarDecl *H, const Expr *Spawn, ASTContext &Ctx) {
  HandleCalls Calls(H);
  if (const FunctionDecl *Fn = enclosingFunction(Spawn, Ctx))
    if (Fn->getBody())
      Calls.TraverseStmt(Fn->getBody());
  return Calls;
}

/// std::async: its future waits in its destructor.
bool isStdAsync(const SpawnInfo &S) {
  const auto *Call = dyn_cast<CallExpr>(S.Call);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && FD->isInStdNamespace() && FD->getIdentifier() &&
         FD->getName() == "async";
}

/// The unqualified name of the class behind \p T ("" if none).
StringRef recordName(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && RD->getIdentifier() ? RD->getName() : StringRef();
}

/// Is \p Inner inside \p Outer without a lambda in between (code that runs
/// when Outer runs)?
bool runsWithin(const Stmt *Inner, const Stmt *Outer, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Inner);
  while (true) {
    if (Node.get<Stmt>() == Outer)
      return true;
    if (Node.get<LambdaExpr>() && Node.get<Stmt>() != Inner)
      return false;
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
  }
}

/// Is \p L within the source range of \p S?
bool containsLoc(const Stmt *S, SourceLocation L, const SourceManager &SM) {
  SourceRange R = S->getSourceRange();
  return !SM.isBeforeInTranslationUnit(L, R.getBegin()) &&
         !SM.isBeforeInTranslationUnit(R.getEnd(), L);
}

} // namespace

SpawnUse spawnUse(const SpawnInfo &S, ASTContext &Ctx) {
  SpawnUse U;
  if (S.HandleOut) {
    U.Handle = S.HandleOut;
    return U;
  }
  DynTypedNode Node = DynTypedNode::create(*S.Call);
  for (int Depth = 0; Depth < 12; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return U;
    const DynTypedNode &P = Parents[0];
    if (isWrapper(P)) {
      Node = P;
      continue;
    }
    if (const auto *VD = P.get<VarDecl>()) {
      U.Handle = VD;
      return U;
    }
    if (const auto *ME = P.get<MemberExpr>()) {
      DynTypedNodeList Up = Ctx.getParents(*ME);
      if (!Up.empty())
        if (const auto *Call = Up[0].get<CXXMemberCallExpr>())
          if (const CXXMethodDecl *MD = Call->getMethodDecl();
              MD && MD->getIdentifier())
            U.ImmediateCall = MD->getName();
      return U;
    }
    if (const auto *Op = P.get<CXXOperatorCallExpr>()) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        U.Handle = referencedVar(Op->getArg(0));
      return U;
    }
    if (const auto *BO = P.get<BinaryOperator>()) {
      if (BO->getOpcode() == BO_Assign)
        U.Handle = referencedVar(BO->getLHS());
      return U;
    }
    // A statement of its own (in a block, or the body of a loop or if).
    const Stmt *PS = P.get<Stmt>();
    U.Discarded = PS && !isa<Expr, ReturnStmt, DeclStmt>(PS);
    return U;
  }
  return U;
}

const Stmt *iterationBody(const VarDecl *V, const Expr *Spawn, ASTContext &Ctx) {
  // The nearest loop around V's declaration, within V's own function.
  const Stmt *Loop = nullptr;
  DynTypedNode Node = DynTypedNode::create(*V);
  for (int Depth = 0; Depth < 64 && !Loop; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (Node.get<LambdaExpr>())
      return nullptr;
    if (const auto *S = Node.get<Stmt>()) {
      if (isLoop(S))
        Loop = S;
      continue;
    }
    if (!Node.get<VarDecl>())
      return nullptr; // a function or another declaration
  }
  if (!Loop)
    return nullptr;
  // A C++20 range-for init-statement lives for the whole loop.
  if (const auto *RF = dyn_cast<CXXForRangeStmt>(Loop))
    if (const Stmt *Init = RF->getInit())
      if (const auto *DS = dyn_cast<DeclStmt>(Init))
        for (const Decl *D : DS->decls())
          if (D == V)
            return nullptr;
  const Stmt *Body = loopBody(Loop);
  Node = DynTypedNode::create(*Spawn);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    const Stmt *S = Node.get<Stmt>();
    if (S == Body)
      return Body;
    if (S == Loop)
      return nullptr; // in the header, not the body
  }
}

bool isForHeaderVar(const VarDecl *V, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*V);
  if (Parents.empty())
    return false;
  const auto *DS = Parents[0].get<DeclStmt>();
  if (!DS)
    return false;
  DynTypedNodeList Up = Ctx.getParents(*DS);
  const auto *For = Up.empty() ? nullptr : Up[0].get<ForStmt>();
  return For && For->getInit() == DS;
}

bool waitedWithin(const SpawnInfo &S, const Stmt *Body, ASTContext &Ctx) {
  SpawnUse U = spawnUse(S, Ctx);
  if (U.ImmediateCall == "join" || U.ImmediateCall == "get" ||
      U.ImmediateCall == "wait")
    return true;
  // The future of std::async waits in its destructor: discarded, it waits
  // at the end of the statement.
  if (U.Discarded && isStdAsync(S))
    return true;
  // Any later wait in the block (a latch, a condition variable, a future)
  // most likely waits for the work.
  bool WaitsLater = waitAfterSpawn(S, Body, Ctx) != nullptr;
  if (!U.Handle)
    return WaitsLater;
  const SourceManager &SM = Ctx.getSourceManager();
  HandleCalls Calls = callsOnHandle(U.Handle, S.Call, Ctx);
  if (Calls.detaches() || Calls.Moved)
    return false;
  bool Local = containsLoc(Body, U.Handle->getLocation(), SM) &&
               U.Handle->hasLocalStorage();
  StringRef Type = recordName(U.Handle->getType());
  if (Local && (Type == "jthread" || (Type == "future" && isStdAsync(S))))
    return true; // the destructor joins or waits
  for (const auto &[Name, Call] : Calls.Calls)
    if ((Name == "join" || Name == "get" || Name == "wait") &&
        SM.isBeforeInTranslationUnit(S.Call->getEndLoc(), Call->getBeginLoc()) &&
        runsWithin(Call, Body, Ctx))
      return true;
  return WaitsLater;
}

bool detachedWork(const SpawnInfo &S, ASTContext &Ctx) {
  if (S.FireAndForget)
    return true;
  if (S.Kind == SpawnKind::Function && S.Call->getType()->isVoidType())
    return true;
  SpawnUse U = spawnUse(S, Ctx);
  if (U.ImmediateCall == "detach")
    return true;
  if (!U.Handle)
    return false;
  return callsOnHandle(U.Handle, S.Call, Ctx).detaches();
}

namespace {
/// Finds the first wait-like member call after a location.
class FirstWaitFinder {
public:
  FirstWaitFinder(SourceLocation After, const SourceManager &SM)
      : After(After), SM(SM) {}
  /// Stops at the first wait, and skips statements that end before After:
  /// none of their calls can be it. Otherwise a spawn nested in the bodies
  /// of N spawns walks all N bodies again (quadratic in nesting).
  void TraverseStmt(const Stmt *S) {
    WalkOptions O;
    auto Before = [&](const Stmt *X) {
      if (Found)
        return true;
      SourceLocation End = X->getEndLoc();
      return After.isValid() && End.isValid() &&
             !SM.isBeforeInTranslationUnit(After, End);
    };
    O.Skip = Before;
    forEachStmt(
        S,
        [&](const Stmt *X) {
          if (const auto *C = dyn_cast<CallExpr>(X))
            VisitCallExpr(C);
          if (const auto *C = dyn_cast<CXXMemberCallExpr>(X))
            VisitCXXMemberCallExpr(C);
          return !Found;
        },
        O);
  }
  bool VisitCXXMemberCallExpr(const CXXMemberCallExpr *C) {
    const CXXMethodDecl *MD = C->getMethodDecl();
    if (Found || !MD || !MD->getIdentifier() ||
        (After.isValid() &&
         !SM.isBeforeInTranslationUnit(After, C->getBeginLoc())))
      return true;
    StringRef Name = MD->getName();
    bool Waits = StringSwitch<bool>(Name)
                     .Cases("wait", "wait_for", "wait_until", "join", true)
                     .Cases("acquire", "try_acquire_for", "arrive_and_wait",
                            true)
                     .Cases("Wait", "WaitForNotification", true)
                     .Default(false);
    // get() only on futures: smart pointers have one too.
    if (Name == "get")
      Waits = recordName(C->getImplicitObjectArgument()->getType())
                  .contains_insensitive("future");
    if (Waits)
      Found = C;
    return true;
  }
  /// Free functions that join or wait (`join_all(threads)`,
  /// `pthread_join`, `wait_for_all(...)`).
  bool VisitCallExpr(const CallExpr *C) {
    if (Found || isa<CXXMemberCallExpr>(C) ||
        (After.isValid() &&
         !SM.isBeforeInTranslationUnit(After, C->getBeginLoc())))
      return true;
    const FunctionDecl *FD = C->getDirectCallee();
    if (FD && FD->getIdentifier() &&
        (FD->getName().contains_insensitive("join") ||
         FD->getName().contains_insensitive("wait")))
      Found = C;
    return true;
  }
  SourceLocation After;
  const SourceManager &SM;
  const Stmt *Found = nullptr;
};
} // namespace

const Stmt *waitAfterSpawn(const SpawnInfo &S, const Stmt *FnBody,
                           ASTContext &Ctx) {
  return firstWaitAfter(S.Call->getEndLoc(), FnBody, Ctx);
}

const Stmt *firstWaitAfter(SourceLocation After, const Stmt *Scope,
                           ASTContext &Ctx) {
  if (!Scope)
    return nullptr;
  FirstWaitFinder F(After, Ctx.getSourceManager());
  F.TraverseStmt(Scope);
  return F.Found;
}

/// Does \p S contain \p Inner (or is it)?
static bool containsStmt(const Stmt *S, const Stmt *Inner) {
  if (S == Inner)
    return true;
  for (const Stmt *Child : S->children())
    if (Child && containsStmt(Child, Inner))
      return true;
  return false;
}

bool neverReturnsAfter(const SpawnInfo &S, const FunctionDecl *Fn,
                       ASTContext &Ctx) {
  if (!Fn || !Fn->getBody())
    return false;
  CFG::BuildOptions Opts;
  std::unique_ptr<CFG> G =
      CFG::buildCFG(Fn, Fn->getBody(), &Ctx, Opts);
  if (!G)
    return false;
  // The block that runs the spawn: the first whose element contains it.
  const CFGBlock *From = nullptr;
  for (const CFGBlock *B : *G) {
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> St = E.getAs<CFGStmt>())
        if (containsStmt(St->getStmt(), S.Call)) {
          From = B;
          break;
        }
    if (From)
      break;
  }
  if (!From)
    return false;
  // Can the exit be reached from there without a [[noreturn]] call?
  std::vector<const CFGBlock *> Work = {From};
  llvm::DenseSet<const CFGBlock *> Seen = {From};
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    if (B == &G->getExit())
      return false;
    if (B->hasNoReturnElement())
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *N = Succ.getReachableBlock())
        if (Seen.insert(N).second)
          Work.push_back(N);
  }
  return true;
}

} // namespace pitfix
