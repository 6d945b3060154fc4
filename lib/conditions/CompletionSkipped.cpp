//===- CompletionSkipped.cpp - a completion signal an exit path skips
//------===//
//
// A spawned body that ends with a completion signal (`wg.Done();`,
// `latch.count_down();`, `p.set_value(v);`) skips it when it returns early
// or throws: whoever waits for the signal blocks forever. The condition
// `completion-skipped` decides that for a spawn, and binds what a scope
// guard fix needs: the body's first statement (`first_statement`, where a
// guard is declared), the trailing signal (`trailing_signal`) and identical
// signals made just before earlier returns (`signals_before_return`, the
// guard makes them too); {signal} is the call. It refuses the fix when a
// guard declared first could not make the same call.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/MayThrow.h"
#include "analysis/Signals.h"
#include "analysis/SourceText.h"
#include "analysis/SpawnedBody.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/RecursiveASTVisitor.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The exits of a body that may skip its trailing signal, and the calls of
/// the same signal elsewhere in it.
class ExitScanner : public RecursiveASTVisitor<ExitScanner> {
public:
  ExitScanner(const Vocabulary &V, std::string Key, const Stmt *Last)
      : V(V), Key(std::move(Key)), Last(Last) {}

  /// Returns not preceded by the signal.
  std::vector<const ReturnStmt *> Skipping;
  /// Signal calls that directly precede a return: the guard replaces them.
  std::vector<const Stmt *> BeforeReturn;
  /// Signal calls anywhere else (a guard, a loop, a nested lambda).
  std::vector<const Stmt *> Elsewhere;

  bool TraverseCompoundStmt(CompoundStmt *CS) {
    const Stmt *Prev = nullptr;
    for (Stmt *S : CS->body()) {
      if (S == Last)
        break;
      if (const auto *R = dyn_cast<ReturnStmt>(S); R && LambdaDepth == 0) {
        if (Prev && isSameSignal(Prev))
          BeforeReturn.push_back(Prev);
        else
          Skipping.push_back(R);
      } else if (!TraverseStmt(S)) {
        return false;
      }
      Prev = S;
    }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    if (LambdaDepth == 0)
      Skipping.push_back(R);
    return true;
  }
  // Returns of nested lambdas and local classes leave only those; their
  // signal calls count as signalling elsewhere.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    ++LambdaDepth;
    bool R = RecursiveASTVisitor::TraverseLambdaExpr(L);
    --LambdaDepth;
    return R;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *D) {
    ++LambdaDepth;
    bool R = RecursiveASTVisitor::TraverseCXXRecordDecl(D);
    --LambdaDepth;
    return R;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    if (isSameSignal(E))
      Elsewhere.push_back(E);
    return true;
  }
  /// A direct signal statement just before a return is recorded by
  /// TraverseCompoundStmt; do not count it again when it is visited.
  void dropCovered() {
    llvm::erase_if(Elsewhere, [&](const Stmt *S) {
      for (const Stmt *B : BeforeReturn)
        if (signalCall(B, V) == S)
          return true;
      return false;
    });
  }

private:
  bool isSameSignal(const Stmt *S) const {
    const CXXMemberCallExpr *C = signalCall(S, V);
    return C && signalKey(C) == Key;
  }

  const Vocabulary &V;
  std::string Key;
  const Stmt *Last;
  unsigned LambdaDepth = 0;
};

/// Does a local of \p Body have a destructor that makes a signal with the
/// same method (a hand-written RAII guard)?
static bool hasSignallingLocal(const CompoundStmt *Body, const Vocabulary &V) {
  for (const Stmt *S : Body->body()) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      continue;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      const CXXRecordDecl *RD = VD ? recordOf(VD->getType()) : nullptr;
      const CXXDestructorDecl *Dtor =
          RD && RD->hasDefinition() ? RD->getDestructor() : nullptr;
      if (!Dtor || !Dtor->getBody())
        continue;
      if (!forEachStmt(Dtor->getBody(), [&](const Stmt *X) {
            return !(isa<CXXMemberCallExpr>(X) && signalCall(X, V));
          }))
        return true;
    }
  }
  return false;
}

/// The first variable declared inside \p Body that \p S refers to.
static const VarDecl *bodyLocalUsed(const Stmt *S, const CompoundStmt *Body,
                                    const SourceManager &SM) {
  SourceRange Range = Body->getSourceRange();
  const VarDecl *Found = nullptr;
  forEachStmt(S, [&](const Stmt *X) {
    const auto *E = dyn_cast<DeclRefExpr>(X);
    const auto *VD = E ? dyn_cast<VarDecl>(E->getDecl()) : nullptr;
    if (VD && VD->isLocalVarDeclOrParm() && !isa<ParmVarDecl>(VD) &&
        !SM.isBeforeInTranslationUnit(VD->getLocation(), Range.getBegin()) &&
        SM.isBeforeInTranslationUnit(VD->getLocation(), Range.getEnd()))
      Found = VD;
    return !Found;
  });
  return Found;
}

/// Does \p S contain a completion signal (a call of a `signalMethods` method
/// of a `signalClasses` class), implicit code included?
static bool containsSignal(const Stmt *S, const Vocabulary &V) {
  WalkOptions All;
  All.ImplicitCode = true;
  return S && !forEachStmt(
                  S,
                  [&](const Stmt *X) {
                    return !(isa<CXXMemberCallExpr>(X) && signalCall(X, V));
                  },
                  All);
}

