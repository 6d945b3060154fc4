//===- MayThrow.cpp -------------------------------------------------------===//
#include "analysis/MayThrow.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// How deep calls into functions of the translation unit are followed;
/// beyond it a call shows no evidence of throwing.
static constexpr unsigned MaxDepth = 8;

/// The class template behind a specialization, so that vocabulary entries
/// name templates without their arguments.
static const CXXRecordDecl *templateOf(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    if (const ClassTemplateDecl *T = S->getSpecializedTemplate())
      return T->getTemplatedDecl();
  return RD;
}

static bool inList(const Vocabulary &V, VocabList List,
                   const CXXRecordDecl *RD) {
  const NameList &L = V.list(List);
  return L.contains(RD) || L.contains(templateOf(RD));
}

/// Members of classes that fail only on misuse or when the system is out of
/// resources: streams, mutexes, guards, signals, counters.
static bool isNonThrowingClass(const CXXRecordDecl *RD, const Vocabulary &V) {
  if (!RD)
    return false;
  for (VocabList List : {VocabList::NonThrowingClasses, VocabList::MutexClasses,
                         VocabList::SignalClasses, VocabList::CounterClasses,
                         VocabList::GuardClasses})
    if (inList(V, List, RD))
      return true;
  return isGuardClass(RD, V) ||
         isMutexType(QualType(RD->getTypeForDecl(), 0), V);
}

/// A declaration of namespace std (or one nested in it, or a member of one
/// of its classes).
static bool inStandardLibrary(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// The types a `try` catches; a null type stands for `catch (...)`.
struct TryCover {
  std::vector<QualType> Caught;
  /// catch (...) or catch of std::exception: any call inside is covered.
  bool CatchesCalls = false;
};

static bool isStdException(const CXXRecordDecl *RD) {
  return RD && RD->getIdentifier() && RD->getName() == "exception" &&
         RD->isInStdNamespace();
}

static TryCover coverOf(const CXXTryStmt *S) {
  TryCover C;
  for (unsigned I = 0; I < S->getNumHandlers(); ++I) {
    QualType T = S->getHandler(I)->getCaughtType();
    if (T.isNull()) {
      C.CatchesCalls = true;
      C.Caught.push_back(T);
      continue;
    }
    T = T.getNonReferenceType().getUnqualifiedType();
    if (isStdException(T->getAsCXXRecordDecl()))
      C.CatchesCalls = true;
    C.Caught.push_back(T);
  }
  return C;
}

/// Does a handler for \p Caught catch an exception of type \p Thrown?
static bool catches(QualType Caught, QualType Thrown) {
  if (Caught.isNull())
    return true;
  if (Thrown.isNull())
    return false;
  Thrown = Thrown.getUnqualifiedType();
  if (Caught.getCanonicalType() == Thrown.getCanonicalType())
    return true;
  const CXXRecordDecl *C = Caught->getAsCXXRecordDecl();
  const CXXRecordDecl *T = Thrown->getAsCXXRecordDecl();
  return C && T && T->hasDefinition() && T->isDerivedFrom(C);
}

/// \p E is a literal (a number, a character, a string, or a std::string
/// made from one) or a constant.
static bool isLiteralInput(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    E = M->getSubExpr()->IgnoreImplicit();
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    E = B->getSubExpr()->IgnoreImplicit();
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    for (const Expr *A : C->arguments())
      if (!isa<CXXDefaultArgExpr>(A) && !isLiteralInput(A, Ctx))
        return false;
    return C->getNumArgs() > 0;
  }
  if (isa<clang::StringLiteral>(E->IgnoreParenImpCasts()))
    return true;
  return !E->isValueDependent() && E->isEvaluatable(Ctx);
}

