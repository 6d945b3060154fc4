//===- ClassLocking.cpp - which members a class's own mutexes guard -------===//
#include "conditions/ClassLocking.h"

#include "analysis/AstWalk.h"
#include "analysis/CriticalSections.h"
#include "analysis/Locks.h"
#include "analysis/SharedAccess.h"
#include "analysis/SourceText.h"
#include "analysis/Spawns.h"
#include "analysis/TestAssertions.h"
#include "analysis/UnitCache.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <memory>
#include <mutex>

using namespace clang;
using namespace llvm;

namespace pitfix {
namespace {

/// Rounds of the fixpoint that gives private helpers their callers' locks.
constexpr int MaxRounds = 6;

const CXXRecordDecl *canonicalClass(const CXXRecordDecl *RD) {
  return RD ? RD->getCanonicalDecl() : nullptr;
}

/// `this->m` (written or implicit), possibly under `&`: the field m.
const FieldDecl *thisField(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

/// A mutex expression that may denote one of the class's own mutexes
/// without saying so: no declaration (`Mutex()`), or a member reached
/// through a call (`self()->mu_`).
bool reachedUnknown(const Expr *M) {
  if (!mutexDecl(M))
    return true;
  M = M->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(M))
    M = U->getSubExpr()->IgnoreParenImpCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(M)) {
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr, DeclRefExpr>(Base))
      return false;
    if (!isa<MemberExpr>(Base))
      return true;
    M = Base;
  }
  return false;
}

/// Names by which code says that its caller holds the lock.
bool namedCallerHolds(StringRef Name) {
  std::string L = Name.lower();
  StringRef N(L);
  for (StringRef Suffix : {"locked", "lockheld", "lock_held", "withlock",
                           "with_lock", "nolock", "no_lock", "underlock",
                           "under_lock", "holdinglock", "holding_lock"})
    if (N.ends_with(Suffix))
      return true;
  return false;
}

/// The comment of the declaration \p D: its doc comment, or the plain `//`
/// lines right above it; lower case.
std::string declComment(const Decl *D, ASTContext &Ctx) {
  if (const RawComment *RC = Ctx.getRawCommentForDeclNoCache(D))
    return StringRef(RC->getRawText(Ctx.getSourceManager())).lower() + "\n";
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = SM.getExpansionLoc(D->getBeginLoc());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return "";
  std::string Text;
  StringRef Before = Buf.take_front(SM.getFileOffset(Begin)).rtrim(" \t");
  for (int Lines = 0; Lines < 6 && !Before.empty(); ++Lines) {
    Before = Before.drop_back(Before.ends_with("\n") ? 1 : 0);
    size_t NL = Before.rfind('\n');
    StringRef Line = NL == StringRef::npos ? Before : Before.drop_front(NL + 1);
    if (!Line.trim().starts_with("//"))
      break;
    Text += Line.lower() + "\n";
    Before = NL == StringRef::npos ? StringRef() : Before.take_front(NL + 1);
  }
  return Text;
}

/// The comments of \p M's declarations, lower case.
std::string commentText(const CXXMethodDecl *M, ASTContext &Ctx) {
  std::string Text;
  for (const FunctionDecl *D : M->redecls())
    Text += declComment(D, Ctx);
  return Text;
}

/// A field's name as prose names it: `m_Sessions`, `sessions_` and
/// `_sessions` are "sessions".
std::string proseName(const FieldDecl *F) {
  std::string N = F->getNameAsString();
  StringRef R(N);
  R.consume_front("m_");
  R = R.trim('_');
  return R.lower();
}

/// The words of \p Text (letters, digits, underscores).
SmallVector<StringRef, 32> wordsOf(StringRef Text) {
  SmallVector<StringRef, 32> Words;
  while (!Text.empty()) {
    Text =
        Text.drop_while([](char C) { return !llvm::isAlnum(C) && C != '_'; });
    StringRef W =
        Text.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
    if (!W.empty())
      Words.push_back(W);
    Text = Text.drop_front(W.size());
  }
  return Words;
}

/// Does \p Words name the field \p F (its name, or its prose name, also in
/// the singular: "the client list" names `clients`)?
bool namesField(ArrayRef<StringRef> Words, const FieldDecl *F) {
  std::string Exact = StringRef(F->getNameAsString()).lower();
  std::string Prose = proseName(F);
  if (Prose.size() < 3)
    return false;
  return any_of(Words, [&](StringRef W) {
    return W == Exact || W == Prose ||
           (W.size() >= 3 && Prose == W.str() + "s");
  });
}

