//===- AtomicConversion.cpp -----------------------------------------------===//
#include "actions/AtomicConversion.h"

#include "analysis/AstWalk.h"
#include "analysis/SharedAccess.h"
#include "analysis/SourceText.h"
#include "analysis/UnitCache.h"
#include "toolkit/IncludeInsertion.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/DenseMap.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Every reference to one declaration in a statement or the whole unit,
/// implicit code included, and a lambda capture of it by copy.
struct References {
  std::vector<const Expr *> Refs;
  SourceLocation CopyCapture;
};

/// The walker callback that adds each reference (and lambda capture by
/// copy) to the References that \p Of gives for its declaration (nullptr:
/// not collected).
auto collectReferences(function_ref<References *(const ValueDecl *)> Of) {
  return [Of](const Stmt *S) {
    if (const auto *E = dyn_cast<DeclRefExpr>(S))
      if (References *R = Of(E->getDecl()))
        R->Refs.push_back(E);
    if (const auto *E = dyn_cast<MemberExpr>(S))
      if (References *R = Of(E->getMemberDecl()))
        R->Refs.push_back(E);
    if (const auto *L = dyn_cast<LambdaExpr>(S))
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByCopy)
          if (References *R = Of(C.getCapturedVar()))
            R->CopyCapture = C.getLocation();
    return true;
  };
}

WalkOptions withImplicitCode() {
  WalkOptions O;
  O.ImplicitCode = true;
  return O;
}

/// The references of a unit to every declaration, collected in one walk:
/// planAtomic() is asked once per variable to convert, and a walk of the
/// unit for each made the pass quadratic in the size of the unit.
class UnitReferences {
public:
  explicit UnitReferences(ASTContext &Ctx) {
    forEachStmtInUnit(
        Ctx, collectReferences([&](const ValueDecl *D) { return &ByDecl[D]; }),
        withImplicitCode());
  }
  const References &of(const ValueDecl *D) const {
    static const References None;
    auto It = ByDecl.find(D);
    return It == ByDecl.end() ? None : It->second;
  }

private:
  DenseMap<const ValueDecl *, References> ByDecl;
};

/// Does \p E mention \p D?
bool mentions(const Stmt *E, const ValueDecl *D) {
  References R;
  forEachStmt(E, collectReferences([&](const ValueDecl *X) {
                return X == D ? &R : nullptr;
              }),
              withImplicitCode());
  return !R.Refs.empty();
}

/// The tokens of \p Text, spelled.
std::vector<std::string> tokensOf(StringRef Text, const LangOptions &LO) {
  std::vector<std::string> Out;
  forEachRawToken(Text, LO, [&](const Token &Tok) {
    if (Tok.is(tok::raw_identifier))
      Out.push_back(Tok.getRawIdentifier().str());
    else
      Out.push_back(
          Text.substr(Tok.getLocation().getRawEncoding(), Tok.getLength())
              .str());
    return true;
  });
  return Out;
}

bool isStorageWord(StringRef S) {
  return S == "static" || S == "extern" || S == "inline" || S == "mutable";
}

bool isDeducedType(QualType T) {
  return !T.isNull() && T->getContainedDeducedType();
}