/// A standard function that throws only on bad input, called with a
/// literal: `std::regex("[a-z]+")`, `std::stoi("42")` cannot fail.
static bool literalCallCannotThrow(const FunctionDecl *FD,
                                   ArrayRef<const Expr *> Args,
                                   const ASTContext &Ctx) {
  if (!FD->isInStdNamespace() || Args.empty())
    return false;
  bool Regex = false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    Regex = Ctor->getParent()->getIdentifier() &&
            Ctor->getParent()->getName() == "basic_regex";
  bool Parse = !isa<CXXMethodDecl>(FD) && FD->getIdentifier() &&
               FD->getName().starts_with("sto");
  if (!Regex && !Parse)
    return false;
  for (const Expr *A : Args)
    if (!isa<CXXDefaultArgExpr>(A) && !isLiteralInput(A, Ctx))
      return false;
  return true;
}

/// `x == npos` / `x != npos` (either side): the variable \p X compared.
static std::optional<BinaryOperatorKind> nposTest(const Expr *E,
                                                  const VarDecl *X) {
  const auto *B = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!B || !B->isEqualityOp())
    return std::nullopt;
  auto IsX = [&](const Expr *S) {
    const auto *D = dyn_cast<DeclRefExpr>(S->IgnoreParenImpCasts());
    return D && D->getDecl() == X;
  };
  auto IsNpos = [](const Expr *S) {
    const auto *D = dyn_cast<DeclRefExpr>(S->IgnoreParenImpCasts());
    return D && D->getDecl()->getIdentifier() &&
           D->getDecl()->getName() == "npos";
  };
  if ((IsX(B->getLHS()) && IsNpos(B->getRHS())) ||
      (IsNpos(B->getLHS()) && IsX(B->getRHS())))
    return B->getOpcode();
  return std::nullopt;
}

/// Calls \p F with each condition known where \p Call runs, in its
/// function, and whether it is known true or false there: the condition
/// of an `if` (then or else), of a `while` around the body, of a `?:`, and
/// of an earlier `if (c) return;` (break, continue) in an enclosing block,
/// known false after it.
static void
forEachKnownCondition(const Expr *Call, ASTContext &Ctx,
                      llvm::function_ref<void(const Expr *Cond, bool True)> F) {
  const Stmt *Child = Call;
  for (DynTypedNodeList Ps = Ctx.getParents(*Call); !Ps.empty();
       Ps = Ctx.getParents(Ps[0])) {
    const Stmt *P = Ps[0].get<Stmt>();
    if (!P) {
      if (Ps[0].get<VarDecl>())
        continue;
      return;
    }
    if (isa<LambdaExpr>(P))
      return;
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (If->getThen() == Child)
        F(If->getCond(), true);
      else if (If->getElse() == Child)
        F(If->getCond(), false);
    } else if (const auto *W = dyn_cast<WhileStmt>(P)) {
      if (W->getBody() == Child)
        F(W->getCond(), true);
    } else if (const auto *C = dyn_cast<ConditionalOperator>(P)) {
      if (C->getTrueExpr() == Child)
        F(C->getCond(), true);
      else if (C->getFalseExpr() == Child)
        F(C->getCond(), false);
    } else if (const auto *B = dyn_cast<CompoundStmt>(P)) {
      for (const Stmt *S : B->body()) {
        if (S == Child)
          break;
        const auto *Guard = dyn_cast<IfStmt>(S);
        if (!Guard || Guard->getElse())
          continue;
        const Stmt *Then = Guard->getThen();
        if (const auto *TB = dyn_cast<CompoundStmt>(Then))
          Then = TB->body_empty() ? nullptr : TB->body_back();
        if (isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt>(Then))
          F(Guard->getCond(), false);
      }
    }
    Child = P;
  }
}

/// Does the code around \p Call run only when \p X is not npos: inside
/// `if (x != npos)` (or the else of `== npos`), a `while (x != npos)` loop,
/// or after `if (x == npos) return;`?
static bool checkedNotNpos(const Expr *Call, const VarDecl *X,
                           ASTContext &Ctx) {
  bool Checked = false;
  forEachKnownCondition(Call, Ctx, [&](const Expr *Cond, bool True) {
    if (std::optional<BinaryOperatorKind> K = nposTest(Cond, X))
      Checked |= (*K == BO_NE) == True;
  });
  return Checked;
}

