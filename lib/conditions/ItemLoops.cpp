//===- ItemLoops.cpp ------------------------------------------------------===//
#include "conditions/ItemLoops.h"

#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"
#include "analysis/SpawnWaits.h"
#include "analysis/Spawns.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The class behind \p T (through references and pointers to it), or null.
const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<clang::PointerType>())
    T = PT->getPointeeType();
  return T->getAsCXXRecordDecl();
}

/// Is \p RD (or a base of it) the class template std::<Name>?
bool isStdClass(const CXXRecordDecl *RD, StringRef Name) {
  if (!RD)
    return false;
  if (RD->isInStdNamespace() && RD->getIdentifier() && RD->getName() == Name)
    return true;
  if (!RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (isStdClass(B.getType()->getAsCXXRecordDecl(), Name))
      return true;
  return false;
}

/// Is \p E `>>` reading from an input stream over something other than
/// memory (a file, a socket, the terminal)?
bool isStreamRead(const Expr *E, const Vocabulary &V) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
  if (!Op || Op->getOperator() != OO_GreaterGreater || Op->getNumArgs() != 2)
    return false;
  const CXXRecordDecl *RD =
      classOf(Op->getArg(0)->IgnoreParenImpCasts()->getType());
  return isStdClass(RD, "basic_istream") &&
         !V.list(VocabList::MemoryStreamClasses).contains(RD);
}

const CallExpr *findSourceCall(const Stmt *S, const NameList &Calls,
                               bool StreamReads, const Vocabulary &V,
                               SourceLocation Before, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CallExpr *Found = nullptr;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      S,
      [&](const Stmt *X) {
        const auto *C = dyn_cast<CallExpr>(X);
        if (!C || (Before.isValid() &&
                   !SM.isBeforeInTranslationUnit(C->getBeginLoc(), Before)))
          return true;
        const FunctionDecl *FD = C->getDirectCallee();
        if ((FD && Calls.contains(FD)) || (StreamReads && isStreamRead(C, V)))
          Found = C;
        return !Found;
      },
      O);
  return Found;
}

/// Is the loop condition missing or a constant true (a loop that only its
/// body ends)?
bool runsUntilBodyEnds(const Stmt *Loop, ASTContext &Ctx) {
  if (isa<CXXForRangeStmt>(Loop))
    return false;
  const Expr *Cond = loopCondition(Loop);
  if (!Cond)
    return true;
  if (Cond->isValueDependent())
    return false;
  bool Result = false;
  return Cond->EvaluateAsBooleanCondition(Result, Ctx) && Result;
}

/// The name of the callee of \p C, for messages.
std::string calleeName(const CallExpr *C) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
      Op && Op->getOperator() == OO_GreaterGreater)
    return "operator>>";
  const FunctionDecl *FD = C->getDirectCallee();
  return FD ? FD->getQualifiedNameAsString() : std::string("?");
}

/// The declaration a container expression names: a variable, a parameter
/// or a member (of `this` or another object).
const ValueDecl *containerDecl(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

/// The object of a `size()`/`length()`/`end()` call in \p E (implicit
/// conversions stripped), or nullptr.
const Expr *objectOfCall(const Expr *E, ArrayRef<StringRef> Names) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(
      E ? E->IgnoreParenImpCasts() : nullptr);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || !is_contained(Names, MD->getName()))
    return nullptr;
  return MC->getImplicitObjectArgument();
}

/// The container that bounds a classic `for` loop: `i < c.size()`,
/// `c.size() > i`, `it != c.end()`.
const Expr *boundingContainer(const ForStmt *F) {
  const Expr *Cond =
      F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr;
  // C++20 spells `a != b` of a class with only == as a rewritten operator.
  if (const auto *RW = dyn_cast_or_null<CXXRewrittenBinaryOperator>(Cond))
    Cond = RW->getSemanticForm()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot)
    Cond = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *B = dyn_cast_or_null<BinaryOperator>(Cond);
  const Expr *L = nullptr, *R = nullptr;
  if (B && B->isComparisonOp()) {
    L = B->getLHS();
    R = B->getRHS();
  } else if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Cond);
             Op && Op->isComparisonOp() && Op->getNumArgs() == 2) {
    L = Op->getArg(0);
    R = Op->getArg(1);
  }
  if (!L)
    return nullptr;
  static const StringRef Names[] = {"size", "length", "end", "cend"};
  if (const Expr *C = objectOfCall(R, Names))
    return C;
  return objectOfCall(L, Names);
}