/// A comment that says that the caller holds a lock ("REQUIRES: mu_
/// held", "Must be called with the lock held").
bool commentSaysCallerHolds(StringRef T) {
  bool SaysLock = T.contains("lock") || T.contains("mutex") || T.contains("mu_");
  bool SaysHeld = T.contains("held") || T.contains("hold") ||
                  T.contains("locked") || T.contains("acquired") ||
                  T.contains("under the");
  // ... as what the caller must do, not as what the method does.
  bool SaysCaller = T.contains("caller") || T.contains("requires") ||
                    T.contains("must") || T.contains("called with") ||
                    T.contains("call with") || T.contains("assume") ||
                    T.contains("expect") || T.contains("already") ||
                    T.contains("only be called");
  return SaysLock && SaysHeld && SaysCaller;
}

/// A comment that says the method sets the object up before it is shared
/// ("Must be called before listen()").
bool commentSaysSetup(StringRef T) {
  return T.contains("called before") || T.contains("call before") ||
         T.contains("call this before");
}

/// A comment on \p M or in its body that confines it to one thread
/// ("must be called from the NetDb thread only", "runs only on the event
/// loop thread"): its accesses are that thread's, which the writes under
/// the lock keep apart from other threads' reads. Or one that leaves that
/// to its callers ("not thread safe", "cannot be used concurrently with
/// set_default_logger()").
bool commentSaysOneThread(const CXXMethodDecl *M, ASTContext &Ctx) {
  static const llvm::Regex OneThread(
      "(from|in|on|by) (the |its |one )?[a-z0-9_:]+ thread only|"
      "only (be )?(called |run |used )?(from|in|on|by) (the |its |one )?"
      "[a-z0-9_:]+ thread|"
      // ... or that leaves keeping threads apart to its caller.
      "not thread[- ]?safe|(cannot|can't|must not|mustn't) be (used|called) "
      "concurrently|not safe to (use|call) concurrently");
  std::string Text = commentText(M, Ctx);
  if (const Stmt *Body = M->getBody()) {
    const SourceManager &SM = Ctx.getSourceManager();
    CharSourceRange R = CharSourceRange::getTokenRange(Body->getSourceRange());
    StringRef Code = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
    SmallVector<StringRef, 32> Lines;
    Code.split(Lines, '\n');
    for (StringRef Line : Lines)
      if (Line.trim().starts_with("//"))
        Text += Line.lower() + "\n";
  }
  return OneThread.match(Text);
}

/// `decltype(items_)`, `sizeof(items_)`: a member named where nothing is
/// read or written.
bool unevaluated(const Expr *E, ASTContext &Ctx) {
  DynTypedNodeList Ps = Ctx.getParents(*E);
  for (int Depth = 0; Depth < 32 && !Ps.empty(); ++Depth) {
    if (Ps[0].get<TypeLoc>() || Ps[0].get<UnaryExprOrTypeTraitExpr>() ||
        Ps[0].get<CXXTypeidExpr>() || Ps[0].get<CXXNoexceptExpr>())
      return true;
    if (!Ps[0].get<Expr>())
      return false;
    Ps = Ctx.getParents(Ps[0]);
  }
  return false;
}

/// Does calling \p M change the object, for a member of the class?
bool modifiesObject(const CXXMethodDecl *M) {
  return M && !M->isConst() && !M->isStatic() &&
         !M->getParent()->isInStdNamespace();
}

/// `f_` or `f_.a.b`: the member path that starts at \p Ref, through
/// members reached with `.`.
std::string memberPath(const MemberExpr *Ref, ASTContext &Ctx) {
  std::string Path = Ref->getMemberDecl()->getNameAsString();
  const Expr *At = Ref;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const auto *ME = dyn_cast_or_null<MemberExpr>(valueUser(At, Ctx));
    if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()) ||
        ME->getBase()->IgnoreParenImpCasts() != At)
      break;
    Path += "." + ME->getMemberDecl()->getNameAsString();
    At = ME;
  }
  return Path;
}

