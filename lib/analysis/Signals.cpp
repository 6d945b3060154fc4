//===- Signals.cpp --------------------------------------------------------===//
#include "analysis/Signals.h"

#include "analysis/Locks.h"
#include "analysis/Spawns.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

const CXXMemberCallExpr *signalCall(const Stmt *S, const Vocabulary &V) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  const auto *Call = dyn_cast<CXXMemberCallExpr>(stripImplicit(E));
  if (!Call)
    return nullptr;
  const CXXMethodDecl *MD = Call->getMethodDecl();
  if (!MD || !V.list(VocabList::SignalMethods).contains(MD))
    return nullptr;
  const CXXRecordDecl *RD = MD->getParent();
  const CXXRecordDecl *Templ = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Templ = Spec->getSpecializedTemplate()->getTemplatedDecl();
  const NameList &Classes = V.list(VocabList::SignalClasses);
  if (!Classes.contains(RD) && !Classes.contains(Templ))
    return nullptr;
  return Call;
}

std::string signalKey(const CXXMemberCallExpr *Call) {
  // mutexKey() names the object the same way for any variable or member.
  std::string Obj = mutexKey(Call->getImplicitObjectArgument());
  if (Obj.empty())
    return "";
  return Obj + "." + Call->getMethodDecl()->getNameAsString();
}

} // namespace pitfix