/// The constant \p K that `s.size() OP K` compares \p S with, when the
/// condition is a comparison of \p Of's size() or length() with a constant.
static std::optional<std::pair<BinaryOperatorKind, uint64_t>>
sizeTest(const Expr *Cond, const Expr *Of, ASTContext &Ctx) {
  const auto *B = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!B || !B->isComparisonOp())
    return std::nullopt;
  const auto *Size =
      dyn_cast<CXXMemberCallExpr>(B->getLHS()->IgnoreParenImpCasts());
  const CXXMethodDecl *MD = Size ? Size->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() ||
      (MD->getName() != "size" && MD->getName() != "length"))
    return std::nullopt;
  std::string Key = mutexKey(Of);
  if (Key.empty() || Key != mutexKey(Size->getImplicitObjectArgument()))
    return std::nullopt;
  Expr::EvalResult K;
  if (B->getRHS()->isValueDependent() || !B->getRHS()->EvaluateAsInt(K, Ctx) ||
      K.Val.getInt().isNegative())
    return std::nullopt;
  return std::make_pair(B->getOpcode(), K.Val.getInt().getLimitedValue());
}

/// The least size of the string \p Of where \p Call runs, from the
/// checks known there (`if (s.size() >= k)`, `if (s.size() != k) return`).
/// Zero when none.
static uint64_t sizeAtLeast(const Expr *Call, const Expr *Of, ASTContext &Ctx) {
  auto Least = [](BinaryOperatorKind Op, uint64_t K, bool Holds) -> uint64_t {
    switch (Op) {
    case BO_GE:
      return Holds ? K : 0;
    case BO_GT:
      return Holds ? K + 1 : 0;
    case BO_EQ:
      return Holds ? K : 0;
    case BO_NE:
      return Holds ? 0 : K;
    case BO_LT:
      return Holds ? 0 : K;
    case BO_LE:
      return Holds ? 0 : K + 1;
    default:
      return 0;
    }
  };
  uint64_t Best = 0;
  forEachKnownCondition(Call, Ctx, [&](const Expr *Cond, bool True) {
    if (auto T = sizeTest(Cond, Of, Ctx))
      Best = std::max(Best, Least(T->first, T->second, True));
  });
  return Best;
}

/// Is \p E a `find`, `rfind`, `find_first_of`, ... of the string \p Of?
static bool findIn(const Expr *E, const Expr *Of) {
  const auto *Find = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  const CXXMethodDecl *FindMD = Find ? Find->getMethodDecl() : nullptr;
  if (!FindMD || !FindMD->getIdentifier() ||
      (!FindMD->getName().starts_with("find") && FindMD->getName() != "rfind"))
    return false;
  std::string Key = mutexKey(Of);
  return !Key.empty() && Key == mutexKey(Find->getImplicitObjectArgument());
}

/// `s.substr(...)` whose position is in range: absent, zero, or a position
/// `find` returned in the same string (plus at most one) that the code has
/// checked against npos. It can then fail only when memory runs out.
static bool substrInRange(const CallExpr *E, ASTContext &Ctx) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MD->getName() != "substr" ||
      !MD->getParent()->isInStdNamespace())
    return false;
  if (MC->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(MC->getArg(0)))
    return true;
  const Expr *Pos = MC->getArg(0)->IgnoreParenImpCasts();
  bool PlusOne = false;
  Expr::EvalResult R;
  if (!Pos->isValueDependent() && Pos->EvaluateAsInt(R, Ctx))
    return R.Val.getInt() == 0 ||
           R.Val.getInt().getLimitedValue() <=
               sizeAtLeast(E, MC->getImplicitObjectArgument(), Ctx);
  if (const auto *B = dyn_cast<BinaryOperator>(Pos); B && B->getOpcode() == BO_Add) {
    Expr::EvalResult One;
    if (B->getRHS()->isValueDependent() || !B->getRHS()->EvaluateAsInt(One, Ctx) ||
        One.Val.getInt() != 1)
      return false;
    Pos = B->getLHS()->IgnoreParenImpCasts();
    PlusOne = true;
  }
  // `s.substr(s.find(...) + 1)`: npos + 1 wraps to zero, and any other
  // position found plus one is at most the size.
  if (PlusOne && findIn(Pos, MC->getImplicitObjectArgument()))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(Pos);
  const auto *X = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!X || !X->isLocalVarDecl() || !X->getInit())
    return false;
  if (!findIn(X->getInit(), MC->getImplicitObjectArgument()))
    return false;
  // A const position found plus one cannot pass the size (see above).
  return (PlusOne && X->getType().isConstQualified()) ||
         checkedNotNpos(E, X, Ctx);
}

