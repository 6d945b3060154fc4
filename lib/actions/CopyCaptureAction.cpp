//===- CopyCaptureAction.cpp - hand spawned work copies, not references ---===//
//
// Spawned work that holds a reference to a variable which changes or dies
// before the work reads it: a loop variable (each iteration changes it, the
// loop's end destroys it) or a local of a function whose thread is detached.
// The fix hands the work a copy: `[&]` gains an explicit copy list (or
// becomes `[=]` for detached work that only uses such locals), `[&i]`
// becomes `[i]`, `[=, &i]` becomes `[=]`, `[&r = i]` becomes `[r = i]`, and
// `std::ref(i)` becomes `i`.
//
// The action serves two rules, chosen by the option `locals`:
//   iteration  variables that live for one loop iteration, reaching work
//              that is not joined or waited on in that iteration;
//   detached   the other locals, reaching work that nothing waits for.
// When one spawn has both kinds, each rule reports its own variables but
// both propose the same edit (all safely copyable variables of either
// kind), so that the two rules never make conflicting edits.
//
//===----------------------------------------------------------------------===//
#include "engine/Action.h"
#include "analysis/FreshName.h"
#include "analysis/RefCaptures.h"
#include "analysis/SpawnWaits.h"
#include "engine/MatchContext.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SetVector.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Which variables a rule built on this action reports.
enum class LocalsKind { Iteration, Detached };

/// Everything the action decided about one spawn.
struct Plan {
  const SpawnInfo *S = nullptr;
  std::vector<RefPath> Paths;
  SetVector<const VarDecl *> Iteration; ///< per-iteration variables at risk
  SetVector<const VarDecl *> Detached;  ///< other locals at risk
  /// Why a variable cannot be handed over as a copy, and where.
  std::map<const VarDecl *, Refusal> Refusals;
  SetVector<const VarDecl *> Copy;      ///< what the edit copies
  bool Detaching = false;
};

/// The location of the character just before \p Loc (skipping whitespace)
/// when it is \p Ch; invalid otherwise.
SourceLocation charBefore(SourceLocation Loc, char Ch, const SourceManager &SM) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return {};
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return {};
  while (Off > 0 && isspace(static_cast<unsigned char>(Buf[Off - 1])))
    --Off;
  if (Off == 0 || Buf[Off - 1] != Ch)
    return {};
  return SM.getComposedLoc(FID, Off - 1);
}

/// The bodies to search for writes: a generic lambda's pattern treats every
/// dependent use as a possible write, so its instantiations are searched
/// instead (the pattern when there are none).
std::vector<const Stmt *> lambdaBodies(const LambdaExpr *L) {
  std::vector<const Stmt *> Bodies;
  if (const FunctionTemplateDecl *T =
          L->getCallOperator()->getDescribedFunctionTemplate())
    for (const FunctionDecl *Spec : T->specializations())
      if (const Stmt *B = Spec->getBody())
        Bodies.push_back(B);
  if (Bodies.empty())
    Bodies.push_back(L->getBody());
  return Bodies;
}

class CopyCaptureAction : public Action {
public:
  explicit CopyCaptureAction(LocalsKind Kind) : Kind(Kind) {}

  /// Analyses one spawn (bound as "spawn") and reports the variables of
  /// this rule's kind.
  void run(MatchContext &C) const override {
    const auto *E = C.node<Expr>("spawn");
    std::optional<SpawnInfo> S = E ? spawnInfo(E, C.vocab()) : std::nullopt;
    if (!S)
      return;
    const FunctionDecl *Fn = enclosingFunction(E, C.ast());
    // A template's pattern is analysed through its instantiations, where
    // types are known; they all propose the same edit, which the engine
    // merges.
    if (!Fn || Fn->isDependentContext() || E->isInstantiationDependent())
      return;
    // `auto work = [&] { ... }; std::thread t(work);` is treated as if the
    // lambda were written in place.
    if (const LambdaExpr *Named = namedLambda(*S, C.ast()))
      S->Lambda = Named;
    Plan P;
    P.S = &*S;
    P.Paths = referencePaths(*S);
    if (P.Paths.empty())
      return;
    classify(C, P, Fn);
    const SetVector<const VarDecl *> &Mine =
        Kind == LocalsKind::Iteration ? P.Iteration : P.Detached;
    if (Mine.empty())
      return;
    for (const RefPath &R : P.Paths)
      if ((P.Iteration.contains(R.Var) || P.Detached.contains(R.Var)) &&
          !P.Refusals.count(R.Var))
        checkPath(C, P, R, Fn);
    for (const VarDecl *V : P.Iteration)
      if (!P.Refusals.count(V))
        P.Copy.insert(V);
    for (const VarDecl *V : P.Detached)
      if (!P.Refusals.count(V))
        P.Copy.insert(V);
    report(C, P, Mine);
  }

private:
  /// Sorts the variables that the work reaches by reference.
  void classify(MatchContext &C, Plan &P, const FunctionDecl *Fn) const {
    ASTContext &Ctx = C.ast();
    const Expr *E = P.S->Call;
    P.Detaching = detachedWork(*P.S, Ctx);
    bool Synchronised =
        P.Detaching && waitAfterSpawn(*P.S, Fn->getBody(), Ctx) != nullptr;
    // A function that cannot return once it has spawned keeps its
    // function-scope locals alive for as long as the work can run.
    bool Forever = P.Detaching && !Synchronised && neverReturnsAfter(*P.S, Fn, Ctx);
    for (const RefPath &R : P.Paths) {
      if (const Stmt *Body = iterationBody(R.Var, E, Ctx)) {
        if (!waitedWithin(*P.S, Body, Ctx))
          P.Iteration.insert(R.Var);
      } else if (P.Detaching && !Synchronised &&
                 !(Forever && functionScoped(R.Var, Fn, Ctx))) {
        P.Detached.insert(R.Var);
      }
    }
  }

