//===- ConditionVariables.cpp ---------------------------------------------===//
#include "analysis/ConditionVariables.h"
#include "analysis/CallableType.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The class of \p MD, or the template it was instantiated from.
static bool isCvClass(const CXXRecordDecl *RD, const Vocabulary &V) {
  if (!RD)
    return false;
  const NameList &Classes = V.list(VocabList::ConditionVariableClasses);
  if (Classes.contains(RD))
    return true;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Classes.contains(S->getSpecializedTemplate()->getTemplatedDecl());
  return false;
}

/// Something that can be called: a lambda or functor, std::function, a
/// function pointer or reference. The lock, durations, time points and stop
/// tokens are not.
static bool isCallable(const Expr *A) {
  return isCallableType(A->IgnoreParenImpCasts()->getType());
}

static bool isTimedName(StringRef N) {
  return N.contains("_for") || N.contains("_until") || N.contains("timed");
}

std::optional<CvWait> cvWait(const Expr *E, const Vocabulary &V) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getDeclName().isIdentifier())
    return std::nullopt;
  CvWait W;
  W.Call = Call;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !V.list(VocabList::ConditionVariableWaitMethods).contains(MD) ||
        !isCvClass(MD->getParent(), V))
      return std::nullopt;
    W.Object = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
    for (unsigned I = 1; I < MC->getNumArgs(); ++I)
      if (isCallable(MC->getArg(I)))
        W.HasPredicate = true;
  } else {
    if (!V.list(VocabList::ConditionVariableWaitFunctions).contains(FD) ||
        Call->getNumArgs() == 0)
      return std::nullopt;
    W.CFunction = true;
    W.Object = Call->getArg(0)->IgnoreParenImpCasts();
  }
  W.Timed = isTimedName(FD->getName());
  W.Decl = mutexDecl(W.Object);
  return W;
}

bool isNotifyOf(const Expr *E, const ValueDecl *Cv, const Vocabulary &V) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || !Cv)
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD &&
           V.list(VocabList::ConditionVariableNotifyMethods).contains(MD) &&
           isCvClass(MD->getParent(), V) &&
           mutexDecl(MC->getImplicitObjectArgument()) == Cv;
  }
  return V.list(VocabList::ConditionVariableNotifyFunctions).contains(FD) &&
         Call->getNumArgs() > 0 && mutexDecl(Call->getArg(0)) == Cv;
}

std::vector<const CallExpr *> notifiesOf(const ValueDecl *Cv, ASTContext &Ctx,
                                         const Vocabulary &V) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<const CallExpr *> Found;
  auto InSystemHeader = [&](const Decl *D) {
    return !isa<TranslationUnitDecl>(D) &&
           SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  };
  WalkOptions O;
  O.SkipDecl = InSystemHeader;
  forEachStmtInUnit(
      Ctx,
      [&](const Stmt *S) {
        if (const auto *C = dyn_cast<CallExpr>(S); C && isNotifyOf(C, Cv, V))
          Found.push_back(C);
        return true;
      },
      O);
  return Found;
}

bool hasPredicateOverload(const CvWait &Wait) {
  if (Wait.CFunction)
    return false;
  const auto *MD = cast<CXXMemberCallExpr>(Wait.Call)->getMethodDecl();
  const CXXRecordDecl *RD = MD->getParent();
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    RD = S->getSpecializedTemplate()->getTemplatedDecl();
  if (!RD->hasDefinition())
    return false;
  unsigned Want = Wait.Call->getNumArgs() + 1;
  for (const Decl *D : RD->getDefinition()->decls()) {
    const FunctionDecl *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      FD = FT->getTemplatedDecl();
    if (FD && FD->getDeclName().isIdentifier() &&
        FD->getName() == MD->getName() && FD->getNumParams() == Want)
      return true;
  }
  return false;
}

} // namespace pitfix