/// `std::bad_alloc` (and what derives from it) or `std::length_error`:
/// a failure to allocate, thrown by a project as the standard library does.
static bool isAllocationFailure(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto IsOne = [](const CXXRecordDecl *B) {
    return B->isInStdNamespace() && B->getIdentifier() &&
           (B->getName() == "bad_alloc" || B->getName() == "length_error");
  };
  if (IsOne(RD))
    return true;
  bool Derived = false;
  RD->forallBases([&](const CXXRecordDecl *B) {
    Derived |= IsOne(B);
    return true;
  });
  return Derived;
}

/// The parameter \p Cond tests for null: `!p`, `p == nullptr`,
/// `nullptr == p`, `p == NULL`, `p == 0`.
static const ParmVarDecl *nullTested(const Expr *Cond, ASTContext &Ctx) {
  const Expr *E = nullTestedExpr(Cond, Ctx);
  const auto *R = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *P = R ? dyn_cast<ParmVarDecl>(R->getDecl()) : nullptr;
  return P && P->getType()->isPointerType() ? P : nullptr;
}

/// An argument that cannot be null: `this`, or the address of an object.
static bool notNull(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return true;
  const auto *U = dyn_cast<UnaryOperator>(E);
  return U && U->getOpcode() == UO_AddrOf;
}

/// A throw that states an invariant ("should not happen", "unreachable",
/// "internal error"): an assertion spelled as a throw, which ends the
/// process on a bug as `assert` would, not an error the work must handle.
static bool statesInvariant(const CXXThrowExpr *E) {
  static const llvm::Regex Invariant(
      "(should|must|can) ?(not|never|'t)( ever)? (happen|be reached|occur)|"
      "cannot happen|impossible|unreachable|not reached|internal error|"
      "assertion|invariant|this is a bug|programming error",
      llvm::Regex::IgnoreCase);
  bool Says = false;
  forEachStmt(E, [&](const Stmt *S) {
    if (const auto *L = dyn_cast<clang::StringLiteral>(S); L && L->isOrdinary())
      Says = Says || Invariant.match(L->getString());
    return !Says;
  });
  return Says;
}

/// `obj.ready()` or `!obj.ready()`: the const method without arguments
/// called on the local or parameter \p Obj, and whether the test is of its
/// negation.
static const CXXMethodDecl *stateTest(const Expr *Cond, const VarDecl *Obj,
                                      bool &Negated) {
  Negated = false;
  Cond = Cond->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(Cond)) {
    if (U->getOpcode() != UO_LNot)
      return nullptr;
    Negated = !Negated;
    Cond = U->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *C = dyn_cast<CXXMemberCallExpr>(Cond);
  const CXXMethodDecl *MD = C ? C->getMethodDecl() : nullptr;
  if (!MD || !MD->isConst() || C->getNumArgs() != 0)
    return nullptr;
  const Expr *Base = C->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (Obj) {
    const auto *R = dyn_cast<DeclRefExpr>(Base);
    return R && R->getDecl() == Obj ? MD : nullptr;
  }
  return isa<CXXThisExpr>(Base) ? MD : nullptr;
}