  /// Does \p V live as long as the call of \p Fn (a parameter, or a local
  /// declared directly in its body)?
  static bool functionScoped(const VarDecl *V, const FunctionDecl *Fn,
                             ASTContext &Ctx) {
    if (isa<ParmVarDecl>(V))
      return V->getDeclContext() == Fn;
    DynTypedNodeList Parents = Ctx.getParents(*V);
    const auto *DS = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
    if (!DS)
      return false;
    DynTypedNodeList Up = Ctx.getParents(*DS);
    return !Up.empty() && Up[0].get<Stmt>() == Fn->getBody();
  }

  /// Records why \p V cannot become a copy.
  static void refuse(Plan &P, const VarDecl *V, std::string Reason,
                     SourceLocation Where = {}, std::string Note = "") {
    P.Refusals.emplace(V, Refusal(Reason, Where, Note));
  }

  /// Decides whether the path \p R can be turned into a copy.
  void checkPath(MatchContext &C, Plan &P, const RefPath &R,
                 const FunctionDecl *Fn) const {
    ASTContext &Ctx = C.ast();
    const VarDecl *V = R.Var;
    std::string Name = "'" + V->getName().str() + "'";
    if (R.Kind == RefPathKind::ObjectMember)
      return refuse(P, V,
                    "the work is " + R.Holder + " that holds a reference to " +
                        Name + "; holding a copy needs a change of its type "
                        "or of how it is built");
    if (R.Kind == RefPathKind::PointerCapture ||
        R.Kind == RefPathKind::AddressArg)
      return refuse(P, V,
                    "the work receives the address of " + Name +
                        "; handing it a copy needs the work to take a value");
    if (!isCopyable(V->getType()))
      return refuse(P, V,
                    Name + " has type '" +
                        V->getType().getAsString(Ctx.getPrintingPolicy()) +
                        "', which cannot be copied");
    if (R.Kind == RefPathKind::RefWrapperArg) {
      const ParmVarDecl *Parm = receivingParameter(*P.S, R.ArgIndex);
      if (!Parm || Parm->getType()->isDependentType())
        return refuse(P, V, "cannot see which parameter of the work receives " +
                                Name);
      QualType T = Parm->getType();
      if (T->isLValueReferenceType() &&
          !T.getNonReferenceType().isConstQualified())
        return refuse(P, V,
                      "the work takes " + Name +
                          " by non-const reference and may change it",
                      Parm->getLocation(), "the parameter is declared here");
    } else if (P.S->Lambda) {
      const VarDecl *Target = R.InitVar ? R.InitVar : V;
      for (const Stmt *Body : lambdaBodies(P.S->Lambda))
        if (const Stmt *W = firstWrite(Target, Body, Ctx))
          return refuse(P, V,
                        "the work changes " + Name +
                            "; with a copy the change would no longer be "
                            "seen outside",
                        W->getBeginLoc(), Name + " is changed here");
    }
    // A later change in the spawning code may be meant for the work.
    const Stmt *Scope = nullptr;
    if (const Stmt *Body = iterationBody(V, P.S->Call, Ctx))
      Scope = isForHeaderVar(V, Ctx) ? nullptr : Body;
    else
      Scope = Fn->getBody();
    if (Scope)
      if (const Stmt *W = writeAfter(V, Scope, P.S->Call, Ctx))
        return refuse(P, V,
                      Name + " is changed after the spawn; the work may be "
                             "meant to see the change",
                      W->getBeginLoc(), Name + " is changed here");
  }

  /// Emits the finding for \p Mine: refused, or with the edit.
  void report(MatchContext &C, Plan &P,
              const SetVector<const VarDecl *> &Mine) const {
    // The finding sits at the first path of a reported variable.
    const RefPath *First = nullptr;
    for (const RefPath &R : P.Paths)
      if (Mine.contains(R.Var)) {
        First = &R;
        break;
      }
    SourceLocation At = First->Arg ? First->Loc : P.S->Lambda->getBeginLoc();
    std::string Names;
    for (const VarDecl *V : Mine)
      Names += (Names.empty() ? "" : "', '") + V->getName().str();
    FindingBuilder F = C.report(
        At, {{"var", Names}, {"it", Mine.size() == 1 ? "it" : "them"}});
    for (const RefPath &R : P.Paths)
      if (Mine.contains(R.Var) && R.Kind == RefPathKind::ImplicitCapture)
        if (const DeclRefExpr *U = firstUse(R.Var, P.S->Lambda->getBody()))
          F.note(U->getLocation(), "'" + R.Var->getName() +
                                       "' is used here by reference");
    for (const VarDecl *V : Mine) {
      auto It = P.Refusals.find(V);
      if (It == P.Refusals.end())
        continue;
      F.refuse(It->second);
      return;
    }
    edit(C, P, F);
  }