/// Is the use \p DRE of a local a read (a const method, a subscript, the
/// range of a range-for)? When every use is, the list the local was
/// initialised with is all it ever holds.
bool isReadOnlyUse(const DeclRefExpr *DRE, ASTContext &Ctx) {
  DynTypedNodeList P = Ctx.getParents(*DRE);
  const Stmt *Up = P.empty() ? nullptr : P[0].get<Stmt>();
  while (Up && isa<ImplicitCastExpr, ParenExpr>(Up)) {
    P = Ctx.getParents(*Up);
    Up = P.empty() ? nullptr : P[0].get<Stmt>();
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(Up)) {
    const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    return MD && MD->isConst();
  }
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Up))
    return Op->getOperator() == OO_Subscript;
  if (P.size() && P[0].get<VarDecl>()) {
    // `auto &&__range = v` of a range-for, or a copy into another
    // variable: the copy is checked where it is used.
    const auto *Into = P[0].get<VarDecl>();
    return Into->isImplicit() || !Into->getType()->isReferenceType() ||
           Into->getType().getNonReferenceType().isConstQualified();
  }
  return false;
}

/// Is \p E a fixed list of elements: a braced list, or a constructor taking
/// only literals and braced lists (`std::vector<int> v(4, 0)`)?
bool isFixedInit(const Expr *E) {
  if (!E)
    return false;
  E = stripImplicit(E);
  if (isa<InitListExpr, CXXStdInitializerListExpr>(E))
    return true;
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    if (C->getNumArgs() == 0 || C->isListInitialization())
      return C->isListInitialization();
    for (const Expr *A : C->arguments()) {
      const Expr *X = stripImplicit(A);
      if (!isa<IntegerLiteral, CXXStdInitializerListExpr, InitListExpr,
               clang::StringLiteral, CXXDefaultArgExpr>(X))
        return false;
    }
    return true;
  }
  return false;
}

/// Does \p S name (outside lambdas) a variable, member or function whose
/// name reads like a worker count?
bool mentionsWorkerCount(const Stmt *S, const Vocabulary &V) {
  WalkOptions O;
  O.Lambdas = false;
  return !forEachStmt(
      S,
      [&](const Stmt *X) {
        const NamedDecl *D = nullptr;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
          D = DRE->getDecl();
        else if (const auto *ME = dyn_cast<MemberExpr>(X))
          D = ME->getMemberDecl();
        return !D || !D->getIdentifier() || !namesWorkerCount(D->getName(), V);
      },
      O);
}

/// Is the local container \p Var sized by a worker count: initialised from
/// an expression that names one (`split(data, nthreads)`, `parts(jobs)`),
/// or filled or resized in a loop or call that names one?
/// Is the use \p DRE of a container in a call or loop that names a worker
/// count (see sizedByWorkers)?
bool useSizedByWorkers(const Expr *DRE, ASTContext &Ctx, const Vocabulary &V) {
  // The statement that uses the container, and the loops around it.
  DynTypedNode N = DynTypedNode::create(*DRE);
  for (int Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList P = Ctx.getParents(N);
    if (P.empty() || P[0].get<FunctionDecl>() || P[0].get<LambdaExpr>())
      return false;
    if (const auto *Call = P[0].get<CXXMemberCallExpr>();
        Call && Call->getImplicitObjectArgument()->IgnoreParenImpCasts() == DRE)
      for (const Expr *A : Call->arguments())
        if (mentionsWorkerCount(A, V))
          return true;
    if (const auto *F = P[0].get<ForStmt>();
        F && mentionsWorkerCount(F->getCond(), V))
      return true;
    if (const auto *W = P[0].get<WhileStmt>();
        W && mentionsWorkerCount(W->getCond(), V))
      return true;
    N = P[0];
  }
  return false;
}

