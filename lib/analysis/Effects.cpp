//===- Effects.cpp --------------------------------------------------------===//
#include "analysis/Effects.h"

#include "analysis/Blocking.h"
#include "analysis/LockModel.h"
#include "analysis/Locks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool isSharedStorage(const ValueDecl *D) {
  if (isa<FieldDecl>(D))
    return true;
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return !VD->hasLocalStorage() && !isa<ParmVarDecl>(VD);
  return false;
}

static void keepFirst(EffectSite &Into, const EffectSite &From) {
  if (!Into && From)
    Into = From;
}

void Effects::merge(const Effects &O, bool KeepLocals) {
  for (const auto &[D, A] : O.Vars) {
    if (!KeepLocals && !isSharedStorage(D))
      continue;
    VarAccess &Mine = Vars[D];
    if (!Mine.Kind || (!(Mine.Kind & AK_Write) && (A.Kind & AK_Write)))
      Mine.Loc = A.Loc;
    Mine.Kind |= A.Kind;
  }
  keepFirst(IndirectRead, O.IndirectRead);
  keepFirst(IndirectWrite, O.IndirectWrite);
  keepFirst(FarWrite, O.FarWrite);
  keepFirst(Unknown, O.Unknown);
  keepFirst(External, O.External);
  keepFirst(Barrier, O.Barrier);
}

bool Effects::writes(const ValueDecl *D) const {
  auto It = Vars.find(D);
  return It != Vars.end() && (It->second.Kind & AK_Write);
}

