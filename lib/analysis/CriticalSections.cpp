//===- CriticalSections.cpp -----------------------------------------------===//
#include "analysis/CriticalSections.h"

#include "analysis/Effects.h"
#include "analysis/Locks.h"
#include "analysis/Spawns.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool CriticalSection::releasedExplicitly() const { return End < Block->size(); }

const Stmt *CriticalSection::stmt(unsigned I) const {
  return Block->body_begin()[I];
}

/// `x.name()` as a statement: the object, when the method is one of \p Names.
static const Expr *methodCallOn(const Stmt *S,
                                std::initializer_list<StringRef> Names) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return nullptr;
  const auto *MC = dyn_cast<CXXMemberCallExpr>(stripImplicit(E));
  if (!MC || !MC->getMethodDecl() || !MC->getMethodDecl()->getIdentifier())
    return nullptr;
  for (StringRef N : Names)
    if (MC->getMethodDecl()->getName() == N)
      return MC->getImplicitObjectArgument();
  return nullptr;
}

/// `f(&m)` as a statement, for f in the vocabulary list \p List: the mutex.
static const Expr *lockFunctionCall(const Stmt *S, const NameList &List) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return nullptr;
  const auto *C = dyn_cast<CallExpr>(stripImplicit(E));
  if (!C || !C->getDirectCallee() || C->getNumArgs() < 1 ||
      !List.contains(C->getDirectCallee()))
    return nullptr;
  return C->getArg(0)->IgnoreParenImpCasts();
}

/// Does statement \p S release what \p Key (a mutex or a guard) holds?
static bool releases(const Stmt *S, const std::string &Key, const Vocabulary &V) {
  if (Key.empty())
    return false;
  if (const Expr *Obj = methodCallOn(S, {"unlock", "unlock_shared"}))
    return mutexKey(Obj) == Key;
  if (const Expr *M = lockFunctionCall(S, V.names("unlockFunctions")))
    return mutexKey(M) == Key;
  return false;
}

static bool hasUnlockMethod(const VarDecl *VD) {
  const CXXRecordDecl *RD = recordOf(VD->getType());
  if (!RD || !RD->hasDefinition())
    return false;
  for (const Decl *D : RD->getDefinition()->decls())
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      if (M->getIdentifier() && M->getName() == "unlock")
        return true;
  return false;
}

std::optional<CriticalSection> sectionStartingAt(const CompoundStmt *B,
                                                 unsigned I,
                                                 const Vocabulary &V) {
  if (I >= B->size())
    return std::nullopt;
  const Stmt *S = B->body_begin()[I];
  CriticalSection CS;
  CS.Block = B;
  CS.Acquire = I;
  CS.End = B->size();
  std::string Key;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD = DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl())
                                        : nullptr;
    if (!VD || !VD->getInit())
      return std::nullopt;
    std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
    // A deferred or tried lock may not be held; an adopted one was taken
    // by an earlier lock() call, which starts the section itself.
    if (!G || G->Mode != LockMode::Locks)
      return std::nullopt;
    CS.Kind = SectionKind::Guard;
    CS.Guard = VD;
    CS.GuardCanUnlock = hasUnlockMethod(VD);
    CS.Mutexes = G->Mutexes;
    Key = VD->getName().str() + "#" +
          utohexstr(reinterpret_cast<uintptr_t>(static_cast<const ValueDecl *>(VD)));
  } else if (const Expr *Obj = methodCallOn(S, {"lock", "lock_shared"})) {
    if (!isMutexType(Obj->getType(), V, /*AllowPointer=*/true))
      return std::nullopt;
    CS.Kind = SectionKind::ManualLock;
    CS.Mutexes = {Obj->IgnoreParenImpCasts()};
    Key = mutexKey(Obj);
    // `lock.lock()` on a guard (a deferred or unlocked unique_lock) holds
    // the guard's mutex.
    if (const auto *VD = dyn_cast_or_null<VarDecl>(mutexDecl(Obj)))
      if (VD->getInit())
        if (std::optional<GuardInfo> G = guardInfo(VD->getInit(), V))
          CS.Mutexes = G->Mutexes;
  } else if (const Expr *M = lockFunctionCall(S, V.names("lockFunctions"))) {
    CS.Kind = SectionKind::ManualLock;
    CS.Mutexes = {M};
    Key = mutexKey(M);
  } else {
    return std::nullopt;
  }
  for (unsigned J = I + 1; J < B->size(); ++J)
    if (releases(B->body_begin()[J], Key, V)) {
      CS.End = J;
      break;
    }
  return CS;
}

std::optional<CriticalSection> innermostSection(const Stmt *S, ASTContext &Ctx,
                                                const Vocabulary &V) {
  DynTypedNode Node = DynTypedNode::create(*S);
  const Stmt *Child = S;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::nullopt;
    if (const auto *B = Parents[0].get<CompoundStmt>()) {
      unsigned Index = 0;
      for (const Stmt *X : B->body()) {
        if (X == Child)
          break;
        ++Index;
      }
      for (unsigned J = Index; J-- > 0;)
        if (std::optional<CriticalSection> CS = sectionStartingAt(B, J, V))
          if (Index < CS->End)
            return CS;
    }
    if (Parents[0].get<LambdaExpr>())
      return std::nullopt;
    if (const auto *VD = Parents[0].get<VarDecl>(); VD && VD->isLocalVarDecl()) {
      Node = Parents[0];
      continue;
    }
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      return std::nullopt;
    Child = P;
    Node = Parents[0];
  }
}

namespace {
/// Finds the critical sections on given mutexes in a translation unit.
class SectionScan : public RecursiveASTVisitor<SectionScan> {
public:
  SectionScan(const std::vector<const ValueDecl *> &Mutexes, const Stmt *Skip,
              ASTContext &Ctx, const Vocabulary &V)
      : Mutexes(Mutexes), Skip(Skip), Ctx(Ctx), V(V) {}

  bool VisitCompoundStmt(CompoundStmt *B) {
    // The library's own locking is not this program's guarded state.
    const SourceManager &SM = Ctx.getSourceManager();
    if (SM.isInSystemHeader(SM.getExpansionLoc(B->getBeginLoc())))
      return true;
    for (unsigned I = 0; I < B->size(); ++I) {
      std::optional<CriticalSection> CS = sectionStartingAt(B, I, V);
      if (!CS || !onOurMutex(*CS))
        continue;
      for (unsigned J = I + 1; J < CS->End; ++J) {
        const Stmt *S = CS->stmt(J);
        if (S == Skip)
          continue;
        Effects E = effectsOf(S, Ctx, V);
        for (const auto &[D, A] : E.Vars)
          if (!Found.count(D))
            Found[D] = A.Loc;
      }
    }
    return true;
  }

  bool onOurMutex(const CriticalSection &CS) const {
    for (const Expr *M : CS.Mutexes)
      if (const ValueDecl *D = mutexDecl(M))
        if (is_contained(Mutexes, D))
          return true;
    return false;
  }

  const std::vector<const ValueDecl *> &Mutexes;
  const Stmt *Skip;
  ASTContext &Ctx;
  const Vocabulary &V;
  MapVector<const ValueDecl *, SourceLocation> Found;
};
} // namespace

MapVector<const ValueDecl *, SourceLocation>
guardedState(const std::vector<const ValueDecl *> &Mutexes, const Stmt *Skip,
             ASTContext &Ctx, const Vocabulary &V) {
  SectionScan Scan(Mutexes, Skip, Ctx, V);
  Scan.TraverseAST(Ctx);
  return std::move(Scan.Found);
}

} // namespace pitfix