/// The object a member call or member operator call is made on, when it is
/// a local or a parameter, and the method called.
static const VarDecl *calledOn(const CallExpr *E, const CXXMethodDecl *&MD) {
  const Expr *Obj = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    Obj = MC->getImplicitObjectArgument();
    MD = MC->getMethodDecl();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getNumArgs() > 0) {
    Obj = OC->getArg(0);
    MD = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
  }
  const auto *R =
      Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
  return R && MD ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
}

/// Walks code in evaluation-ish order and stops at the first place an
/// exception may leave it.
class ThrowFinder : public RecursiveASTVisitor<ThrowFinder> {
public:
  ThrowFinder(ThrowAnalysis &A, unsigned Depth) : A(A), Depth(Depth) {}

  std::optional<ThrowSite> Found;

  // Creating a lambda runs only its captures; local classes run nothing.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (Expr *Init : L->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseRecordDecl(RecordDecl *) { return true; }

  bool TraverseCXXTryStmt(CXXTryStmt *S) {
    Covers.push_back(coverOf(S));
    bool Continue = TraverseStmt(S->getTryBlock());
    Covers.pop_back();
    if (!Continue)
      return false;
    // A rethrow in a handler throws only what the try block threw: it is
    // evidence only when the try block itself shows some.
    ThrowFinder Inner(A, Depth);
    Inner.TraverseStmt(S->getTryBlock());
    Handlers.push_back(Inner.Found.has_value());
    for (unsigned I = 0; I < S->getNumHandlers(); ++I) {
      // A rethrow in this handler throws an object of the caught type (or
      // of a type derived from it).
      QualType Caught = S->getHandler(I)->getCaughtType();
      HandlerTypes.push_back(
          Caught.isNull() ? Caught
                          : Caught.getNonReferenceType().getUnqualifiedType());
      HandlerBodies.push_back(
          dyn_cast<CompoundStmt>(S->getHandler(I)->getHandlerBlock()));
      bool Continue = TraverseStmt(S->getHandler(I)->getHandlerBlock());
      HandlerBodies.pop_back();
      HandlerTypes.pop_back();
      if (!Continue) {
        Handlers.pop_back();
        return false;
      }
    }
    Handlers.pop_back();
    return true;
  }