/// Does the element type of the container class \p RD hold threads,
/// futures or workers (a container whose size is a worker count)?
bool holdsWorkers(const CXXRecordDecl *RD, const Vocabulary &V) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!S || S->getTemplateArgs().size() == 0 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  QualType T = S->getTemplateArgs()[0].getAsType();
  // Through smart pointers and pointers to the element.
  for (int Depth = 0; Depth < 3; ++Depth) {
    if (const auto *PT = T->getAs<clang::PointerType>()) {
      T = PT->getPointeeType();
      continue;
    }
    const auto *E = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (E && E->isInStdNamespace() && E->getIdentifier() &&
        (E->getName() == "unique_ptr" || E->getName() == "shared_ptr") &&
        E->getTemplateArgs().size() &&
        E->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
      T = E->getTemplateArgs()[0].getAsType();
      continue;
    }
    break;
  }
  const CXXRecordDecl *Elem = T->getAsCXXRecordDecl();
  if (!Elem || !Elem->getIdentifier())
    return false;
  StringRef N = Elem->getName();
  return V.list(VocabList::SpawnClasses).contains(Elem) ||
         N.contains_insensitive("future") || N.contains_insensitive("thread") ||
         N.contains_insensitive("worker");
}

/// Is \p E a constant: a literal, an enumerator, a constexpr or const
/// variable with a constant initialiser, or a braced list of those?
bool isConstantValue(const Expr *E, ASTContext &Ctx) {
  E = stripImplicit(E);
  if (isa<IntegerLiteral, FloatingLiteral, CharacterLiteral,
          clang::StringLiteral, CXXBoolLiteralExpr, CXXNullPtrLiteralExpr,
          CXXDefaultArgExpr>(E))
    return true;
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return llvm::all_of(IL->inits(),
                        [&](const Expr *I) { return isConstantValue(I, Ctx); });
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return llvm::all_of(C->arguments(),
                        [&](const Expr *A) { return isConstantValue(A, Ctx); });
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(D->getDecl()))
      return true;
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      return (V->isConstexpr() || V->getType().isConstQualified()) &&
             V->getInit() && !V->getInit()->isValueDependent() &&
             V->getInit()->isConstantInitializer(Ctx, false);
  }
  return false;
}

/// Does the use \p DRE add a constant element to the container it names
/// (`names.push_back("a")`), outside any loop of the function?
bool isConstantFill(const DeclRefExpr *DRE, ASTContext &Ctx) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(valueUser(DRE, Ctx));
  const auto *MD = ME ? dyn_cast<CXXMethodDecl>(ME->getMemberDecl()) : nullptr;
  if (!MD || !MD->getIdentifier() ||
      !is_contained(ArrayRef<StringRef>{"push_back", "emplace_back", "insert",
                                        "emplace", "push_front",
                                        "emplace_front", "reserve"},
                    MD->getName()))
    return false;
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(valueUser(ME, Ctx));
  if (!Call || innermostLoop(Call, Ctx))
    return false;
  return llvm::all_of(Call->arguments(),
                      [&](const Expr *A) { return isConstantValue(A, Ctx); });
}

/// Is the member container \p Field sized by a worker count in its class:
/// initialised from one in a constructor (`queues_(num_threads)`), or
/// resized or filled by a call or loop that names one?
bool memberSizedByWorkers(const FieldDecl *Field, const Vocabulary &V,
                          ASTContext &Ctx) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXMethodDecl *M : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!M->hasBody(Def) || !Def)
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *I : Ctor->inits())
        if (I->getMember() == Field && I->isWritten() &&
            mentionsWorkerCount(I->getInit(), V))
          return true;
    bool Found = false;
    forEachStmt(Def->getBody(), [&](const Stmt *S) {
      const auto *ME = dyn_cast<MemberExpr>(S);
      if (ME && ME->getMemberDecl() == Field && useSizedByWorkers(ME, Ctx, V))
        Found = true;
      return !Found;
    });
    if (Found)
      return true;
  }
  return false;
}

