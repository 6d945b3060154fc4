//===- Counters.cpp -------------------------------------------------------===//
#include "analysis/Counters.h"

#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"
#include "analysis/Spawns.h"

#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The class of \p T, or of its pointee when \p T is a pointer; for a
/// template specialization, the class template's pattern (the vocabulary
/// names templates, not their arguments).
static const CXXRecordDecl *counterClassOf(QualType T,
                                           const ClassTemplateSpecializationDecl **Spec =
                                               nullptr) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = recordOf(T);
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD)) {
    if (Spec)
      *Spec = S;
    RD = S->getSpecializedTemplate()->getTemplatedDecl();
  }
  return RD;
}

bool isWaitGroupType(QualType T, const Vocabulary &V) {
  const CXXRecordDecl *RD = counterClassOf(T);
  return RD && V.list(VocabList::CounterClasses).contains(RD) &&
         !V.list(VocabList::ConstructionCountedClasses).contains(RD);
}

bool isAtomicCounterType(QualType T, const Vocabulary &V) {
  const ClassTemplateSpecializationDecl *Spec = nullptr;
  const CXXRecordDecl *RD = counterClassOf(T, &Spec);
  if (!RD || !Spec || !V.list(VocabList::AtomicCounterClasses).contains(RD))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Arg = Args[0].getAsType();
  return Arg->isIntegralOrEnumerationType() && !Arg->isBooleanType() &&
         !Arg->isEnumeralType();
}

/// The shared part of counterIncrement() and counterDecrement(): a method
/// of \p WaitGroupMethods on a WaitGroup-like object, a method of
/// \p AtomicMethods or operator \p Step / \p StepAssign on an atomic integer.
static std::optional<CounterOp> counterOp(const Expr *E, const Vocabulary &V,
                                          VocabList WaitGroupMethods,
                                          VocabList AtomicMethods,
                                          OverloadedOperatorKind Step,
                                          OverloadedOperatorKind StepAssign) {
  if (!E)
    return std::nullopt;
  CounterOp Op;
  Op.Op = E;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (!MD || !Obj)
      return std::nullopt;
    Op.Object = Obj->IgnoreParenImpCasts();
    for (const Expr *A : MC->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        Op.Operands.push_back(A);
    if (V.list(WaitGroupMethods).contains(MD) &&
        isWaitGroupType(Op.Object->getType(), V)) {
      Op.Kind = CounterKind::WaitGroup;
      return Op;
    }
    if (V.list(AtomicMethods).contains(MD) &&
        isAtomicCounterType(Op.Object->getType(), V)) {
      Op.Kind = CounterKind::Atomic;
      return Op;
    }
    return std::nullopt;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = OC->getOperator();
    if ((K != Step && K != StepAssign) || OC->getNumArgs() < 1)
      return std::nullopt;
    Op.Object = OC->getArg(0)->IgnoreParenImpCasts();
    // Through a pointer the operand is `*p`, whose type is the atomic.
    if (Op.Object->getType()->isPointerType() ||
        !isAtomicCounterType(Op.Object->getType(), V))
      return std::nullopt;
    if (K == StepAssign && OC->getNumArgs() == 2)
      Op.Operands.push_back(OC->getArg(1));
    Op.Kind = CounterKind::Atomic;
    return Op;
  }
  return std::nullopt;
}

std::optional<CounterOp> counterIncrement(const Expr *E, const Vocabulary &V) {
  return counterOp(E, V, VocabList::CounterAddMethods,
                   VocabList::AtomicIncrementMethods, OO_PlusPlus,
                   OO_PlusEqual);
}

std::optional<CounterOp> counterDecrement(const Expr *E, const Vocabulary &V) {
  return counterOp(E, V, VocabList::CounterDoneMethods,
                   VocabList::AtomicDecrementMethods, OO_MinusMinus,
                   OO_MinusEqual);
}

