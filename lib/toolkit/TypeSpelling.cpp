//===- TypeSpelling.cpp ---------------------------------------------------===//
#include "toolkit/TypeSpelling.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/Type.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Strips `auto`, `decltype(...)` and `ns::` sugar: what the printer
/// qualifies itself.
static QualType withoutDeduction(QualType T) {
  for (;;) {
    const Type *P = T.getTypePtr();
    if (const auto *D = dyn_cast<DeducedType>(P)) {
      if (D->getDeducedType().isNull())
        return T;
      T = D->getDeducedType();
    } else if (const auto *DT = dyn_cast<DecltypeType>(P)) {
      if (DT->isDependentType())
        return T;
      T = DT->getUnderlyingType();
    } else if (const auto *E = dyn_cast<ElaboratedType>(P)) {
      T = E->getNamedType();
    } else {
      return T;
    }
  }
}

std::string spelledType(QualType T, ASTContext &Ctx) {
  T = withoutDeduction(T.getNonReferenceType()).getUnqualifiedType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda() || !RD->getIdentifier())
      return "";
    // A class local to a function cannot be named from every place.
    for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
      if (DC->isFunctionOrMethod())
        return "";
  }
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressUnwrittenScope = true;
  std::string S = TypeName::getFullyQualifiedName(T, Ctx, Policy);
  if (S.empty() || StringRef(S).contains("(anonymous") ||
      StringRef(S).contains("(lambda") || StringRef(S).contains("(unnamed"))
    return "";
  return S;
}

} // namespace pitfix