namespace {

/// Reading a constant never conflicts with anything.
bool isImmutable(const ValueDecl *D) {
  QualType T = D->getType();
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (VD->isConstexpr())
      return true;
  return !T->isReferenceType() && T.isConstQualified() &&
         !(isa<FieldDecl>(D) && cast<FieldDecl>(D)->isMutable());
}

/// Function bodies already summarised (for the callers' view: shared
/// storage and flags only), for one effectsOf() computation.
using SummaryCache = DenseMap<const FunctionDecl *, Effects>;

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const Vocabulary &V, SummaryCache &Cache,
            unsigned Depth)
      : Ctx(Ctx), V(V), Cache(Cache), Depth(Depth) {}

  Effects E;

  bool shouldVisitLambdaBody() const { return true; }

  // --- reads and the shapes of lvalues --------------------------------

  void record(const ValueDecl *D, unsigned Kind, SourceLocation Loc) {
    if (!D || (Kind == AK_Read && isImmutable(D)))
      return;
    VarAccess &A = E.Vars[D];
    if (!A.Kind || (!(A.Kind & AK_Write) && (Kind & AK_Write)))
      A.Loc = Loc;
    A.Kind |= Kind;
  }

  void indirect(unsigned Kind, const Twine &What, SourceLocation Loc) {
    EffectSite S{What.str(), Loc};
    if (Kind & AK_Read)
      keepFirst(E.IndirectRead, S);
    if (Kind & AK_Write)
      keepFirst(E.IndirectWrite, S);
  }

  /// Marks the storage that the lvalue \p X denotes as used with \p Kind.
  void touch(const Expr *X, unsigned Kind) {
    if (!X)
      return;
    X = X->IgnoreParens();
    if (const auto *C = dyn_cast<ImplicitCastExpr>(X)) {
      if (C->getCastKind() == CK_ArrayToPointerDecay ||
          C->getCastKind() == CK_NoOp || C->getCastKind() == CK_UncheckedDerivedToBase ||
          C->getCastKind() == CK_DerivedToBase)
        return touch(C->getSubExpr(), Kind);
      // The object of `p->f()` is the pointer value: f uses what p points to.
      if (X->getType()->isPointerType())
        return touchPointee(X, Kind);
      return;
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(X))
      return touch(M->getSubExpr(), Kind);
    if (const auto *D = dyn_cast<DeclRefExpr>(X)) {
      if (isa<VarDecl, BindingDecl, FieldDecl>(D->getDecl())) {
        record(D->getDecl(), Kind, D->getLocation());
        if (D->getDecl()->getType()->isReferenceType())
          indirect(Kind, "'" + D->getDecl()->getName() + "'", D->getLocation());
      }
      return;
    }
    if (const auto *M = dyn_cast<MemberExpr>(X)) {
      const Expr *Base = M->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base) || isa<VarDecl>(M->getMemberDecl()))
        return record(M->getMemberDecl(), Kind, M->getMemberLoc());
      if (M->isArrow()) {
        // `p->field`: some object's field; the field stands for all of them.
        if (isa<FieldDecl>(M->getMemberDecl()))
          record(M->getMemberDecl(), Kind, M->getMemberLoc());
        return touchPointee(M->getBase(), Kind);
      }
      // `obj.field`: a part of the object.
      return touch(M->getBase(), Kind);
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(X)) {
      const Expr *Base = A->getBase()->IgnoreParens();
      if (const auto *C = dyn_cast<ImplicitCastExpr>(Base);
          C && C->getCastKind() == CK_ArrayToPointerDecay)
        return touch(C->getSubExpr(), Kind);
      return touchPointee(A->getBase(), Kind);
    }
    if (const auto *U = dyn_cast<UnaryOperator>(X)) {
      if (U->getOpcode() == UO_Deref)
        return touchPointee(U->getSubExpr(), Kind);
      if (U->getOpcode() == UO_AddrOf)
        return touch(U->getSubExpr(), Kind);
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(X)) {
      // `*it`, `p->x`, `v[i]` on classes: the object holds or points to it.
      if (Op->getNumArgs() >= 1 &&
          (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
           Op->getOperator() == OO_Arrow))
        return touch(Op->getArg(0), Kind);
      return;
    }
    // `std::move(x)`, `std::forward<T>(x)`: x itself.
    if (const auto *C = dyn_cast<CallExpr>(X); C && C->getNumArgs() == 1)
      if (const FunctionDecl *FD = C->getDirectCallee();
          FD && FD->isInStdNamespace() && FD->getIdentifier() &&
          (FD->getName() == "move" || FD->getName() == "forward"))
        return touch(C->getArg(0), Kind);
    // An lvalue that a call returns may be anything.
    // (Chained stream and builder calls return their object: the call's own
    // effects already cover it.)
    if (isa<CallExpr>(X) && X->isGLValue())
      indirect(Kind, "the reference a call returns", X->getBeginLoc());
  }

  /// Memory that the pointer \p P points to.
  void touchPointee(const Expr *P, unsigned Kind) {
    const Expr *S = P->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(S);
        U && U->getOpcode() == UO_AddrOf)
      return touch(U->getSubExpr(), Kind);
    if (isa<CXXThisExpr>(S))
      return; // the object's fields are recorded one by one
    if (S->getType()->isArrayType())
      return touch(S, Kind);
    std::string Name = "memory a pointer points to";
    const ValueDecl *Holder = nullptr;
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      Holder = D->getDecl();
    else if (const auto *M = dyn_cast<MemberExpr>(S))
      Holder = M->getMemberDecl();
    if (Holder)
      Name = "what '" + Holder->getNameAsString() + "' points to";
    indirect(Kind, Name, P->getBeginLoc());
    // Through a shared pointer: count it as a use of the pointer itself, so
    // that the pointer's guard covers what it points to.
    if (Holder && isSharedStorage(Holder))
      record(Holder, Kind, P->getBeginLoc());
    if ((Kind & AK_Write) && (!Holder || isSharedStorage(Holder)))
      keepFirst(E.FarWrite, EffectSite{Name, P->getBeginLoc()});
  }

  /// A library handle (FILE*, a socket object) passed to a library
  /// function: the library owns what it points to.
  bool isLibraryHandle(QualType PT, const FunctionDecl *FD) const {
    const SourceManager &SM = Ctx.getSourceManager();
    QualType Pointee = PT->getPointeeType();
    const TagDecl *TD = Pointee->getAsTagDecl();
    return TD && FD && SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())) &&
           SM.isInSystemHeader(SM.getExpansionLoc(TD->getLocation()));
  }

  bool VisitDeclRefExpr(DeclRefExpr *D) {
    touch(D, AK_Read);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *M) {
    if (isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()) &&
        isa<FieldDecl>(M->getMemberDecl()))
      record(M->getMemberDecl(), AK_Read, M->getMemberLoc());
    else if (M->isArrow()) {
      if (isa<FieldDecl>(M->getMemberDecl()))
        record(M->getMemberDecl(), AK_Read, M->getMemberLoc());
      touchPointee(M->getBase(), AK_Read);
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    switch (U->getOpcode()) {
    case UO_Deref:
      touchPointee(U->getSubExpr(), AK_Read);
      break;
    case UO_PreInc: case UO_PreDec: case UO_PostInc: case UO_PostDec:
    case UO_AddrOf: // an address taken may be written through later
      touch(U->getSubExpr(), AK_Read | AK_Write);
      break;
    default:
      break;
    }
    return true;
  }
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *A) {
    touch(A, AK_Read);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      touch(B->getLHS(), B->isCompoundAssignmentOp() ? AK_Read | AK_Write
                                                     : AK_Write);
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    if (!isa<ParmVarDecl>(D))
      record(D, AK_Write, D->getLocation());
    // A reference bound to something may be written through later.
    if (D->getType()->isReferenceType() &&
        !D->getType().getNonReferenceType().isConstQualified())
      touch(D->getInit(), AK_Write);
    return true;
  }

  // --- jumps ------------------------------------------------------------

  unsigned Loops = 0, Switches = 0, Tries = 0;
  bool TraverseForStmt(ForStmt *S) { return loop([&] { return RecursiveASTVisitor::TraverseForStmt(S); }); }
  bool TraverseWhileStmt(WhileStmt *S) { return loop([&] { return RecursiveASTVisitor::TraverseWhileStmt(S); }); }
  bool TraverseDoStmt(DoStmt *S) { return loop([&] { return RecursiveASTVisitor::TraverseDoStmt(S); }); }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) { return loop([&] { return RecursiveASTVisitor::TraverseCXXForRangeStmt(S); }); }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    ++Switches;
    bool R = RecursiveASTVisitor::TraverseSwitchStmt(S);
    --Switches;
    return R;
  }
  template <typename F> bool loop(F Body) {
    ++Loops;
    bool R = Body();
    --Loops;
    return R;
  }
  void jump(const char *What, SourceLocation Loc) {
    keepFirst(E.Jump, EffectSite{What, Loc});
  }
  bool VisitReturnStmt(ReturnStmt *S) { jump("'return'", S->getBeginLoc()); return true; }
  bool VisitGotoStmt(GotoStmt *S) { jump("'goto'", S->getBeginLoc()); return true; }
  bool VisitCXXThrowExpr(CXXThrowExpr *S) { jump("'throw'", S->getBeginLoc()); return true; }
  bool VisitCoreturnStmt(CoreturnStmt *S) { jump("'co_return'", S->getBeginLoc()); return true; }
  // Labels are entered from elsewhere: a statement holding one cannot move.
  bool VisitLabelStmt(LabelStmt *S) { jump("a label", S->getBeginLoc()); return true; }
  bool VisitSwitchCase(SwitchCase *S) {
    if (!Switches)
      jump("a 'case' label", S->getBeginLoc());
    return true;
  }
  bool VisitBreakStmt(BreakStmt *S) {
    if (!Loops && !Switches)
      jump("'break'", S->getBeginLoc());
    return true;
  }
  bool VisitContinueStmt(ContinueStmt *S) {
    if (!Loops)
      jump("'continue'", S->getBeginLoc());
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    // A return inside a lambda leaves the lambda, not the statement.
    EffectSite Saved = E.Jump;
    unsigned SL = Loops, SS = Switches;
    Loops = Switches = 0;
    bool R = RecursiveASTVisitor::TraverseLambdaExpr(L);
    Loops = SL;
    Switches = SS;
    E.Jump = Saved;
    return R;
  }

  // --- calls --------------------------------------------------------------

  /// Arguments bound to non-const references or pointers may be written.
  void arguments(const FunctionDecl *FD, ArrayRef<const Expr *> Args,
                 unsigned FirstParam) {
    for (unsigned I = 0; I < Args.size(); ++I) {
      const Expr *A = Args[I];
      QualType PT;
      if (FD && I + FirstParam < FD->getNumParams())
        PT = FD->getParamDecl(I + FirstParam)->getType();
      else if (FD && !FD->isVariadic())
        continue;
      if (PT.isNull()) {
        // A variadic or unknown parameter: a pointer may be written through.
        if (A->getType()->isPointerType())
          touchPointee(A, AK_Read | AK_Write);
        continue;
      }
      if (PT->isReferenceType()) {
        if (!PT.getNonReferenceType().isConstQualified())
          touch(A, AK_Read | AK_Write);
      } else if (PT->isPointerType() && isLibraryHandle(PT, FD)) {
        continue;
      } else if (PT->isPointerType() &&
                 !PT->getPointeeType().isConstQualified()) {
        touchPointee(A, AK_Read | AK_Write);
      } else if (PT->isPointerType()) {
        touchPointee(A, AK_Read);
      }
    }
  }

  /// Console output and stream operations: their order with other
  /// input/output is visible.
  bool isOrderedOutput(const Expr *Call, const FunctionDecl *FD,
                       const Expr *Object) const {
    if (FD && !isa<CXXMethodDecl>(FD) &&
        V.list(VocabList::OutputFunctions).contains(FD))
      return true;
    if (const auto *C = dyn_cast<CallExpr>(Call);
        C && FD && !isa<CXXMethodDecl>(FD) && writesToConsole(C, V))
      return true;
    const Expr *Stream = Object;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getNumArgs() >= 1 && !Object)
      Stream = Op->getArg(0);
    if (!Stream)
      return false;
    QualType T = Stream->IgnoreParenImpCasts()->getType().getNonReferenceType();
    const CXXRecordDecl *RD = recordOf(T);
    if (!RD || !RD->hasDefinition())
      return false;
    const NameList &Streams = V.list(VocabList::StreamClasses);
    const NameList &Memory = V.list(VocabList::MemoryStreamClasses);
    bool Found = false, InMemory = false;
    auto Check = [&](const CXXRecordDecl *B) {
      if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(B))
        B = S->getSpecializedTemplate()->getTemplatedDecl();
      Found = Found || Streams.contains(B);
      InMemory = InMemory || Memory.contains(B);
      return true;
    };
    Check(RD);
    RD->getDefinition()->forallBases(Check);
    return Found && !InMemory;
  }

  void barrier(const Twine &What, SourceLocation Loc) {
    keepFirst(E.Barrier, EffectSite{What.str(), Loc});
  }

  bool isSyncCall(const FunctionDecl *FD, const Expr *Object) {
    if (V.list(VocabList::LockReleasingWaits).contains(FD))
      return true;
    LockModel L(V);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      return Object && L.methodKind(MD) &&
             isMutexType(Object->getType(), V, /*AllowPointer=*/true);
    return L.functionKind(FD).has_value();
  }

  void call(const Expr *Call, const FunctionDecl *FD, const Expr *Object,
            ArrayRef<const Expr *> Args, unsigned FirstParam) {
    SourceLocation Loc = Call->getBeginLoc();
    std::string Name = FD && FD->getDeclName().isIdentifier()
                           ? FD->getName().str()
                           : FD ? FD->getNameAsString() : "a function pointer";
    if (FD && isSyncCall(FD, Object)) {
      barrier("'" + Name + "'", Loc);
      return;
    }
    if (Object) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
      touch(Object, MD && MD->isConst() ? AK_Read : AK_Read | AK_Write);
    }
    arguments(FD, Args, FirstParam);
    if (isOrderedOutput(Call, FD, Object))
      keepFirst(E.External, EffectSite{"'" + Name + "'", Loc});
    if (std::optional<std::string> Blocking = directBlockingName(Call, V)) {
      keepFirst(E.External, EffectSite{"'" + *Blocking + "'", Loc});
      return;
    }
    if (!FD) {
      keepFirst(E.Unknown, EffectSite{"a call through a pointer", Loc});
      return;
    }
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (MD && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
        !MD->getParent()->hasAttr<FinalAttr>()) {
      keepFirst(E.Unknown, EffectSite{"the virtual call to '" + Name + "'", Loc});
      return;
    }
    if (const FunctionDecl *Def = analysableBody(FD, Ctx.getSourceManager())) {
      E.merge(summary(Def), /*KeepLocals=*/false);
      return;
    }
    // The standard library touches only what it is given, except when it
    // calls back into user code (std::function, a functor's operator()).
    const SourceManager &SM = Ctx.getSourceManager();
    if (FD->isInStdNamespace() || (MD && MD->getParent()->isInStdNamespace()) ||
        SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()))) {
      if (MD && MD->getOverloadedOperator() == OO_Call)
        keepFirst(E.Unknown, EffectSite{"the callable invoked here", Loc});
      return;
    }
    keepFirst(E.Unknown, EffectSite{"'" + Name + "'", Loc});
    keepFirst(E.External, EffectSite{"'" + Name + "'", Loc});
  }

  Effects summary(const FunctionDecl *Def) {
    auto It = Cache.find(Def);
    if (It != Cache.end())
      return It->second;
    Cache[Def] = Effects(); // a recursive call adds nothing new
    if (Depth >= 6) {
      Effects U;
      U.Unknown = {"'" + Def->getNameAsString() + "' (too deep to follow)",
                   Def->getLocation()};
      return Cache[Def] = U;
    }
    Collector Inner(Ctx, V, Cache, Depth + 1);
    Inner.TraverseStmt(Def->getBody());
    Effects S;
    S.merge(Inner.E, /*KeepLocals=*/false);
    return Cache[Def] = S;
  }

  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *FD = C->getDirectCallee();
    std::vector<const Expr *> Args(C->arg_begin(), C->arg_end());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
      call(C, FD, MC->getImplicitObjectArgument(), Args, 0);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C);
               Op && isa_and_nonnull<CXXMethodDecl>(FD) && !Args.empty()) {
      call(C, FD, Args.front(), ArrayRef(Args).drop_front(), 0);
    } else {
      call(C, FD, nullptr, Args, 0);
    }
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    if (std::optional<GuardInfo> G = guardInfo(C, V)) {
      barrier("the lock guard", C->getBeginLoc());
      return true;
    }
    std::vector<const Expr *> Args(C->arg_begin(), C->arg_end());
    const CXXConstructorDecl *Ctor = C->getConstructor();
    if (!Ctor || Ctor->isTrivial() ||
        (Ctor->isCopyOrMoveConstructor() && Ctor->getParent()->isInStdNamespace())) {
      arguments(Ctor, Args, 0);
      return true;
    }
    call(C, Ctor, nullptr, Args, 0);
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E2) {
    keepFirst(E.Unknown, EffectSite{"a call that depends on a template parameter", E2->getBeginLoc()});
    return true;
  }
  bool VisitUnresolvedLookupExpr(UnresolvedLookupExpr *E2) {
    keepFirst(E.Unknown, EffectSite{"a call that depends on a template parameter", E2->getBeginLoc()});
    return true;
  }
  bool VisitUnresolvedMemberExpr(UnresolvedMemberExpr *E2) {
    keepFirst(E.Unknown, EffectSite{"a call that depends on a template parameter", E2->getBeginLoc()});
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *N) {
    (void)N; // allocation is thread-safe and touches no named storage
    return true;
  }

  ASTContext &Ctx;
  const Vocabulary &V;
  SummaryCache &Cache;
  unsigned Depth;
};

} // namespace