/// Does the use of an rvalue of the scalar at \p Cast convert it to a type
/// that is known where it stands (so that `operator T()` applies)?
bool convertsInPlace(const Expr *Cast, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*Cast);
  if (Parents.empty())
    return false;
  if (const auto *VD = Parents[0].get<VarDecl>())
    return !isDeducedType(VD->getType()) && !VD->getType()->isReferenceType();
  const Stmt *P = Parents[0].get<Stmt>();
  while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
    Parents = Ctx.getParents(*P);
    P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  if (!P)
    return false;
  if (isa<BinaryOperator>(P) || isa<ConditionalOperator>(P) ||
      isa<ExplicitCastExpr>(P) || isa<IfStmt>(P) || isa<WhileStmt>(P) ||
      isa<DoStmt>(P) || isa<ForStmt>(P) || isa<SwitchStmt>(P) ||
      isa<ArraySubscriptExpr>(P))
    return true;
  if (const auto *U = dyn_cast<UnaryOperator>(P))
    return U->getOpcode() != UO_AddrOf && !U->isIncrementDecrementOp();
  if (isa<ReturnStmt>(P)) {
    Parents = Ctx.getParents(*P);
    for (DynTypedNode N = Parents.empty() ? DynTypedNode() : Parents[0];
         !N.getNodeKind().isNone();) {
      if (const auto *FD = N.get<FunctionDecl>())
        return !isDeducedType(FD->getReturnType());
      if (N.get<LambdaExpr>())
        return false;
      DynTypedNodeList PP = Ctx.getParents(N);
      if (PP.empty())
        break;
      N = PP[0];
    }
    return false;
  }
  if (const auto *C = dyn_cast<CallExpr>(P)) {
    const FunctionDecl *FD = C->getDirectCallee();
    if (!FD || FD->getPrimaryTemplate() || FD->isVariadic() ||
        FD->getTemplatedKind() == FunctionDecl::TK_DependentNonTemplate)
      return false;
    unsigned Shift =
        isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      if (C->getArg(I)->IgnoreParenImpCasts() != Cast->IgnoreParenImpCasts())
        continue;
      if (I < Shift || I - Shift >= FD->getNumParams())
        return false;
      QualType PT = FD->getParamDecl(I - Shift)->getType();
      return !PT->isReferenceType() && PT->isScalarType();
    }
  }
  return false;
}

} // namespace

bool planDependsOnSystemBodies(const DeclaratorDecl *D) {
  return isa<FieldDecl>(D);
}