  /// Writes the copies into the capture list and the arguments.
  void edit(MatchContext &C, const Plan &P, FindingBuilder &F) const {
    const SourceManager &SM = C.sm();
    const LambdaExpr *L = P.S->Lambda;
    bool ToEquals = L && useEqualsDefault(P);
    for (const RefPath &R : P.Paths) {
      if (!P.Copy.contains(R.Var))
        continue;
      switch (R.Kind) {
      case RefPathKind::ExplicitCapture:
        if (L->getCaptureDefault() == LCD_ByCopy || ToEquals) {
          // `[=, &i]`: with `=` the copy needs no list entry.
          SourceLocation Amp = charBefore(R.Loc, '&', SM);
          SourceLocation Comma = charBefore(Amp, ',', SM);
          if (Comma.isInvalid())
            return (void)F.refuse("cannot find the capture's '&' and ','");
          F.remove(CharSourceRange::getTokenRange(Comma, R.Loc));
          break;
        }
        [[fallthrough]];
      case RefPathKind::InitRefCapture: {
        SourceLocation Amp = charBefore(R.Loc, '&', SM);
        if (Amp.isInvalid())
          return (void)F.refuse(R.Loc.isMacroID()
                                    ? "the code is inside a macro expansion"
                                    : "cannot find the capture's '&'");
        // `& i` loses the blank too.
        F.remove(CharSourceRange::getCharRange(Amp, R.Loc));
        break;
      }
      case RefPathKind::RefWrapperArg:
        F.replace(CharSourceRange::getTokenRange(R.Arg->getSourceRange()),
                  R.Var->getName());
        break;
      case RefPathKind::ImplicitCapture:
      case RefPathKind::PointerCapture:
      case RefPathKind::AddressArg:
      case RefPathKind::ObjectMember:
        break;
      }
    }
    if (L && L->getCaptureDefault() == LCD_ByRef)
      editDefault(C, P, F, ToEquals);
  }

  /// `[&]` gains `, a, b` for the implicitly captured copies, or turns into
  /// `[=]`.
  void editDefault(MatchContext &C, const Plan &P, FindingBuilder &F,
                   bool ToEquals) const {
    const LambdaExpr *L = P.S->Lambda;
    SourceLocation Amp = L->getCaptureDefaultLoc();
    std::string List;
    for (const LambdaCapture &Cap : L->implicit_captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *V = dyn_cast<VarDecl>(Cap.getCapturedVar());
            V && P.Copy.contains(V))
          List += ", " + V->getName().str();
    if (List.empty())
      return;
    if (ToEquals)
      F.replace(CharSourceRange::getCharRange(Amp, Amp.getLocWithOffset(1)),
                "=");
    else
      F.insert(Amp.getLocWithOffset(1), List);
  }

  /// Detached work whose `[&]` reaches only locals that all become copies
  /// reads best as `[=]`, when `=` keeps the meaning of everything else in
  /// the list: no `this` (implicit under `=` it is deprecated in C++20,
  /// explicit it needs C++20) and no plain copies (not allowed after `=`).
  bool useEqualsDefault(const Plan &P) const {
    const LambdaExpr *L = P.S->Lambda;
    if (!P.Detaching || L->getCaptureDefault() != LCD_ByRef)
      return false;
    bool HasDetachedLocal = false;
    for (const LambdaCapture &Cap : L->captures()) {
      if (Cap.capturesThis() || Cap.capturesVLAType())
        return false;
      if (!Cap.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(Cap.getCapturedVar());
      if (L->isInitCapture(&Cap))
        continue;
      if (!Cap.isImplicit())
        return false; // an explicit copy: `[=, x]` is ill-formed
      if (Cap.getCaptureKind() == LCK_ByRef) {
        if (!V || !P.Copy.contains(V))
          return false;
        HasDetachedLocal = HasDetachedLocal || P.Detached.contains(V);
      }
    }
    return HasDetachedLocal;
  }

  LocalsKind Kind;
};

} // namespace

Expected<std::unique_ptr<Action>> createCopyCaptureAction(const ActionOptions &O) {
  std::string Locals = O.get("locals");
  if (Locals == "iteration")
    return std::make_unique<CopyCaptureAction>(LocalsKind::Iteration);
  if (Locals == "detached")
    return std::make_unique<CopyCaptureAction>(LocalsKind::Detached);
  return O.error("locals", "option 'locals' must be 'iteration' or "
                           "'detached' (got '" + Locals + "')");
}

} // namespace pitfix