std::string counterKey(const Expr *Object) {
  if (!Object)
    return "";
  Object = Object->IgnoreParenImpCasts();
  std::string Key = mutexKey(Object);
  if (Key.empty())
    return "";
  // mutexKey spells `*p` as "*p"; a pointer operand `p` (of `p->Add(1)`)
  // denotes the same object.
  if (Object->getType()->isPointerType())
    return "*" + Key;
  return Key;
}

namespace {

/// Finds the first decrement of one counter after a point.
class DecrementFinder {
public:
  DecrementFinder(StringRef Key, SourceLocation After, const SourceManager &SM,
                  const Vocabulary &V)
      : Key(Key), After(After), SM(SM), V(V) {}
  void TraverseStmt(const Stmt *S) {
    forEachStmt(S, [this](const Stmt *X) {
      return !isa<Expr>(X) || VisitExpr(cast<Expr>(X));
    });
  }
  bool VisitExpr(const Expr *E) {
    if (!isa<CXXMemberCallExpr, CXXOperatorCallExpr>(E))
      return true;
    std::optional<CounterOp> Op = counterDecrement(E, V);
    if (Op && counterKey(Op->Object) == Key &&
        (After.isInvalid() ||
         SM.isBeforeInTranslationUnit(After, E->getBeginLoc())))
      Found = E;
    return !Found;
  }
  StringRef Key;
  SourceLocation After;
  const SourceManager &SM;
  const Vocabulary &V;
  const Expr *Found = nullptr;
};

/// Does \p S read the counter with key \p Key?
static bool readsCounter(const Stmt *S, StringRef Key) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (isa<DeclRefExpr, MemberExpr, UnaryOperator>(E->IgnoreParenImpCasts()) &&
        counterKey(E) == Key)
      return true;
  for (const Stmt *Child : S->children())
    if (readsCounter(Child, Key))
      return true;
  return false;
}

/// Finds a wait on one counter.
class CounterWaitFinder {
public:
  CounterWaitFinder(StringRef Key, const Vocabulary &V) : Key(Key), V(V) {}
  /// Looks at one statement; false once the wait is found.
  bool visit(const Stmt *S) {
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return check(W, W->getCond());
    if (const auto *D = dyn_cast<DoStmt>(S))
      return check(D, D->getCond());
    if (const auto *F = dyn_cast<ForStmt>(S))
      return check(F, F->getCond());
    if (const auto *C = dyn_cast<CallExpr>(S))
      return visitCall(C);
    return true;
  }
  bool visitCall(const CallExpr *C) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl());
    if (!FD)
      return true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
      if (V.list(VocabList::CounterWaitMethods).contains(FD) &&
          counterKey(MC->getImplicitObjectArgument()) == Key)
        Found = C;
    if (!Found && V.list(VocabList::LockReleasingWaits).contains(FD))
      for (const Expr *A : C->arguments())
        if (const auto *L = dyn_cast<LambdaExpr>(stripImplicit(A)))
          if (readsCounter(L->getBody(), Key))
            Found = C;
    return !Found;
  }
  /// A loop waits on the counter when its condition reads it and its body
  /// only waits: it is empty, or yields, sleeps, pauses or waits. A loop
  /// that does work while reading the counter (printing a running count)
  /// is not a wait.
  bool check(const Stmt *Loop, const Expr *Cond) {
    if (readsCounter(Cond, Key) && onlyWaits(loopBodyOf(Loop)))
      Found = Loop;
    return !Found;
  }
  static const Stmt *loopBodyOf(const Stmt *Loop) {
    if (const auto *W = dyn_cast<WhileStmt>(Loop))
      return W->getBody();
    if (const auto *D = dyn_cast<DoStmt>(Loop))
      return D->getBody();
    return cast<ForStmt>(Loop)->getBody();
  }
  static bool onlyWaits(const Stmt *Body) {
    if (!Body || isa<NullStmt>(Body))
      return true;
    if (const auto *CS = dyn_cast<CompoundStmt>(Body); CS && CS->body_empty())
      return true;
    return callsWaitLike(Body);
  }
  static bool callsWaitLike(const Stmt *S) {
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl());
          FD && FD->getIdentifier()) {
        StringRef N = FD->getName();
        for (StringRef W : {"yield", "sleep", "wait", "Wait", "pause", "relax",
                            "Sleep", "Yield"})
          if (N.contains(W))
            return true;
      }
    for (const Stmt *Child : S->children())
      if (Child && callsWaitLike(Child))
        return true;
    return false;
  }
  StringRef Key;
  const Vocabulary &V;
  const Stmt *Found = nullptr;
};

} // namespace