/// Does the program bound the size of the container \p E (or not follow it:
/// a temporary, a call)?
bool boundedContainer(const Expr *E, const Stmt *Loop, ASTContext &Ctx,
                      const Vocabulary &V) {
  E = E->IgnoreParenImpCasts();
  if (isa<InitListExpr, CXXStdInitializerListExpr>(stripImplicit(E)))
    return true;
  QualType T = E->getType().getNonReferenceType();
  if (T->isConstantArrayType())
    return true;
  const CXXRecordDecl *RD = classOf(T);
  if (isStdClass(RD, "array") || isStdClass(RD, "initializer_list") ||
      isStdClass(RD, "bitset"))
    return true;
  const ValueDecl *D = containerDecl(E);
  if (!D)
    return true; // a temporary or a call: not followed
  if (D->getIdentifier() && namesWorkerCount(D->getName(), V))
    return true;
  if (holdsWorkers(RD, V))
    return true;
  if (const auto *Field = dyn_cast<FieldDecl>(D);
      Field && memberSizedByWorkers(Field, V, Ctx))
    return true;
  if (D->getIdentifier() && V.list(VocabList::WorkerPartitionNames)
                                .containsQualified(D->getName().lower()))
    return true;
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var->getType()->isReferenceType())
    return false;
  const FunctionDecl *Fn = enclosingFunction(Loop, Ctx);
  if (!Fn || !Fn->getBody())
    return false;
  auto EachUse = [&](auto Check) {
    return forEachStmt(Fn->getBody(), [&](const Stmt *S) {
      const auto *DRE = dyn_cast<DeclRefExpr>(S);
      return !DRE || DRE->getDecl() != Var || Check(DRE);
    });
  };
  if (isFixedInit(Var->getInit()) &&
      EachUse([&](const DeclRefExpr *U) { return isReadOnlyUse(U, Ctx); }))
    return true;
  // Declared empty and filled with constants only: a fixed list too.
  const Expr *Init = Var->getInit() ? stripImplicit(Var->getInit()) : nullptr;
  const auto *Ctor = dyn_cast_or_null<CXXConstructExpr>(Init);
  if ((!Init || (Ctor && Ctor->getNumArgs() == 0)) &&
      EachUse([&](const DeclRefExpr *U) {
        return isReadOnlyUse(U, Ctx) || isConstantFill(U, Ctx);
      }))
    return true;
  if (mentionsWorkerCount(Var->getInit(), V))
    return true;
  return !EachUse(
      [&](const DeclRefExpr *U) { return !useSizedByWorkers(U, Ctx, V); });
}

/// Does the body of \p Loop leave the loop (a break or a return, not one of
/// an inner loop) when a condition that names a worker count holds
/// (`if (threads.size() >= max_jobs) break;`)? A configuration value then
/// caps how many iterations start a thread.
bool cappedByWorkerCount(const Stmt *Loop, const Vocabulary &V) {
  auto InnerLoopOrSwitch = [](const Stmt *X) {
    return isLoop(X) || isa<SwitchStmt>(X);
  };
  auto Leaves = [&](const Stmt *S) {
    WalkOptions O;
    O.Lambdas = false;
    O.Skip = InnerLoopOrSwitch;
    return !forEachStmt(
        S, [](const Stmt *X) { return !isa<BreakStmt, ReturnStmt>(X); }, O);
  };
  auto InnerLoop = [](const Stmt *X) { return isLoop(X); };
  WalkOptions O;
  O.Lambdas = false;
  O.Skip = InnerLoop;
  bool Capped = false;
  forEachStmt(
      loopBody(Loop),
      [&](const Stmt *X) {
        if (const auto *If = dyn_cast<IfStmt>(X))
          Capped =
              mentionsWorkerCount(If->getCond(), V) && Leaves(If->getThen());
        return !Capped;
      },
      O);
  return Capped;
}

/// Does \p S contain \p Inner?
bool contains(const Stmt *S, const Stmt *Inner) {
  if (!S)
    return false;
  if (S == Inner)
    return true;
  for (const Stmt *C : S->children())
    if (contains(C, Inner))
      return true;
  return false;
}