  // Constructing the exception object itself is part of throwing it: only
  // its arguments are looked at.
  bool TraverseCXXThrowExpr(CXXThrowExpr *E) {
    if (!WalkUpFromCXXThrowExpr(E))
      return false;
    Expr *Sub = E->getSubExpr();
    if (!Sub)
      return true;
    Sub = Sub->IgnoreImplicit();
    if (auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Sub))
      Sub = Cast->getSubExpr()->IgnoreImplicit();
    if (auto *Construct = dyn_cast<CXXConstructExpr>(Sub)) {
      for (Expr *Arg : Construct->arguments())
        if (!TraverseStmt(Arg))
          return false;
      return true;
    }
    return TraverseStmt(Sub);
  }

  bool VisitCXXThrowExpr(CXXThrowExpr *E) {
    if (!E->getSubExpr() && !Handlers.empty() && !Handlers.back())
      return true; // rethrows what its try block cannot throw
    QualType T = E->getSubExpr() ? E->getSubExpr()->getType() : QualType();
    if (!E->getSubExpr() && !HandlerTypes.empty())
      T = HandlerTypes.back();
    // A project's own allocation failure is no more evidence than the
    // standard library's; an invariant is an assertion.
    if (isAllocationFailure(T) || ruledOut(E) || statesInvariant(E))
      return true;
    // The work's own handler reports (or cleans up) and rethrows: its
    // author chose to let the exception end the process.
    if (!E->getSubExpr() && Depth == 0 && !HandlerBodies.empty() &&
        HandlerBodies.back() && HandlerBodies.back()->size() > 1)
      return true;
    for (const TryCover &C : Covers)
      for (QualType Caught : C.Caught)
        if (catches(Caught, T))
          return true;
    return found(E, E->getSubExpr() ? "a throw expression" : "a rethrow");
  }

  bool VisitCallExpr(CallExpr *E) {
    if (callsCovered())
      return true;
    // A call through a pointer shows nothing about what it calls.
    if (const FunctionDecl *FD = E->getDirectCallee()) {
      if (literalCallCannotThrow(FD, {E->getArgs(), E->getNumArgs()}, A.Ctx) ||
          substrInRange(E, A.Ctx))
        return true;
      std::optional<ThrowSite> Throw;
      if (throwsWhereChecked(E, Throw))
        return Throw ? found(E, "'" + FD->getNameAsString() + "' may throw",
                             &*Throw)
                     : true;
      std::string Why = A.whyCallThrows(FD, Depth);
      return Why.empty() ? true : found(E, Why, A.originOf(FD));
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (callsCovered())
      return true;
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (!Ctor || Ctor->isTrivial() ||
        literalCallCannotThrow(Ctor, {E->getArgs(), E->getNumArgs()}, A.Ctx))
      return true;
    if (A.whyCallThrows(Ctor, Depth).empty())
      return true;
    return found(E,
                 "constructing '" +
                     E->getType().getUnqualifiedType().getAsString(
                         A.Ctx.getPrintingPolicy()) +
                     "' may throw",
                 A.originOf(Ctor));
  }

  /// Parameters known not to be null (the spawn passes `this` or an
  /// address): code that runs only when one is null does not run.
  llvm::SmallPtrSet<const ParmVarDecl *, 4> NonNull;

  /// Const methods of `this` known to return true where the body runs: its
  /// caller checked them (`if (lock.owns_lock()) use(*lock);`).
  llvm::SmallVector<const CXXMethodDecl *, 2> KnownTrue;

private:
  /// A call of a method of this unit on an object whose state the caller
  /// has tested (`if (lock.owns_lock()) return *lock;`)? Then \p Throw is
  /// where the method's body throws when those tests hold (nullopt: it
  /// does not).
  bool throwsWhereChecked(const CallExpr *E, std::optional<ThrowSite> &Throw) {
    const CXXMethodDecl *MD = nullptr;
    const VarDecl *Obj = calledOn(E, MD);
    const FunctionDecl *Def = nullptr;
    if (!Obj || !MD->hasBody(Def) || !Def || Depth >= MaxDepth ||
        A.Ctx.getSourceManager().isInSystemHeader(
            A.Ctx.getSourceManager().getExpansionLoc(Def->getLocation())))
      return false;
    llvm::SmallVector<const CXXMethodDecl *, 2> True;
    forEachKnownCondition(E, A.Ctx, [&](const Expr *Cond, bool Holds) {
      bool Negated = false;
      if (const CXXMethodDecl *P = stateTest(Cond, Obj, Negated);
          P && Holds != Negated)
        True.push_back(P->getCanonicalDecl());
    });
    if (True.empty())
      return false;
    ThrowFinder Inner(A, Depth + 1);
    Inner.KnownTrue = True;
    Inner.TraverseStmt(const_cast<Stmt *>(Def->getBody()));
    Throw = Inner.Found;
    return true;
  }

  /// Can \p E not run: only when a parameter in NonNull is null, or only
  /// when a method in KnownTrue returns false?
  bool ruledOut(const Expr *E) const {
    if (KnownTrue.empty() && NonNull.empty())
      return false;
    bool Out = false;
    forEachKnownCondition(E, A.Ctx, [&](const Expr *Cond, bool True) {
      bool Negated = false;
      if (const CXXMethodDecl *M = stateTest(Cond, nullptr, Negated))
        Out = Out || (True == Negated &&
                      is_contained(KnownTrue, M->getCanonicalDecl()));
      if (const ParmVarDecl *P = nullTested(Cond, A.Ctx))
        Out = Out || (True && NonNull.contains(P));
    });
    return Out;
  }

  bool callsCovered() const {
    for (const TryCover &C : Covers)
      if (C.CatchesCalls)
        return true;
    return false;
  }
  bool found(const Stmt *S, std::string Why,
             const ThrowSite *Through = nullptr) {
    Found = ThrowSite{S, Why, S, Why};
    if (Through) {
      Found->Origin = Through->Origin;
      Found->OriginWhy = Through->OriginWhy;
    }
    return false;
  }
  ThrowAnalysis &A;
  unsigned Depth;
  std::vector<TryCover> Covers;
  /// For each handler being walked: whether its try block may throw.
  std::vector<bool> Handlers;
  /// For each handler being walked: the type it catches (null for `...`).
  std::vector<QualType> HandlerTypes;
  /// For each handler being walked: its block.
  std::vector<const CompoundStmt *> HandlerBodies;
};