/// Does the work the spawn \p Root names contain a completion signal: a
/// lambda below the spawn with a signal in it, a function named there whose
/// definition has one, or a variable named there whose initializer has
/// one? This is what the rule's matcher used to require with nested
/// `hasDescendant`s, which walked the whole spawn expression (nested spawns
/// and their lambdas included) once per spawn, and every lambda in it again:
/// cubic in the nesting depth. It is asked only once the body is known to
/// end with a signal \p B, and then it follows from what the action already
/// found, except when the spawn names a function through a declaration that
/// is not its definition (defined further down): then the expression is
/// searched as the matcher searched it.
static bool namesSignallingWork(const Expr *Root, const SpawnInfo &S,
                                const SpawnedBody &B, const Vocabulary &V) {
  // The lambda, or the variable initialised with it, is named below the
  // spawn, and the body's last statement (a signal) is inside it.
  if (B.Lambda)
    return true;
  // A function named by its definition (`f` or `&C::f`): its body is
  // below the declaration the spawn refers to.
  const Expr *Work = S.Callable ? stripImplicit(S.Callable) : nullptr;
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Work);
      U && U->getOpcode() == UO_AddrOf)
    Work = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Work))
    if (Ref->getDecl() == B.Function)
      return true;
  WalkOptions All;
  All.ImplicitCode = true;
  return !forEachStmt(
      Root,
      [&](const Stmt *X) {
        if (X == Root)
          return true;
        if (const auto *L = dyn_cast<LambdaExpr>(X))
          return !containsSignal(L->getBody(), V);
        const auto *Ref = dyn_cast<DeclRefExpr>(X);
        if (!Ref)
          return true;
        if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
          if (FD->doesThisDeclarationHaveABody() &&
              containsSignal(FD->getBody(), V))
            return false;
          for (const ParmVarDecl *P : FD->parameters())
            if (P->hasDefaultArg() && !P->hasUnparsedDefaultArg() &&
                !P->hasUninstantiatedDefaultArg() &&
                containsSignal(P->getDefaultArg(), V))
              return false;
          return true;
        }
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          return !(VD->getAnyInitializer() &&
                   containsSignal(VD->getAnyInitializer(), V));
        return true;
      },
      All);
}

} // namespace

bool completionSkipped(const DynTypedNode &N, MatchContext &C,
                       ConditionOutput &Out) {
  const Expr *Root = N.get<Expr>();
  std::optional<SpawnInfo> S = spawnInfo(Root, C.vocab());
  if (!S)
    return false;
  std::optional<SpawnedBody> B = spawnedBody(*S);
  if (!B || B->Body->body_empty())
    return false;
  const CompoundStmt *Body = B->Body;
  const Stmt *Last = Body->body_back();
  const CXXMemberCallExpr *Signal = signalCall(Last, C.vocab());
  if (!Signal || !namesSignallingWork(Root, *S, *B, C.vocab()))
    return false;
  std::string Key = signalKey(Signal);
  if (Key.empty())
    return false; // cannot tell whether other calls signal the same object

  ExitScanner Scan(C.vocab(), Key, Last);
  Scan.TraverseStmt(const_cast<CompoundStmt *>(Body));
  Scan.dropCovered();
  // Already signalled some other way: a guard, a loop, a RAII local.
  if (!Scan.Elsewhere.empty() || hasSignallingLocal(Body, C.vocab()))
    return false;
  std::optional<ThrowSite> Throw;
  ThrowAnalysis TA(C.ast(), C.vocab());
  for (const Stmt *St : Body->body()) {
    if (St == Last || Throw)
      break;
    Throw = TA.firstThrow(St);
  }
  if (Scan.Skipping.empty() && !Throw)
    return false;

  const SourceManager &SM = C.sm();
  std::string Call = sourceText(Signal->getSourceRange(), SM, C.lang());
  if (Call.empty()) { // inside a macro: print the call instead
    llvm::raw_string_ostream OS(Call);
    Signal->printPretty(OS, nullptr, C.ast().getPrintingPolicy());
  }
  Out.At = Signal->getBeginLoc();
  Out.Fills = {{"signal", Call},
               {"exit", Scan.Skipping.empty() ? "throws" : "returns early"}};
  if (!Scan.Skipping.empty())
    Out.Notes.push_back({Scan.Skipping.front()->getBeginLoc(),
                         "this return skips '" + Call + "'"});
  if (Throw)
    Out.Notes.push_back(
        {Throw->Where->getBeginLoc(),
         Throw->Why + "; an exception here skips '" + Call + "'"});
  Out.Binds.insert_or_assign("first_statement",
                             DynTypedNode::create(*Body->body_front()));
  Out.Binds.insert_or_assign("trailing_signal", DynTypedNode::create(*Last));
  std::vector<DynTypedNode> &Earlier = Out.BindLists["signals_before_return"];
  for (const Stmt *Before : Scan.BeforeReturn)
    Earlier.push_back(DynTypedNode::create(*Before));

  if (const VarDecl *Local = bodyLocalUsed(Signal, Body, SM)) {
    Out.Refusal = "the signal uses '" + Local->getName().str() +
                  "', declared in the body: a guard declared first cannot "
                  "call it";
    return true;
  }
  if (B->Variable && !onlySpawned(B->Variable, C.ast(), C.vocab())) {
    Out.Refusal = "the lambda '" + B->Variable->getName().str() +
                  "' is also used other than as a thread's work, where an "
                  "early return may be meant not to signal";
    return true;
  }
  for (const Stmt *Before : Scan.BeforeReturn)
    if (sourceText(signalCall(Before, C.vocab())->getSourceRange(), SM,
                   C.lang()) != Call) {
      Out.Refusal = "the signal is made with other arguments before an "
                    "earlier return";
      return true;
    }
  return true;
}

} // namespace pitfix