RefusalOr<AtomicPlan> planAtomic(const DeclaratorDecl *D, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  auto Refuse = [](const Twine &Why, SourceLocation Loc) {
    return Refusal(Why, Loc);
  };
  QualType T = D->getType();
  const auto *BT = dyn_cast<BuiltinType>(T.getCanonicalType().getTypePtr());
  if (!BT || !BT->isInteger())
    return Refuse("'" + D->getName() + "' is not an integer or bool",
                  D->getLocation());
  bool IsBool = BT->getKind() == BuiltinType::Bool;
  if (D->getLocation().isMacroID() || D->getBeginLoc().isMacroID())
    return Refuse("the declaration of '" + D->getName() +
                      "' is inside a macro expansion",
                  D->getLocation());
  if (SM.getFileID(D->getLocation()) != SM.getMainFileID())
    return Refuse(
        "'" + D->getName() +
            "' is declared in a header; its uses in other translation "
            "units cannot be checked here",
        D->getLocation());
  if (D->getPreviousDecl() || D->getMostRecentDecl() != D)
    return Refuse("'" + D->getName() + "' is declared more than once",
                  D->getLocation());
  // `int a = 0, b = 0;`: the type is shared with the other declarators.
  if (const DeclContext *DC = D->getDeclContext())
    for (const Decl *O : DC->decls())
      if (O != D && isa<DeclaratorDecl>(O) &&
          O->getBeginLoc() == D->getBeginLoc())
        return Refuse("'" + D->getName() +
                          "' is declared together with other names",
                      D->getLocation());
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (isDeducedType(VD->getTypeSourceInfo()->getType()))
      return Refuse("the type of '" + D->getName() + "' is deduced",
                    D->getLocation());
    DynTypedNodeList Parents = Ctx.getParents(*VD);
    if (const auto *DS = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>())
      if (!DS->isSingleDecl())
        return Refuse("'" + D->getName() +
                          "' is declared together with other names",
                      D->getLocation());
  }
  // The type as written: the tokens between the declaration's start and its
  // name, without storage classes and `volatile`.
  std::string Before = sourceText(
      CharSourceRange::getCharRange(D->getBeginLoc(), D->getLocation()), SM,
      LO);
  std::string TypeText;
  for (const std::string &Spell : tokensOf(Before, LO)) {
    if (Spell == "*" || Spell == "&" || Spell == "&&" || Spell == "[" ||
        Spell == "(" || Spell == "const" || Spell == "constexpr" ||
        Spell == "thread_local" || Spell == "auto")
      return Refuse("the declaration of '" + D->getName() +
                        "' is not a plain scalar declaration",
                    D->getLocation());
    if (Spell == "volatile" || isStorageWord(Spell))
      continue;
    if (!TypeText.empty() && !StringRef(TypeText).ends_with("::") &&
        Spell != "::")
      TypeText += " ";
    TypeText += Spell;
  }
  if (TypeText.empty())
    return Refuse("the type of '" + D->getName() + "' cannot be read",
                  D->getLocation());

  if (const auto *FD = dyn_cast<FieldDecl>(D)) {
    const CXXRecordDecl *RD = dyn_cast<CXXRecordDecl>(FD->getParent());
    if (!RD || RD->isUnion())
      return Refuse("'" + D->getName() + "' is a member of a union",
                    D->getLocation());
    for (const CXXMethodDecl *M : RD->methods())
      if (M->isImplicit() && M->isUsed() &&
          (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator() ||
           (isa<CXXConstructorDecl>(M) &&
            cast<CXXConstructorDecl>(M)->isCopyOrMoveConstructor())))
        return Refuse(
            "objects of '" + RD->getName() +
                "' are copied or moved, which std::atomic members forbid",
            M->getLocation().isValid() ? M->getLocation() : RD->getLocation());
  }

  std::optional<IncludeEdit> Include = includeEdit(
      Ctx, SM.getFileID(SM.getExpansionLoc(D->getLocation())), {"<atomic>"});
  if (Include && Include->Why)
    return Refuse(Include->Why.Reason, D->getLocation());

  AtomicPlan P;
  P.Decl = D;
  P.TypeText = TypeText;
  P.Include = Include;
  const References &RC = perUnit<UnitReferences>(Ctx).of(D);
  if (RC.CopyCapture.isValid())
    return Refuse("a lambda captures '" + D->getName() +
                      "' by copy, and a std::atomic cannot be copied",
                  RC.CopyCapture);
  for (const Expr *Ref : RC.Refs) {
    SourceLocation Loc = Ref->getBeginLoc();
    DynTypedNodeList Parents = Ctx.getParents(*Ref);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    while (const auto *PE = dyn_cast_or_null<ParenExpr>(Parent)) {
      Parents = Ctx.getParents(*PE);
      Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    }
    if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(Parent);
        IC && IC->getCastKind() == CK_LValueToRValue) {
      if (convertsInPlace(IC, Ctx))
        continue;
      // Read it explicitly: `printf("%ld", n.load())`, `auto v = n.load();`.
      SourceLocation End = Ref->getEndLoc();
      if (End.isMacroID() && !SM.isMacroArgExpansion(End))
        return Refuse("'" + D->getName() +
                          "' is read here, in a macro, where std::atomic "
                          "would not convert to its value",
                      Loc);
      P.Loads.push_back(Ref);
      continue;
    }
    // The reference a by-reference capture holds.
    if (!Parents.empty() && Parents[0].get<LambdaExpr>())
      continue;
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(Parent)) {
      if (U->isIncrementDecrementOp() && !IsBool)
        continue;
      if (U->getOpcode() == UO_AddrOf)
        return Refuse("the address of '" + D->getName() + "' is taken", Loc);
    }
    if (const auto *CA = dyn_cast_or_null<CompoundAssignOperator>(Parent)) {
      BinaryOperatorKind K = CA->getOpcode();
      if (CA->getLHS()->IgnoreParens() == Ref && !IsBool &&
          (K == BO_AddAssign || K == BO_SubAssign || K == BO_AndAssign ||
           K == BO_OrAssign || K == BO_XorAssign)) {
        if (mentions(CA->getRHS(), D))
          return Refuse("'" + sourceText(CA->getSourceRange(), SM, LO) +
                            "' reads and writes '" + D->getName() +
                            "' in two steps",
                        Loc);
        continue;
      }
      return Refuse("std::atomic has no '" + CA->getOpcodeStr() + "'", Loc);
    }
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
        BO && BO->getOpcode() == BO_Assign &&
        BO->getLHS()->IgnoreParens() == Ref) {
      if (!mentions(BO->getRHS(), D))
        continue;
      // `x = x + k;` as a statement of its own becomes `x += k;`.
      const auto *Sum = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParens());
      bool SelfUpdate =
          !IsBool && Sum &&
          (Sum->getOpcode() == BO_Add || Sum->getOpcode() == BO_Sub) &&
          isa<DeclRefExpr, MemberExpr>(Sum->getLHS()->IgnoreParenImpCasts()) &&
          sourceText(Sum->getLHS()->IgnoreParenImpCasts()->getSourceRange(), SM,
                     LO) ==
              sourceText(BO->getLHS()->getSourceRange(), SM, LO) &&
          !mentions(Sum->getRHS(), D);
      DynTypedNodeList BP = Ctx.getParents(*BO);
      bool Alone = !BP.empty() && BP[0].get<CompoundStmt>();
      if (SelfUpdate && Alone) {
        P.SelfUpdates.push_back(BO);
        continue;
      }
      return Refuse("'" + sourceText(BO->getSourceRange(), SM, LO) +
                        "' reads and writes '" + D->getName() +
                        "' in two steps; std::atomic would not make it one",
                    Loc);
    }
    return Refuse("'" + D->getName() +
                      "' is used here in a way std::atomic does "
                      "not support",
                  Loc);
  }
  return P;
}

