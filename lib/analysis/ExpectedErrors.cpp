//===- ExpectedErrors.cpp -------------------------------------------------===//
#include "analysis/ExpectedErrors.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Does \p H catch one of the standard errors \p Errors by its class?
static bool catchesOne(const CXXCatchStmt *H, ArrayRef<StringRef> Errors) {
  QualType T = H->getCaughtType();
  if (T.isNull())
    return false; // catch (...)
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->isInStdNamespace() &&
         is_contained(Errors, RD->getName());
}

bool failureExpected(const Stmt *S, ArrayRef<StringRef> Errors,
                     ASTContext &Ctx) {
  DynTypedNode Child = DynTypedNode::create(*S);
  for (int Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList Ps = Ctx.getParents(Child);
    if (Ps.empty() || Ps[0].get<FunctionDecl>() || Ps[0].get<LambdaExpr>())
      return false;
    if (const auto *T = Ps[0].get<CXXTryStmt>();
        T && Child.get<Stmt>() == T->getTryBlock())
      for (unsigned I = 0; I < T->getNumHandlers(); ++I)
        if (catchesOne(T->getHandler(I), Errors))
          return true;
    Child = Ps[0];
  }
  return false;
}

} // namespace pitfix