/// Is \p Ref (`this->f`, maybe the start of `this->f.g[i]`) written?
bool isWrite(const MemberExpr *Ref, ASTContext &Ctx, const Vocabulary &V) {
  const Expr *Path = Ref;
  for (int Depth = 0; Depth < 16; ++Depth) {
    const Stmt *U = valueUser(Path, Ctx);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(U);
        ME && !ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()) &&
        ME->getBase()->IgnoreParenImpCasts() == Path) {
      Path = ME;
      continue;
    }
    if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(U);
        AS && AS->getBase()->IgnoreParenImpCasts() == Path &&
        Path->getType()->isArrayType()) {
      Path = AS;
      continue;
    }
    break;
  }
  if (isa<MemberExpr>(Path)) {
    Access A;
    if (describeAccess(Path, Ctx, V, A) &&
        (A.writes() || A.Use == AccessUse::AddressTaken))
      return true;
  }
  const Stmt *U = valueUser(Path, Ctx);
  if (!U)
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(U))
    return UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf;
  if (const auto *BO = dyn_cast<BinaryOperator>(U))
    return BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Path;
  if (const auto *ME = dyn_cast<MemberExpr>(U))
    return !ME->isArrow() &&
           modifiesObject(dyn_cast<CXXMethodDecl>(ME->getMemberDecl()));
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(U)) {
    if (OC->getNumArgs() >= 1 && OC->getArg(0)->IgnoreParenImpCasts() == Path)
      if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()))
        return OC->isAssignmentOp() || modifiesObject(M);
  }
  if (const auto *C = dyn_cast<CallExpr>(U)) {
    const FunctionDecl *FD = C->getDirectCallee();
    if (!FD)
      return false;
    unsigned Shift = isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(FD);
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      if (C->getArg(I)->IgnoreParenImpCasts() != Path)
        continue;
      if (I < Shift || I - Shift >= FD->getNumParams())
        return false;
      // A forwarding reference (`make_shared<T>(Args&&...)`) passes on
      // whatever it is given; what it is given to says nothing here.
      if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
        for (unsigned J = 0; J < Pattern->getNumParams(); ++J) {
          const ParmVarDecl *PP = Pattern->getParamDecl(J);
          if (J != I - Shift && !(PP->isParameterPack() && J <= I - Shift))
            continue;
          QualType T = PP->getType();
          if (const auto *X = T->getAs<PackExpansionType>())
            T = X->getPattern();
          if (const auto *R = T->getAs<RValueReferenceType>();
              R && R->getPointeeType()->isTemplateTypeParmType())
            return false;
        }
      if (FD->isVariadic() || (FD->getPrimaryTemplate() &&
                               FD->getNumParams() != C->getNumArgs() - Shift))
        return false;
      QualType P = FD->getParamDecl(I - Shift)->getType();
      if (P->isReferenceType() && !P.getNonReferenceType().isConstQualified())
        return true;
    }
  }
  return false;
}

bool inStdNamed(const CXXRecordDecl *RD, std::initializer_list<StringRef> Names) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return is_contained(Names, RD->getName());
}

bool listed(const NameList &L, const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  if (L.contains(RD))
    return true;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return L.contains(S->getSpecializedTemplate());
  return false;
}

/// A lock of another kind: a class named like a mutex, or with a locking
/// and an unlocking method of any name (`ReadLock`/`ReadUnlock`).
bool lockLike(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return false;
  if (StringRef(RD->getName().lower()).contains("mutex"))
    return true;
  RD = RD->getDefinition();
  if (!RD)
    return false;
  bool Locks = false, Unlocks = false;
  for (const CXXMethodDecl *M : RD->methods()) {
    if (!M->getIdentifier())
      continue;
    std::string N = M->getName().lower();
    if (StringRef(N).ends_with("unlock"))
      Unlocks = true;
    else if (StringRef(N).ends_with("lock"))
      Locks = true;
  }
  return Locks && Unlocks;
}

bool hasMutexMember(const CXXRecordDecl *RD, const Vocabulary &V) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD)
    return false;
  for (const FieldDecl *F : RD->fields())
    if (isMutexType(F->getType(), V) || lockLike(recordOf(F->getType())))
      return true;
  return false;
}

/// A project condition variable: a class with a wait method and a
/// signalling one (`port::CondVar`: Wait/Signal/SignalAll).
bool conditionVariableLike(const CXXRecordDecl *RD, const Vocabulary &V) {
  RD = RD->getDefinition();
  if (!RD)
    return false;
  bool Waits = false, Signals = false;
  for (const CXXMethodDecl *M : RD->methods()) {
    if (!M->getIdentifier())
      continue;
    StringRef N = M->getName();
    Waits = Waits || V.list(VocabList::ConditionVariableWaitMethods).contains(M) ||
            N == "Wait" || N == "TimedWait";
    Signals = Signals ||
              is_contained({"notify_one", "notify_all", "Signal", "SignalAll",
                            "Notify", "NotifyAll", "NotifyOne", "Broadcast",
                            "signal", "broadcast"},
                           N);
  }
  return Waits && Signals;
}