Effects effectsOf(const Stmt *S, ASTContext &Ctx, const Vocabulary &V) {
  SummaryCache Cache;
  Collector C(Ctx, V, Cache, 0);
  C.TraverseStmt(const_cast<Stmt *>(S));
  return C.E;
}

/// A variable used in both with a write on either side.
static std::optional<EffectSite> sharedVariable(const Effects &A,
                                                const Effects &B) {
  for (const auto &[D, BA] : B.Vars) {
    auto It = A.Vars.find(D);
    if (It == A.Vars.end())
      continue;
    if ((It->second.Kind | BA.Kind) & AK_Write)
      return EffectSite{"'" + D->getNameAsString() + "'", BA.Loc};
  }
  return std::nullopt;
}

/// Indirect writes of \p A against anything of \p B that may alias.
static std::optional<EffectSite> aliasing(const Effects &A, const Effects &B) {
  if (!A.IndirectWrite)
    return std::nullopt;
  if (B.IndirectRead || B.IndirectWrite)
    return B.IndirectRead ? B.IndirectRead : B.IndirectWrite;
  for (const auto &[D, BA] : B.Vars) {
    // A local that is neither a reference nor an array could only be
    // reached through a pointer if its address were taken, which counts
    // as a write of it here.
    if (!isSharedStorage(D) && !D->getType()->isReferenceType() &&
        !D->getType()->isArrayType() && !D->getType()->isPointerType())
      continue;
    return EffectSite{"'" + D->getNameAsString() + "'", BA.Loc};
  }
  return std::nullopt;
}

std::optional<EffectSite> dependency(const Effects &A, const Effects &B) {
  if (B.Barrier)
    return B.Barrier;
  if (A.Barrier)
    return A.Barrier;
  if (B.Jump)
    return B.Jump;
  if (A.Jump)
    return A.Jump;
  if (auto S = sharedVariable(A, B))
    return S;
  bool ATouches = !A.Vars.empty() || A.External || A.IndirectRead || A.IndirectWrite;
  bool BTouches = !B.Vars.empty() || B.External || B.IndirectRead || B.IndirectWrite;
  if (B.Unknown && (ATouches || A.Unknown))
    return B.Unknown;
  if (A.Unknown && BTouches)
    return A.Unknown;
  if (A.External && B.External)
    return B.External;
  if (auto S = aliasing(A, B))
    return S;
  if (auto S = aliasing(B, A))
    return S;
  return std::nullopt;
}

} // namespace pitfix
