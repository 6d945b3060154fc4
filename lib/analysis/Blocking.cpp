//===- Blocking.cpp -------------------------------------------------------===//
#include "analysis/Blocking.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// \p RD, or the class template it specialises.
static const CXXRecordDecl *primaryOf(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    return S->getSpecializedTemplate()->getTemplatedDecl();
  return RD;
}

/// Is \p T (through references and pointers) a class in \p List or derived
/// from one?
static bool isOrDerivesFrom(QualType T, const NameList &List) {
  if (T.isNull() || List.empty())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (List.contains(primaryOf(RD)))
    return true;
  if (!RD->hasDefinition())
    return false;
  bool Found = false;
  RD->getDefinition()->forallBases([&](const CXXRecordDecl *B) {
    Found = Found || List.contains(primaryOf(B));
    return true;
  });
  return Found;
}

/// Does \p E name one of the vocabulary's blocking stream objects (std::cin)?
static bool isBlockingStreamObject(const Expr *E, const Vocabulary &V) {
  E = E->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return V.names("blockingStreamObjects").contains(D->getDecl());
  return false;
}

/// A stream argument that blocks: a file stream or std::cin.
static bool isBlockingStream(const Expr *E, const Vocabulary &V) {
  return isOrDerivesFrom(E->IgnoreParenImpCasts()->getType(),
                         V.names("blockingStreamClasses")) ||
         isBlockingStreamObject(E, V);
}

/// Methods are listed with their class ("Client::fetch"); an entry without
/// "::" names free functions only (POSIX `read` is not every `x.read()`).
static bool listedMethod(const CXXMethodDecl *MD, const NameList &List) {
  for (const std::string &E : List.entries()) {
    if (StringRef(E).contains("::") || StringRef(E).starts_with("/")) {
      NameList One;
      One.add(E);
      if (One.contains(MD))
        return true;
    }
  }
  return false;
}

static std::string qualifiedName(const NamedDecl *D) {
  std::string Q;
  raw_string_ostream OS(Q);
  PrintingPolicy P(D->getASTContext().getLangOpts());
  P.SuppressInlineNamespace = true;
  P.SuppressUnwrittenScope = true;
  D->printQualifiedName(OS, P);
  return OS.str();
}

/// Is \p E the integer constant 0?
static bool isZeroConstant(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  E = E->IgnoreParenImpCasts();
  return !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
         R.Val.getInt() == 0;
}

/// An initializer of all zeros: `{}`, `{0, 0}`, `{0}`.
static bool isZeroInit(const Expr *Init, ASTContext &Ctx) {
  Init = Init->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    for (const Expr *E : IL->inits())
      if (!isa<ImplicitValueInitExpr>(E) && !isZeroInit(E, Ctx))
        return false;
    return true;
  }
  if (isa<CXXConstructExpr, ImplicitValueInitExpr>(Init))
    return isa<ImplicitValueInitExpr>(Init) ||
           cast<CXXConstructExpr>(Init)->getNumArgs() == 0;
  return isZeroConstant(Init, Ctx);
}

/// `&tv` where the local `tv` (a timeval or timespec) is zero wherever it
/// is set in its function: zero-initialized, and every assignment to it or
/// to a field of it is 0.
static bool pointsToZeroTime(const Expr *Arg, ASTContext &Ctx) {
  const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!U || U->getOpcode() != UO_AddrOf)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || VD->isStaticLocal())
    return false;
  if (VD->getInit() && !isZeroInit(VD->getInit(), Ctx))
    return false;
  const auto *Fn = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (!Fn || !Fn->getBody())
    return false;
  // Every mention must be `tv.f = 0`, or `&tv` handed to a call.
  bool Ok = true;
  forEachStmt(Fn->getBody(), [&](const Stmt *S) {
    if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (!B->isAssignmentOp())
        return true;
      const Expr *L = B->getLHS()->IgnoreParenImpCasts();
      if (const auto *M = dyn_cast<MemberExpr>(L))
        L = M->getBase()->IgnoreParenImpCasts();
      if (const auto *D = dyn_cast<DeclRefExpr>(L); D && D->getDecl() == VD)
        Ok = Ok && B->getOpcode() == BO_Assign && isZeroConstant(B->getRHS(), Ctx);
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      const Expr *Sub = U->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *M = dyn_cast<MemberExpr>(Sub))
        Sub = M->getBase()->IgnoreParenImpCasts();
      if (U->isIncrementDecrementOp())
        if (const auto *D = dyn_cast<DeclRefExpr>(Sub); D && D->getDecl() == VD)
          Ok = false;
    }
    return Ok;
  });
  return Ok;
}

/// A wait on file descriptors (`pollFunctions`) with a zero timeout only
/// looks and returns. The timeout is the timeval/timespec pointer argument,
/// or else the last int argument.
static bool pollsWithoutWaiting(const CallExpr *Call, const FunctionDecl *FD,
                                const Vocabulary &V) {
  if (!V.names("pollFunctions").contains(FD))
    return false;
  ASTContext &Ctx = FD->getASTContext();
  std::optional<unsigned> Timeout;
  for (unsigned I = 0; I < FD->getNumParams() && I < Call->getNumArgs(); ++I) {
    QualType T = FD->getParamDecl(I)->getType();
    if (T->isPointerType()) {
      const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
      if (RD && RD->getIdentifier() &&
          (RD->getName() == "timeval" || RD->getName() == "timespec")) {
        Timeout = I;
        break;
      }
    } else if (T->isIntegerType() && !T->isUnsignedIntegerType()) {
      Timeout = I;
    }
  }
  if (!Timeout)
    return false;
  const Expr *Arg = Call->getArg(*Timeout);
  if (Arg->getType()->isPointerType())
    return pointsToZeroTime(Arg, Ctx);
  return isZeroConstant(Arg, Ctx);
}