/// A type that synchronises itself, or a synchronisation object.
bool selfSynchronisingType(QualType T, const Vocabulary &V, int Depth = 0) {
  T = T.getNonReferenceType();
  while (const clang::ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (isThreadSafeType(T, V))
    return true;
  if (T->isPointerType())
    return Depth < 2 && selfSynchronisingType(T->getPointeeType(), V, Depth + 1);
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  for (StringRef L : {"conditionVariableClasses", "spawnClasses",
                      "oneShotClasses", "signalClasses"})
    if (listed(V.names(L), RD))
      return true;
  if (inStdNamed(RD, {"future", "shared_future", "promise", "packaged_task",
                      "condition_variable_any", "stop_source", "stop_token"}))
    return true;
  // A smart pointer to such a type.
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (Depth < 2 && inStdNamed(RD, {"unique_ptr", "shared_ptr"}) &&
        S->getTemplateArgs().size() >= 1 &&
        S->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return selfSynchronisingType(S->getTemplateArgs()[0].getAsType(), V,
                                   Depth + 1);
  if (hasMutexMember(RD, V) || conditionVariableLike(RD, V) || lockLike(RD))
    return true;
  // A record made of atomics (and constants): each access is atomic.
  RD = RD->getDefinition();
  if (!RD || Depth >= 2)
    return false;
  bool Any = false;
  for (const FieldDecl *F : RD->fields()) {
    if (F->getType().isConstQualified())
      continue;
    if (!selfSynchronisingType(F->getType(), V, Depth + 1))
      return false;
    Any = true;
  }
  return Any;
}

} // namespace

bool hasSelfSynchronisingField(QualType T, const Vocabulary &V) {
  const CXXRecordDecl *RD = recordOf(T.getNonReferenceType());
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD)
    return false;
  for (const FieldDecl *F : RD->fields())
    if (!F->getType().isConstQualified() && !F->getType()->isPointerType() &&
        selfSynchronisingType(F->getType(), V, 1))
      return true;
  return false;
}

namespace {

/// Does \p M, as written, say that its caller holds the lock? Fills the
/// mutexes it names (none: unknown which).
bool contractHolds(const CXXMethodDecl *M, ASTContext &Ctx,
                   const std::vector<const FieldDecl *> &Mutexes,
                   const Vocabulary &V, std::vector<const FieldDecl *> &Held,
                   bool &Unnamed) {
  bool Holds = false;
  for (const FunctionDecl *D : M->redecls()) {
    for (const auto *A : D->specific_attrs<RequiresCapabilityAttr>()) {
      Holds = true;
      for (const Expr *Arg : A->args())
        if (const auto *F = dyn_cast_or_null<FieldDecl>(mutexDecl(Arg)))
          if (is_contained(Mutexes, F) && !is_contained(Held, F))
            Held.push_back(F);
    }
  }
  if (!Holds && M->getIdentifier() && namedCallerHolds(M->getName()))
    Holds = true;
  // A lock handed in: `void f(std::unique_lock<std::mutex>& lock)`.
  for (const ParmVarDecl *P : M->parameters())
    if (isGuardClass(recordOf(P->getType()), V)) {
      Holds = true;
      Unnamed = true;
    }
  // A comment is evidence of the mutexes it names only.
  if (!Holds) {
    std::string T = commentText(M, Ctx);
    if (commentSaysCallerHolds(T)) {
      Holds = true;
      for (const FieldDecl *F : Mutexes)
        if (StringRef(T).contains(F->getName().lower()) && !is_contained(Held, F))
          Held.push_back(F);
      if (Held.empty())
        Unnamed = true;
    }
  }
  return Holds;
}

/// `mu_.AssertHeld()`: a method with an assert-capability attribute, or
/// named like one, called on one of the class's mutexes.
const FieldDecl *assertedMutex(const CXXMemberCallExpr *C) {
  const CXXMethodDecl *M = C->getMethodDecl();
  if (!M)
    return nullptr;
  bool Asserts = M->hasAttr<AssertCapabilityAttr>() ||
                 M->hasAttr<AssertExclusiveLockAttr>() ||
                 M->hasAttr<AssertSharedLockAttr>();
  if (!Asserts && M->getIdentifier()) {
    std::string L = M->getName().lower();
    Asserts = StringRef(L).starts_with("assert") && StringRef(L).contains("held");
  }
  return Asserts ? thisField(C->getImplicitObjectArgument()) : nullptr;
}

class Analyzer {
public:
  Analyzer(ASTContext &Ctx, const Vocabulary &V, ClassLocking &Out)
      : Ctx(Ctx), V(V), Out(Out) {}