/// Is there a wait or join in \p S outside the spawned work \p Spawn (and
/// outside any lambda that \p Spawn runs)?
bool waitsOutside(const Stmt *S, const Stmt *Spawn, ASTContext &Ctx) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (!contains(S, Spawn))
    return firstWaitAfter(SourceLocation(), S, Ctx) != nullptr;
  for (const Stmt *C : S->children())
    if (waitsOutside(C, Spawn, Ctx))
      return true;
  return false;
}

} // namespace

const Stmt *innermostLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*S);
  for (int Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList P = Ctx.getParents(N);
    if (P.empty())
      return nullptr;
    if (P[0].get<LambdaExpr>() || P[0].get<FunctionDecl>() ||
        P[0].get<BlockExpr>())
      return nullptr;
    if (const auto *Loop = P[0].get<Stmt>();
        Loop && isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(Loop)) {
      // Only a statement of the body runs once per iteration.
      if (N.get<Stmt>() == loopBody(Loop))
        return Loop;
    }
    N = P[0];
  }
  return nullptr;
}

bool namesWorkerCount(StringRef Name, const Vocabulary &V) {
  std::string Key;
  for (char C : Name)
    if (C != '_')
      Key += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return !Key.empty() &&
         V.list(VocabList::WorkerCountNames).containsQualified(Key);
}

std::optional<ItemLoop> itemLoop(const Stmt *Loop, const Stmt *At,
                                 ASTContext &Ctx, const Vocabulary &V) {
  if (cappedByWorkerCount(Loop, V))
    return std::nullopt;
  const NameList &Accepts = V.list(VocabList::ConnectionAcceptFunctions);
  const NameList &Reads = V.list(VocabList::ItemReadFunctions);
  const Expr *Cond = loopCondition(Loop);
  const Stmt *Init = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    Init = F->getInit();
  SourceLocation Before = At->getBeginLoc();
  bool BodyDecides = runsUntilBodyEnds(Loop, Ctx) ||
                     (isa<WhileStmt, DoStmt>(Loop) && Cond &&
                      !findSourceCall(Cond, Reads, true, V, {}, Ctx));
  // One connection per iteration: accept in the condition, or in the body
  // before the spawn.
  if (isa<ForStmt, WhileStmt, DoStmt>(Loop)) {
    const CallExpr *A = findSourceCall(Cond, Accepts, false, V, {}, Ctx);
    if (!A)
      A = findSourceCall(Init, Accepts, false, V, {}, Ctx);
    if (!A && BodyDecides)
      A = findSourceCall(loopBody(Loop), Accepts, false, V, Before, Ctx);
    if (A)
      return ItemLoop{Loop, loopBody(Loop), ItemKind::Connection, A,
                      "connection that '" + calleeName(A) + "' accepts"};
    // One line or request per iteration.
    const CallExpr *R = findSourceCall(Cond, Reads, true, V, {}, Ctx);
    if (!R && BodyDecides)
      R = findSourceCall(loopBody(Loop), Reads, true, V, Before, Ctx);
    if (R)
      return ItemLoop{Loop, loopBody(Loop), ItemKind::Read, R,
                      "item that '" + calleeName(R) + "' reads"};
  }
  // One element of a container per iteration.
  const Expr *Container = nullptr;
  if (const auto *RF = dyn_cast<CXXForRangeStmt>(Loop))
    Container = RF->getRangeInit();
  else if (const auto *F = dyn_cast<ForStmt>(Loop))
    Container = boundingContainer(F);
  if (!Container || boundedContainer(Container, Loop, Ctx, V))
    return std::nullopt;
  const ValueDecl *D = containerDecl(Container);
  return ItemLoop{Loop, loopBody(Loop), ItemKind::Element, Container,
                  "element of '" + D->getNameAsString() + "'"};
}

bool iterationWaits(const Stmt *Loop, const Stmt *Spawn, ASTContext &Ctx) {
  return waitsOutside(loopBody(Loop), Spawn, Ctx);
}

} // namespace pitfix