const Expr *findCounterDecrement(const Stmt *S, StringRef Key,
                                 SourceLocation After, const SourceManager &SM,
                                 const Vocabulary &V) {
  if (!S || Key.empty())
    return nullptr;
  DecrementFinder F(Key, After, SM, V);
  F.TraverseStmt(S);
  return F.Found;
}

const Stmt *findCounterWait(const Stmt *S, StringRef Key, const Vocabulary &V) {
  if (!S || Key.empty())
    return nullptr;
  CounterWaitFinder F(Key, V);
  forEachStmt(S, [&](const Stmt *X) { return F.visit(X); });
  return F.Found;
}

/// The body of \p FD's definition, if it has one.
static const Stmt *bodyOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  return FD && FD->hasBody(Def) ? Def->getBody() : nullptr;
}

/// Runs \p Find over every body where the counter \p Object can be seen:
/// the functions around \p Site (a lambda's body, then the function the
/// lambda is written in, and so on outwards), the methods of the class that
/// holds a counter field, or every function of the translation unit for a
/// global counter.
static const Stmt *
searchAround(const Expr *Object, const Stmt *Site, ASTContext &Ctx,
             llvm::function_ref<const Stmt *(const Stmt *)> Find) {
  for (const DeclContext *DC = enclosingFunction(Site, Ctx); DC;
       DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (const Stmt *Body = bodyOf(FD))
        if (const Stmt *Found = Find(Body))
          return Found;
    if (DC->isFileContext())
      break;
  }
  const ValueDecl *D = mutexDecl(Object);
  if (const auto *Field = dyn_cast_or_null<FieldDecl>(D)) {
    const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (!RD || !RD->hasDefinition())
      return nullptr;
    for (const Decl *M : RD->getDefinition()->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(M);
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(M))
        FD = FT->getTemplatedDecl();
      if (const Stmt *Body = bodyOf(FD))
        if (const Stmt *Found = Find(Body))
          return Found;
    }
    return nullptr;
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var || !Var->hasGlobalStorage() || Var->isStaticLocal())
    return nullptr;
  // A global counter: any function of the translation unit may use it.
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Found = nullptr;
  // Each function with a body, outside system headers, until one has it.
  auto SearchFunction = [&](const Decl *D) {
    if (Found)
      return true;
    SourceLocation L = SM.getExpansionLoc(D->getLocation());
    if (L.isValid() && SM.isInSystemHeader(L))
      return true;
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody())
      Found = Find(FD->getBody());
    return Found != nullptr;
  };
  WalkOptions O;
  O.SkipDecl = SearchFunction;
  forEachStmtInUnit(
      Ctx, [&](const Stmt *) { return !Found; }, O);
  return Found;
}

const Stmt *findCounterWaitAround(const Expr *Object, const Stmt *Site,
                                  ASTContext &Ctx, const Vocabulary &V) {
  std::string Key = counterKey(Object);
  if (Key.empty())
    return nullptr;
  return searchAround(Object, Site, Ctx, [&](const Stmt *Body) {
    return findCounterWait(Body, Key, V);
  });
}

const Stmt *findCounterDecrementAround(const Expr *Object, const Stmt *Site,
                                       ASTContext &Ctx, const Vocabulary &V) {
  std::string Key = counterKey(Object);
  if (Key.empty())
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  return searchAround(Object, Site, Ctx, [&](const Stmt *Body) -> const Stmt * {
    return findCounterDecrement(Body, Key, SourceLocation(), SM, V);
  });
}

} // namespace pitfix