  void run() {
    const CXXRecordDecl *RD = Out.Class;
    for (const FieldDecl *F : RD->fields()) {
      if (isMutexType(F->getType(), V))
        Out.Mutexes.push_back(F);
      else if (lockLike(recordOf(F->getType())) ||
               StringRef(F->getType().getAsString()).lower().find("mutex") !=
                   std::string::npos)
        Out.OtherLocks = true;
    }
    if (Out.Mutexes.empty())
      return;
    for (const CXXMethodDecl *M : RD->methods()) {
      if (M->isImplicit())
        continue;
      const FunctionDecl *Def = nullptr;
      if (!M->hasBody(Def) || !Def->getBody() || Def->isInvalidDecl())
        continue;
      Out.Methods.push_back(collect(cast<CXXMethodDecl>(Def)));
    }
    entries();
    guardedWrites();
  }

private:
  MethodLocking collect(const CXXMethodDecl *M) {
    MethodLocking L;
    L.Method = M;
    L.Teardown = V.list(VocabList::TeardownMethods).contains(M);
    bool Opaque = false;
    WalkOptions O;
    O.Lambdas = false;
    auto OtherCode = [](const Decl *D) {
      return isa<CXXRecordDecl, FunctionDecl>(D);
    };
    O.SkipDecl = OtherCode;
    const CXXRecordDecl *RD = canonicalClass(Out.Class);
    forEachStmt(
        M->getBody(),
        [&](const Stmt *S) {
          if (const auto *E = dyn_cast<Expr>(S); E && !L.FirstSpawn)
            if (spawnInfo(E, V))
              L.FirstSpawn = E;
          if (!L.FirstSpawn)
            L.FirstSpawn = dependentSpawn(S, V);
          if (const auto *C = dyn_cast<CXXMemberCallExpr>(S))
            if (const FieldDecl *F = assertedMutex(C))
              if (is_contained(Out.Mutexes, F) &&
                  !is_contained(L.HeldOnEntry, F)) {
                L.HeldOnEntry.push_back(F);
                L.Entry = MethodEntry::CallerHolds;
              }
          if (const auto *DS = dyn_cast<DeclStmt>(S)) {
            spelling(DS);
            Opaque = Opaque || opaqueGuard(DS);
          }
          const auto *ME = dyn_cast<MemberExpr>(S);
          const FieldDecl *F = ME ? thisField(ME) : nullptr;
          if (!F ||
              canonicalClass(dyn_cast<CXXRecordDecl>(F->getParent())) != RD ||
              is_contained(Out.Mutexes, F) || unevaluated(ME, Ctx) ||
              inAssertion(ME->getBeginLoc(), Ctx.getSourceManager(),
                          Ctx.getLangOpts(), V))
            return true;
          MemberAccess A;
          A.Ref = ME;
          A.Field = F;
          A.Write = isWrite(ME, Ctx, V);
          A.Path = memberPath(ME, Ctx);
          held(ME, A);
          L.Accesses.push_back(std::move(A));
          return true;
        },
        O);
    // A lock taken by a class pitfix does not know as a guard: what the
    // method holds where is not known.
    if (Opaque)
      for (MemberAccess &A : L.Accesses)
        A.UnknownLock = true;
    return L;
  }

