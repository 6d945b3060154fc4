//===- Blocking.cpp -------------------------------------------------------===//
#include "analysis/Blocking.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/ZeroTimeouts.h"

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
    return V.list(VocabList::BlockingStreamObjects).contains(D->getDecl());
  return false;
}

/// A stream argument that blocks: a file stream or std::cin.
static bool isBlockingStream(const Expr *E, const Vocabulary &V) {
  return isOrDerivesFrom(E->IgnoreParenImpCasts()->getType(),
                         V.list(VocabList::BlockingStreamClasses)) ||
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

bool writesToConsole(const CallExpr *Call, const Vocabulary &V) {
  const NameList &Console = V.list(VocabList::ConsoleStreams);
  for (const Expr *A : Call->arguments())
    if (const auto *D = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
      if (Console.contains(D->getDecl()))
        return true;
  return false;
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
    if (!isOrDerivesFrom(C->getType(),
                         V.list(VocabList::BlockingStreamClasses)))
      return std::nullopt;
    PrintingPolicy P(Ctor->getASTContext().getLangOpts());
    P.SuppressScope = false;
    return C->getType().getUnqualifiedType().getAsString(P);
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || V.list(VocabList::LockReleasingWaits).contains(FD))
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
    if (listedMethod(MD, V.list(VocabList::BlockingFunctions)))
      return qualifiedName(MD);
    return std::nullopt;
  }
  if (!V.list(VocabList::BlockingFunctions).contains(FD) ||
      pollsWithoutWaiting(Call, FD, V) || writesToConsole(Call, V))
    return std::nullopt;
  // std::getline on a string stream reads memory, not a file.
  for (const Expr *A : Call->arguments())
    if (isOrDerivesFrom(A->IgnoreParenImpCasts()->getType(),
                        V.list(VocabList::MemoryStreamClasses)))
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
  if (!FD || V.list(VocabList::LockReleasingWaits).contains(FD))
    return std::nullopt;
  std::optional<BlockingCall> Inner = inFunction(FD);
  if (!Inner)
    return std::nullopt;
  // `select_read(sock, 0, 0)`: a helper that waits only as long as its
  // caller asks.
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    ZeroVars Zero = zeroParameters(Call, FD, {});
    if (!Zero.empty() && waitsOnlyZero(FD, Zero, 0))
      return std::nullopt;
  }
  // A flat path: the call inside FD, then the steps below it.
  BlockingCall B{E, qualifiedName(FD), {}};
  BlockingCall Step = *Inner;
  Step.Via.clear();
  B.Via.push_back(std::move(Step));
  B.Via.insert(B.Via.end(), Inner->Via.begin(), Inner->Via.end());
  return B;
}

bool BlockingFinder::waitsOnlyZero(const FunctionDecl *FD, const ZeroVars &Zero,
                                   unsigned Depth) {
  const FunctionDecl *Def = analysableBody(FD, Ctx.getSourceManager());
  if (!Def || Depth > 4)
    return false;
  // Every blocking call of the body must be a wait whose timeout is zero
  // given the zeros passed in, directly or in a function it calls.
  for (const BlockingCall &B : callsIn(Def->getBody())) {
    const auto *Call = dyn_cast<CallExpr>(B.Call);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (directBlockingName(Call, V)) {
      if (!pollsWithoutWaiting(Call, Callee, V, Zero))
        return false;
      continue;
    }
    if (!waitsOnlyZero(Callee, zeroParameters(Call, Callee, Zero), Depth + 1))
      return false;
  }
  return true;
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