std::optional<ThrowSite> ThrowAnalysis::firstThrow(const Stmt *S) {
  // Built with -fno-exceptions, nothing can throw: there is no pitfall.
  if (!Ctx.getLangOpts().CXXExceptions)
    return std::nullopt;
  ThrowFinder F(*this, 0);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

std::optional<ThrowSite>
ThrowAnalysis::firstThrowWith(const FunctionDecl *FD,
                              ArrayRef<const Expr *> Args) {
  if (!Ctx.getLangOpts().CXXExceptions || !FD->getBody())
    return std::nullopt;
  ThrowFinder F(*this, 0);
  for (unsigned I = 0; I < Args.size() && I < FD->getNumParams(); ++I)
    if (notNull(Args[I]))
      F.NonNull.insert(FD->getParamDecl(I));
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

std::string ThrowAnalysis::whyCallThrows(const FunctionDecl *FD, unsigned Depth) {
  if (!Ctx.getLangOpts().CXXExceptions || FD->getBuiltinID() || FD->isExternC() || FD->isInExternCContext())
    return "";
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  if (FPT && !isUnresolvedExceptionSpec(FPT->getExceptionSpecType()) &&
      FPT->isNothrow())
    return "";
  // Implicit and defaulted members, and destructors, are noexcept unless
  // a member says otherwise: not worth a finding.
  if (FD->isImplicit() || FD->isDefaulted() || isa<CXXDestructorDecl>(FD))
    return "";
  std::string Name = "'" + FD->getNameAsString() + "'";
  // Functions that throw on bad input (std::stoi, .at(), ...) count first.
  if (V.list(VocabList::ThrowingFunctions).contains(FD))
    return Name + " is not declared noexcept";
  if (V.list(VocabList::NonThrowingFunctions).contains(FD))
    return "";
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (MD && isNonThrowingClass(MD->getParent(), V))
    return "";
  // The rest of the standard library throws only std::bad_alloc (or on
  // misuse), which is not the pitfall: a thread that runs out of memory has
  // no sensible handler either.
  if (inStandardLibrary(FD))
    return "";
  // Otherwise only a body in this translation unit is evidence: a function
  // whose body is elsewhere (or in a system header) may or may not throw,
  // and "may" is not a finding.
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def) && Def && Depth < MaxDepth &&
      !Ctx.getSourceManager().isInSystemHeader(
          Ctx.getSourceManager().getExpansionLoc(Def->getLocation())) &&
      mayThrow(Def, Depth + 1))
    return Name + " may throw";
  return "";
}

bool ThrowAnalysis::mayThrow(const FunctionDecl *FD, unsigned Depth) {
  auto It = Memo.find(FD);
  if (It != Memo.end())
    return It->second;
  if (!Ctx.getLangOpts().CXXExceptions)
    return false;
  Memo[FD] = false; // in progress: a recursive call adds nothing
  bool Throws = false;
  ThrowFinder F(*this, Depth);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!F.Found && Init->getInit())
        F.TraverseStmt(Init->getInit());
  if (!F.Found && FD->getBody())
    F.TraverseStmt(FD->getBody());
  Throws = F.Found.has_value();
  Memo[FD] = Throws;
  if (Throws)
    Origins[FD] = *F.Found;
  return Throws;
}

const ThrowSite *ThrowAnalysis::originOf(const FunctionDecl *FD) const {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return nullptr;
  auto It = Origins.find(Def);
  return It == Origins.end() ? nullptr : &It->second;
}

} // namespace pitfix