void applyAtomic(const AtomicPlan &P, SourceChanges &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const DeclaratorDecl *D = P.Decl;
  // Keep the storage class words in front of the type.
  std::string Before = sourceText(
      CharSourceRange::getCharRange(D->getBeginLoc(), D->getLocation()), SM,
      LO);
  std::string Keep;
  for (const std::string &Spell : tokensOf(Before, LO))
    if (isStorageWord(Spell))
      Keep += Spell + " ";
  F.replace(CharSourceRange::getCharRange(D->getBeginLoc(), D->getLocation()),
            Keep + "std::atomic<" + P.TypeText + "> ");
  const Expr *Init = nullptr;
  bool CopyInit = false;
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    Init = VD->getInit();
    CopyInit = Init && VD->getInitStyle() == VarDecl::CInit;
  } else if (const auto *FD = dyn_cast<FieldDecl>(D)) {
    Init = FD->getInClassInitializer();
    CopyInit = Init && FD->getInClassInitStyle() == ICIS_CopyInit;
  }
  if (Init && CopyInit) {
    SourceLocation NameEnd = endOfToken(D->getLocation(), SM, LO);
    F.replace(CharSourceRange::getCharRange(NameEnd, Init->getBeginLoc()), "{");
    F.insert(endOfToken(Init->getEndLoc(), SM, LO), "}");
  }
  for (const BinaryOperator *BO : P.SelfUpdates) {
    const auto *Sum = cast<BinaryOperator>(BO->getRHS()->IgnoreParens());
    std::string Target = sourceText(BO->getLHS()->getSourceRange(), SM, LO);
    std::string Step = sourceText(Sum->getRHS()->getSourceRange(), SM, LO);
    std::string Text;
    if (Step == "1")
      Text = (Sum->getOpcode() == BO_Add ? "++" : "--") + Target;
    else
      Text = Target + (Sum->getOpcode() == BO_Add ? " += " : " -= ") + Step;
    F.replace(CharSourceRange::getTokenRange(BO->getSourceRange()), Text);
  }
  for (const Expr *Ref : P.Loads)
    F.insert(endOfToken(SM.getFileLoc(Ref->getEndLoc()), SM, LO), ".load()");
  if (P.Include)
    F.insert(P.Include->Loc, P.Include->Text);
}

} // namespace pitfix