const FunctionDecl *calleeOf(const Expr *E) {
  if (const auto *C = dyn_cast<CallExpr>(E))
    return C->getDirectCallee();
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return C->getConstructor();
  return nullptr;
}

std::optional<std::string> directBlockingName(const Expr *E,
                                              const Vocabulary &V) {
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    // Opening a file: a file stream built from a name (not a default or a
    // moved-from stream).
    const CXXConstructorDecl *Ctor = C->getConstructor();
    if (!Ctor || Ctor->isCopyOrMoveConstructor() || C->getNumArgs() == 0 ||
        isa<CXXDefaultArgExpr>(C->getArg(0)))
      return std::nullopt;
    if (!isOrDerivesFrom(C->getType(), V.names("blockingStreamClasses")))
      return std::nullopt;
    PrintingPolicy P(Ctor->getASTContext().getLangOpts());
    P.SuppressScope = false;
    return C->getType().getUnqualifiedType().getAsString(P);
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || V.names("lockReleasingWaits").contains(FD))
    return std::nullopt;
  // Stream reads and writes: `in >> x`, `out << x` on a file stream.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    OverloadedOperatorKind K = Op->getOperator();
    if ((K == OO_LessLess || K == OO_GreaterGreater) && Op->getNumArgs() >= 1 &&
        isBlockingStream(Op->getArg(0), V))
      return "operator" + std::string(getOperatorSpelling(K));
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Obj = MC->getImplicitObjectArgument();
      if (Obj && !MD->isConst() && !isa<CXXDestructorDecl>(MD) &&
          isBlockingStream(Obj, V))
        return qualifiedName(MD);
    }
    if (listedMethod(MD, V.names("blockingFunctions")))
      return qualifiedName(MD);
    return std::nullopt;
  }
  if (!V.names("blockingFunctions").contains(FD) ||
      pollsWithoutWaiting(Call, FD, V))
    return std::nullopt;
  // std::getline on a string stream reads memory, not a file.
  for (const Expr *A : Call->arguments())
    if (isOrDerivesFrom(A->IgnoreParenImpCasts()->getType(),
                        V.names("memoryStreamClasses")))
      return std::nullopt;
  return qualifiedName(FD);
}

const FunctionDecl *analysableBody(const FunctionDecl *FD,
                                   const SourceManager &SM) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || !Def->getBody())
    return nullptr;
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return nullptr;
  return Def;
}

namespace {
/// Collects the outermost blocking calls of a statement.
class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  CallCollector(BlockingFinder &F, bool FirstOnly) : F(F), FirstOnly(FirstOnly) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    if (FirstOnly && !Found.empty())
      return false;
    if (const auto *E = dyn_cast<Expr>(S))
      if (isa<CallExpr, CXXConstructExpr>(E))
        if (std::optional<BlockingCall> B = F.blocking(E)) {
          // Arguments first: `use(read_file(p))` reports read_file.
          size_t Before = Found.size();
          RecursiveASTVisitor::TraverseStmt(S);
          if (Found.size() == Before)
            Found.push_back(std::move(*B));
          return !(FirstOnly && !Found.empty());
        }
    return RecursiveASTVisitor::TraverseStmt(S);
  }

  BlockingFinder &F;
  bool FirstOnly;
  std::vector<BlockingCall> Found;
};
} // namespace

std::vector<BlockingCall> BlockingFinder::callsIn(const Stmt *S) {
  CallCollector C(*this, /*FirstOnly=*/false);
  C.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(C.Found);
}

std::optional<BlockingCall> BlockingFinder::blocking(const Expr *E) {
  if (std::optional<std::string> Name = directBlockingName(E, V))
    return BlockingCall{E, *Name, {}};
  const FunctionDecl *FD = calleeOf(E);
  if (!FD || V.names("lockReleasingWaits").contains(FD))
    return std::nullopt;
  std::optional<BlockingCall> Inner = inFunction(FD);
  if (!Inner)
    return std::nullopt;
  // A flat path: the call inside FD, then the steps below it.
  BlockingCall B{E, qualifiedName(FD), {}};
  BlockingCall Step = *Inner;
  Step.Via.clear();
  B.Via.push_back(std::move(Step));
  B.Via.insert(B.Via.end(), Inner->Via.begin(), Inner->Via.end());
  return B;
}

std::optional<BlockingCall> BlockingFinder::inFunction(const FunctionDecl *FD) {
  const FunctionDecl *Def = analysableBody(FD, Ctx.getSourceManager());
  if (!Def)
    return std::nullopt;
  auto It = Memo.find(Def);
  if (It != Memo.end())
    return It->second;
  // Recursion: a cycle adds nothing that the other members do not find.
  if (!InProgress.insert(Def).second)
    return std::nullopt;
  CallCollector C(*this, /*FirstOnly=*/true);
  C.TraverseStmt(Def->getBody());
  InProgress.erase(Def);
  std::optional<BlockingCall> R;
  if (!C.Found.empty())
    R = C.Found.front();
  Memo[Def] = R;
  return R;
}

} // namespace pitfix