  /// `scoped_lock_t locker(mu_);`: a local of a class with a destructor,
  /// not a guard of the vocabulary, made from one of the class's mutexes.
  bool opaqueGuard(const DeclStmt *DS) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      const CXXRecordDecl *RD = VD ? recordOf(VD->getType()) : nullptr;
      const auto *CE = VD ? dyn_cast_or_null<CXXConstructExpr>(
                                VD->getInit() ? VD->getInit()->IgnoreImplicit()
                                              : nullptr)
                          : nullptr;
      if (!RD || !CE || isGuardClass(RD, V) || !RD->hasDefinition() ||
          !RD->getDefinition()->hasUserDeclaredDestructor())
        continue;
      for (const Expr *Arg : CE->arguments())
        if (const FieldDecl *F = thisField(Arg); F && is_contained(Out.Mutexes, F))
          return true;
    }
    return false;
  }

  /// The class's mutexes held at \p E by its own function.
  /// The index in \p B of the statement that holds \p S.
  std::optional<unsigned> childIndex(const Stmt *S, const CompoundStmt *B) {
    for (const Stmt *Child = S; Child;) {
      const Stmt *P = parentStatement(Child, Ctx);
      if (P == B) {
        unsigned I = indexInBlock(B, Child);
        return I < B->size() ? std::optional<unsigned>(I) : std::nullopt;
      }
      Child = P;
    }
    return std::nullopt;
  }

  void held(const Expr *E, MemberAccess &A) {
    const Stmt *At = E;
    for (int Depth = 0; At && Depth < 32; ++Depth) {
      std::optional<CriticalSection> CS = innermostSection(At, Ctx, V);
      if (!CS)
        break;
      A.AnyLock = true;
      auto Record = [&](const CriticalSection &Section) {
        for (const Expr *M : Section.Mutexes) {
          if (const FieldDecl *F = thisField(M);
              F && is_contained(Out.Mutexes, F) && !is_contained(A.Held, F))
            A.Held.push_back(F);
          if (reachedUnknown(M))
            A.UnknownLock = true;
        }
      };
      Record(*CS);
      // Guards declared earlier in the same block may still hold theirs
      // (`lock_guard a(m1); lock_guard b(m2);`).
      if (std::optional<unsigned> K = childIndex(At, CS->Block))
        for (unsigned J = 0; J < CS->Acquire; ++J)
          if (std::optional<CriticalSection> Outer =
                  sectionStartingAt(CS->Block, J, V);
              Outer && Outer->Acquire == J && Outer->End > *K)
            Record(*Outer);
      At = CS->Block;
    }
  }

  /// Records how a guard declaration spells a lock of one of the mutexes.
  void spelling(const DeclStmt *DS) {
    if (!DS->isSingleDecl())
      return;
    const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!VD || !VD->getInit() || !VD->getTypeSourceInfo())
      return;
    std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
    if (!G || !G->Construct || G->Mode != LockMode::Locks ||
        G->Mutexes.size() != 1 || G->Construct->getNumArgs() < 1)
      return;
    // One argument as written: the others are defaults.
    for (unsigned I = 1; I < G->Construct->getNumArgs(); ++I)
      if (!isa<CXXDefaultArgExpr>(G->Construct->getArg(I)))
        return;
    const FieldDecl *F = thisField(G->Mutexes[0]);
    if (!F || !is_contained(Out.Mutexes, F))
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    GuardSpelling S;
    S.Type = sourceText(VD->getTypeSourceInfo()->getTypeLoc().getSourceRange(),
                        SM, LO);
    S.Arg = sourceText(G->Construct->getArg(0)->getSourceRange(), SM, LO);
    S.Shared = G->Shared;
    if (const CXXConstructorDecl *Ctor = G->Construct->getConstructor();
        Ctor && Ctor->getNumParams() >= 1) {
      QualType P = Ctor->getParamDecl(0)->getType();
      S.TakesConst = (P->isReferenceType() || P->isPointerType()) &&
                     P->getPointeeType().isConstQualified();
    }
    if (S.Type.empty() || S.Arg.empty() || StringRef(S.Type).contains("auto"))
      return;
    std::vector<GuardSpelling> &All = Out.Spellings[F];
    if (none_of(All, [&](const GuardSpelling &X) {
          return X.Type == S.Type && X.Arg == S.Arg && X.TakesConst == S.TakesConst;
        }))
      All.push_back(S);
  }

  MethodLocking *find(const FunctionDecl *FD) {
    if (!FD)
      return nullptr;
    for (MethodLocking &L : Out.Methods)
      if (L.Method->getCanonicalDecl() == FD->getCanonicalDecl())
        return &L;
    return nullptr;
  }

  /// A call of one of the class's methods on `this`, and where it is.
  struct CallSite {
    const CXXMemberCallExpr *Call;
    MethodLocking *Caller;
    bool InLambda;
  };

  void entries() {
    // Calls of the class's methods on `this` from its own methods.
    std::map<const MethodLocking *, std::vector<CallSite>> Sites;
    for (MethodLocking &Caller : Out.Methods) {
      forEachStmt(Caller.Method->getBody(), [&](const Stmt *S) {
        const auto *C = dyn_cast<CXXMemberCallExpr>(S);
        if (!C || !C->getImplicitObjectArgument() ||
            !isa<CXXThisExpr>(C->getImplicitObjectArgument()->IgnoreParenImpCasts()))
          return true;
        if (MethodLocking *Callee = find(C->getMethodDecl()))
          Sites[Callee].push_back(
              {C, &Caller, enclosingFunction(C, Ctx) != Caller.Method});
        return true;
      });
    }
    enum class State { Pending, Done };
    std::map<const MethodLocking *, State> Helpers;
    for (MethodLocking &L : Out.Methods) {
      const CXXMethodDecl *M = L.Method;
      // Set-up code: constructors, destructors, assignments (of any
      // type), and what a constructor calls to initialize the object.
      if (isa<CXXConstructorDecl, CXXDestructorDecl>(M) || M->isStatic() ||
          M->getOverloadedOperator() == OO_Equal ||
          V.list(VocabList::SetupMethods).contains(M) ||
          V.list(VocabList::UnsynchronizedMethods).contains(M) ||
          M->hasAttr<NoThreadSafetyAnalysisAttr>() ||
          commentSaysSetup(commentText(M, Ctx)) ||
          commentSaysOneThread(M, Ctx) ||
          any_of(Sites[&L], [](const CallSite &Site) {
            return !Site.InLambda &&
                   isa<CXXConstructorDecl>(Site.Caller->Method);
          })) {
        L.Entry = MethodEntry::Exempt;
        continue;
      }
      std::vector<const FieldDecl *> Named;
      bool Unnamed = false;
      if (contractHolds(M, Ctx, Out.Mutexes, V, Named, Unnamed)) {
        L.Entry = MethodEntry::CallerHolds;
        // A `*Locked` name in a class with one mutex means that one; a
        // comment or a lock parameter that names none may mean another
        // object's (its writes are no evidence then).
        if (Named.empty() && !Unnamed && Out.Mutexes.size() == 1)
          Named = Out.Mutexes;
        for (const FieldDecl *F : Named)
          if (!is_contained(L.HeldOnEntry, F))
            L.HeldOnEntry.push_back(F);
        continue;
      }
      if (L.Entry == MethodEntry::CallerHolds) // asserts the lock is held
        continue;
      if (M->getAccess() != AS_public) {
        // Private helpers hold what all their callers hold.
        L.Entry = MethodEntry::CallerHolds;
        L.HeldOnEntry = Out.Mutexes;
        Helpers[&L] = State::Pending;
      }
    }
    for (int Round = 0; Round < MaxRounds; ++Round) {
      bool Changed = false;
      for (auto &[Helper, St] : Helpers) {
        auto *L = const_cast<MethodLocking *>(Helper);
        if (L->Entry == MethodEntry::Exempt)
          continue;
        std::optional<std::vector<const FieldDecl *>> Meet;
        bool Unknown = false;
        for (const CallSite &CS : Sites[L]) {
          if (CS.InLambda) {
            Unknown = true;
            break;
          }
          if (CS.Caller->Entry == MethodEntry::Exempt)
            continue;
          MemberAccess At;
          held(CS.Call, At);
          std::vector<const FieldDecl *> H = CS.Caller->HeldOnEntry;
          for (const FieldDecl *F : At.Held)
            if (!is_contained(H, F))
              H.push_back(F);
          if (!Meet)
            Meet = H;
          else
            erase_if(*Meet, [&](const FieldDecl *F) { return !is_contained(H, F); });
        }
        if (Unknown || !Meet) {
          // Called from a lambda (who knows where it runs), only from a
          // constructor or destructor, or from nowhere that this unit shows.
          L->Entry = MethodEntry::Exempt;
          L->HeldOnEntry.clear();
          Changed = true;
          continue;
        }
        if (*Meet != L->HeldOnEntry) {
          L->HeldOnEntry = *Meet;
          Changed = true;
        }
        St = State::Done;
      }
      if (!Changed)
        break;
    }
    // A public method that the class itself calls only with a mutex held is
    // one whose callers hold it (its documentation usually says so).
    for (MethodLocking &L : Out.Methods) {
      if (L.Entry != MethodEntry::Public)
        continue;
      auto It = Sites.find(&L);
      if (It == Sites.end())
        continue;
      std::optional<std::vector<const FieldDecl *>> Meet;
      for (const CallSite &CS : It->second) {
        if (CS.InLambda || CS.Caller->Entry == MethodEntry::Exempt)
          continue;
        MemberAccess At;
        held(CS.Call, At);
        std::vector<const FieldDecl *> H = CS.Caller->HeldOnEntry;
        append_range(H, At.Held);
        if (!Meet)
          Meet = H;
        else
          erase_if(*Meet, [&](const FieldDecl *F) { return !is_contained(H, F); });
      }
      if (Meet && !Meet->empty()) {
        L.Entry = MethodEntry::CallerHolds;
        L.HeldOnEntry = *Meet;
      }
    }
  }

  void guardedWrites() {
    for (const MethodLocking &L : Out.Methods) {
      if (L.Entry == MethodEntry::Exempt)
        continue;
      for (const MemberAccess &A : L.Accesses) {
        if (!A.Write || synchronisesItself(A.Field, V))
          continue;
        std::vector<const FieldDecl *> H = A.Held;
        for (const FieldDecl *F : L.HeldOnEntry)
          if (!is_contained(H, F))
            H.push_back(F);
        for (const FieldDecl *M : H) {
          if (!documentedToGuard(M, A.Field))
            continue;
          std::vector<GuardedWrite> &W = Out.Guarded[A.Field];
          auto Same = find_if(W, [&](const GuardedWrite &X) {
            return X.Mutex == M && X.Path == A.Path;
          });
          if (Same == W.end())
            W.push_back({M, A.Path, A.Ref, L.Method});
          else if (!L.Teardown && Out.method(Same->Method)->Teardown)
            *Same = {M, A.Path, A.Ref, L.Method}; // the steady state's write
        }
      }
    }
  }

  /// The class may say in prose what a mutex protects: "This mutex
  /// protects #open, #fail_timer, #pipe" on the mutex, or "Protected by
  /// #mutex" on a field. When the mutex's comment names fields of the
  /// class, it guards those and the fields whose comment names it, and no
  /// others (a write that happens to be under it is not evidence).
  bool documentedToGuard(const FieldDecl *Mutex, const FieldDecl *F) {
    auto [It, New] = Documented.try_emplace(Mutex);
    if (New) {
      std::string Doc = declComment(Mutex, Ctx);
      if (StringRef(Doc).contains("protect") ||
          StringRef(Doc).contains("guard")) {
        SmallVector<StringRef, 32> Words = wordsOf(Doc);
        std::vector<const FieldDecl *> Named;
        for (const FieldDecl *G : Out.Class->fields())
          if (G != Mutex && namesField(Words, G))
            Named.push_back(G);
        if (!Named.empty())
          It->second = std::move(Named);
      }
    }
    if (!It->second || is_contained(*It->second, F))
      return true;
    std::string Own = declComment(F, Ctx);
    bool SaysGuarded = StringRef(Own).contains("protected by") ||
                       StringRef(Own).contains("guarded by");
    return SaysGuarded && namesField(wordsOf(Own), Mutex);
  }

  ASTContext &Ctx;
  const Vocabulary &V;
  ClassLocking &Out;
  std::map<const FieldDecl *, std::optional<std::vector<const FieldDecl *>>>
      Documented;
};

/// The analyses of one unit's classes, made on first use.
class ClassLockingCache {
public:
  ClassLockingCache(ASTContext &Ctx, const Vocabulary &V) : Ctx(Ctx), V(V) {}

  const ClassLocking *get(const CXXRecordDecl *RD) const {
    std::lock_guard<std::mutex> Lock(Mu);
    auto It = Classes.find(RD);
    if (It != Classes.end())
      return It->second.get();
    auto L = std::make_unique<ClassLocking>();
    L->Class = RD;
    Analyzer(Ctx, V, *L).run();
    if (L->Mutexes.empty())
      L.reset();
    return (Classes[RD] = std::move(L)).get();
  }

private:
  ASTContext &Ctx;
  const Vocabulary &V;
  mutable std::mutex Mu;
  mutable std::map<const CXXRecordDecl *, std::unique_ptr<ClassLocking>> Classes;
};

} // namespace

const MethodLocking *ClassLocking::method(const FunctionDecl *Def) const {
  for (const MethodLocking &L : Methods)
    if (L.Method == Def)
      return &L;
  return nullptr;
}

const std::vector<GuardedWrite> *
ClassLocking::guardedWrites(const FieldDecl *F) const {
  auto It = Guarded.find(F);
  return It == Guarded.end() || It->second.empty() ? nullptr : &It->second;
}

bool pathsOverlap(StringRef A, StringRef B) {
  if (A.size() > B.size())
    std::swap(A, B);
  return B == A || (B.starts_with(A) && B[A.size()] == '.');
}

bool synchronisesItself(const FieldDecl *F, const Vocabulary &V) {
  QualType T = F->getType();
  if (T.isConstQualified() || T->isReferenceType())
    return true;
  return selfSynchronisingType(T, V);
}

const ClassLocking *classLocking(const CXXRecordDecl *RD, ASTContext &Ctx,
                                 const Vocabulary &V) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || RD->isLambda() || RD->isUnion())
    return nullptr;
  return perUnit<ClassLockingCache>(Ctx, V).get(RD);
}

} // namespace pitfix
