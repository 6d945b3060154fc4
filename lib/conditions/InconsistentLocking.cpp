//===- InconsistentLocking.cpp - guarded members touched without the lock -===//
//
// Infer's LOCK_CONSISTENCY_VIOLATION in C++: a class writes a member with
// its own mutex held in one method, and a public method reads or writes it
// without that mutex. The class says by its mutex that its objects are
// shared, so no spawn needs to be visible. The condition
// `inconsistently-locked` holds on the body of such a public method and
// reports at its first unguarded access, with a note at the guarded write.
//
// For the rule's fix it binds `unguarded`, the statement of the method's
// block before which a guard on the mutex covers every unguarded access of
// the method (the guard then lives to the end of that block), and fills
// {guard_type} and {lock_arg} as the class itself spells a guard on that
// mutex. It refuses the fix when the method holds another lock, when the
// code the guard would cover synchronises, blocks, waits or calls code it
// cannot see (which could take the mutex again), when a const method would
// lock a mutex that is not mutable, or when the method returns a reference
// or pointer (the caller would use it after the lock is released).
//
//===----------------------------------------------------------------------===//
#include "conditions/ClassLocking.h"
#include "conditions/PitfallConditions.h"

#include "analysis/AstWalk.h"
#include "analysis/Effects.h"
#include "analysis/Locks.h"
#include "engine/MatchContext.h"
#include "toolkit/TypeSpelling.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace pitfix {
namespace {

std::string quoted(const NamedDecl *D) {
  return "'" + D->getNameAsString() + "'";
}

/// The method whose body (or declaration) \p N is.
const CXXMethodDecl *methodOf(const DynTypedNode &N, ASTContext &Ctx) {
  if (const auto *M = N.get<CXXMethodDecl>())
    return M->isThisDeclarationADefinition() ? M : nullptr;
  const auto *Body = N.get<CompoundStmt>();
  if (!Body)
    return nullptr;
  for (const DynTypedNode &P : Ctx.getParents(*Body))
    if (const auto *M = P.get<CXXMethodDecl>())
      return M->getBody() == Body ? M : nullptr;
  return nullptr;
}

/// The unguarded accesses that the finding is about, with the mutex that
/// guards each.
struct Unguarded {
  const MemberAccess *Access;
  const GuardedWrite *Write;
};

/// Calls that wait for other threads: holding the mutex over them can
/// deadlock (the other thread may need it to finish).
std::optional<std::string> waitIn(const Stmt *S, const Vocabulary &V) {
  std::optional<std::string> Found;
  forEachStmt(S, [&](const Stmt *X) {
    const auto *C = dyn_cast<CallExpr>(X);
    const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
    if (!FD || !FD->getIdentifier())
      return true;
    bool Waits = V.list(VocabList::ThreadJoinMethods).contains(FD) ||
                 V.list(VocabList::CounterWaitMethods).contains(FD) ||
                 V.list(VocabList::ConditionVariableWaitMethods).contains(FD);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
        MD && MD->getParent()->isInStdNamespace() &&
        MD->getParent()->getIdentifier() &&
        is_contained({"future", "shared_future"},
                     MD->getParent()->getName()) &&
        MD->getName() != "valid")
      Waits = true;
    if (Waits)
      Found = "'" + FD->getName().str() + "'";
    return !Found;
  });
  return Found;
}

class InconsistentLocking {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const CXXMethodDecl *M = methodOf(N, C.ast());
    if (!M || M->isTemplateInstantiation())
      return false;
    const CXXRecordDecl *RD = M->getParent();
    if (!RD || isa<ClassTemplateSpecializationDecl>(RD) ||
        C.sm().isInSystemHeader(C.sm().getExpansionLoc(M->getLocation())))
      return false;
    const ClassLocking *L = classLocking(RD, C.ast(), C.vocab());
    const MethodLocking *ML = L && !L->OtherLocks ? L->method(M) : nullptr;
    if (!ML || ML->Entry != MethodEntry::Public || ML->Teardown)
      return false;
    std::vector<Unguarded> Found = unguarded(*L, *ML, C);
    if (Found.empty())
      return false;
    const Unguarded &First = Found.front();
    const FieldDecl *Mutex = First.Write->Mutex;
    Out.At = First.Access->Ref->getMemberLoc();
    Out.Fills["member"] = First.Access->Field->getNameAsString();
    Out.Fills["access"] = First.Access->Write ? "written" : "read";
    Out.Fills["mutex"] = Mutex->getNameAsString();
    Out.Fills["writer"] = First.Write->Method->getNameAsString();
    Out.Notes.push_back({First.Write->Ref->getMemberLoc(),
                         quoted(First.Access->Field) + " is written here with " +
                             quoted(Mutex) + " held"});
    Out.Refusal = fix(*L, *ML, Found, C, Out);
    return true;
  }

private:
  /// `items_.size()`, `items_.empty()` of a standard container or string,
  /// or a getter of one scalar field (`gateway_.GetNumSentBytes()`): one
  /// word read, whose worst outcome is a stale count (a statistic, an early
  /// return that the locked code checks again), not a broken object.
  static bool readsOnlyCount(const MemberExpr *Ref, ASTContext &Ctx) {
    const CXXMemberCallExpr *Call = memberCallOn(Ref, Ctx);
    const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
    if (!MD || !MD->getIdentifier() || !MD->isConst())
      return false;
    if (!MD->getParent()->isInStdNamespace())
      return returnsOneWord(MD);
    return countsStdContainer(MD);
  }

  /// `size()`, `empty()`, `length()`, `capacity()` of a standard class.
  static bool countsStdContainer(const CXXMethodDecl *MD) {
    if (!MD || !MD->getIdentifier() || !MD->getParent()->isInStdNamespace())
      return false;
    StringRef N = MD->getName();
    return N == "size" || N == "empty" || N == "length" || N == "capacity";
  }

  /// A const getter whose body returns one word of the object: a scalar
  /// field (`size_t GetNumSentBytes() const { return m_NumSentBytes; }`)
  /// or the count of a standard container field (`bool IsEmpty() const {
  /// return m_Buffers.empty(); }`).
  static bool returnsOneWord(const CXXMethodDecl *MD, int Depth = 0) {
    const FunctionDecl *Def = nullptr;
    // A member of a class template that this unit does not instantiate:
    // its pattern says the same.
    if (!MD->hasBody(Def) || !Def)
      if (const FunctionDecl *P = MD->getTemplateInstantiationPattern())
        P->hasBody(Def);
    if (!Def)
      return false;
    const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
    if (!Body || Body->size() != 1)
      return false;
    const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
    const Expr *V = Ret && Ret->getRetValue()
                        ? Ret->getRetValue()->IgnoreParenImpCasts()
                        : nullptr;
    bool Count = false;
    // A count of a member container, standard or a project's whose count
    // is itself one word (`return buffer.GetCapacity();` over `return
    // size_;`).
    if (const auto *C = dyn_cast_or_null<CXXMemberCallExpr>(V);
        C && C->getNumArgs() == 0 && C->getMethodDecl() &&
        (countsStdContainer(C->getMethodDecl()) ||
         (Depth < 2 && C->getMethodDecl()->isConst() &&
          !C->getMethodDecl()->getParent()->isInStdNamespace() &&
          returnsOneWord(C->getMethodDecl(), Depth + 1)))) {
      V = C->getImplicitObjectArgument()->IgnoreParenImpCasts();
      Count = true;
    }
    const auto *ME = dyn_cast_or_null<MemberExpr>(V);
    if (!ME || !isa<FieldDecl>(ME->getMemberDecl()) ||
        !(Count || ME->getType()->isScalarType()))
      return false;
    // A field of the object, or of a member object (`socket_.sock`).
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    while (const auto *Outer = dyn_cast<MemberExpr>(Base)) {
      Base = Outer->getBase()->IgnoreParenImpCasts();
      if ((Outer->isArrow() && !isa<CXXThisExpr>(Base)) ||
          !isa<FieldDecl>(Outer->getMemberDecl()))
        return false;
    }
    return isa<CXXThisExpr>(Base);
  }

  /// `queue_.read(&item)` on a lock-free structure (a class with an atomic
  /// field): its methods order themselves; the mutex may serialise only
  /// its producers.
  static bool callsLockFree(const MemberExpr *Ref, MatchContext &C) {
    return memberCallOn(Ref, C.ast()) &&
           hasSelfSynchronisingField(Ref->getType(), C.vocab());
  }

  /// The call of a method on the member \p Ref (`items_.size()`), or null.
  static const CXXMemberCallExpr *memberCallOn(const MemberExpr *Ref,
                                               ASTContext &Ctx) {
    const auto *Callee = dyn_cast_or_null<MemberExpr>(valueUser(Ref, Ctx));
    if (!Callee)
      return nullptr;
    DynTypedNodeList Ps = Ctx.getParents(*Callee);
    return Ps.empty() ? nullptr : Ps[0].get<CXXMemberCallExpr>();
  }

  /// The method is a const getter of one number of its own class (`int
  /// size_limit() const { return m_size; }`): the same one-word read, at
  /// worst a stale limit or count. Not a pointer, which a writer may delete.
  static bool returnsOneNumber(const CXXMethodDecl *M) {
    if (!M->isConst() || !returnsOneWord(M))
      return false;
    QualType T = M->getReturnType().getNonReferenceType();
    return T->isArithmeticType() || T->isEnumeralType();
  }

  /// Is the member of \p A written without its mutexes more often than
  /// with them, outside set-up code? Then the lock only happens to be held
  /// at the few writes it covers (a status a locked send sets too, on an
  /// object one event loop drives); it is not the member's guard.
  static bool mostlyWrittenUnlocked(const ClassLocking &L,
                                    const MemberAccess &A,
                                    const std::vector<GuardedWrite> &All) {
    unsigned Locked = 0, Unlocked = 0;
    for (const MethodLocking &M : L.Methods) {
      // Clean-ups run once, at the end: not how the member is kept.
      if (M.Entry == MethodEntry::Exempt || M.Teardown)
        continue;
      for (const MemberAccess &W : M.Accesses) {
        if (!W.Write || W.Field != A.Field || !pathsOverlap(W.Path, A.Path) ||
            W.UnknownLock)
          continue;
        bool Held = any_of(All, [&](const GuardedWrite &G) {
          return is_contained(W.Held, G.Mutex) ||
                 is_contained(M.HeldOnEntry, G.Mutex);
        });
        ++(Held ? Locked : Unlocked);
      }
    }
    return Unlocked > Locked;
  }

  /// The accesses of \p ML of members that a mutex guards, made without
  /// any mutex that guards them, in source order.
  static std::vector<Unguarded> unguarded(const ClassLocking &L,
                                          const MethodLocking &ML,
                                          MatchContext &C) {
    const SourceManager &SM = C.sm();
    std::vector<Unguarded> Found;
    for (const MemberAccess &A : ML.Accesses) {
      const std::vector<GuardedWrite> *All = L.guardedWrites(A.Field);
      if (!All || A.UnknownLock || synchronisesItself(A.Field, C.vocab()) ||
          callsLockFree(A.Ref, C) ||
          (!A.Write &&
           (readsOnlyCount(A.Ref, C.ast()) || returnsOneNumber(ML.Method))) ||
          mostlyWrittenUnlocked(L, A, *All))
        continue;
      // The guarded writes that touch what this access touches.
      const GuardedWrite *First = nullptr;
      bool Held = false;
      for (const GuardedWrite &G : *All) {
        if (!pathsOverlap(G.Path, A.Path))
          continue;
        First = First ? First : &G;
        Held = Held || is_contained(A.Held, G.Mutex);
      }
      if (!First || Held)
        continue;
      // Before the method starts its work, the work cannot race with it.
      if (ML.FirstSpawn &&
          SM.isBeforeInTranslationUnit(
              SM.getExpansionLoc(A.Ref->getBeginLoc()),
              SM.getExpansionLoc(ML.FirstSpawn->getBeginLoc())))
        continue;
      Found.push_back({&A, First});
    }
    return Found;
  }

  /// Binds `unguarded` and fills the guard's spelling, or says why the
  /// guard cannot be added.
  static std::string fix(const ClassLocking &L, const MethodLocking &ML,
                         const std::vector<Unguarded> &Found, MatchContext &C,
                         ConditionOutput &Out) {
    ASTContext &Ctx = C.ast();
    const CXXMethodDecl *M = ML.Method;
    const FieldDecl *Mutex = Found.front().Write->Mutex;
    bool Writes = false;
    for (const Unguarded &U : Found) {
      for (const GuardedWrite &G : *L.guardedWrites(U.Access->Field))
        if (G.Mutex != Mutex && pathsOverlap(G.Path, U.Access->Path))
          return quoted(U.Access->Field) + " is written under " +
                 quoted(G.Mutex) + " too; which mutex to take is not clear";
      if (U.Access->AnyLock) {
        Out.Notes.push_back({U.Access->Ref->getMemberLoc(),
                             "a lock is held here"});
        return "the method holds another lock there; taking " +
               quoted(Mutex) + " too could deadlock";
      }
      Writes = Writes || U.Access->Write;
    }
    QualType R = M->getReturnType();
    if (R->isReferenceType() || R->isPointerType())
      return quoted(M) + " returns a " +
             (R->isReferenceType() ? "reference" : "pointer") +
             "; its caller would use it after the lock is released";
    // The innermost block of the method that contains every access.
    const CompoundStmt *Block = nullptr;
    for (const Unguarded &U : Found) {
      const CompoundStmt *B = nullptr;
      if (!enclosingBlockStatement(U.Access->Ref, Ctx, &B) || !B)
        return "the access is not inside a block";
      Block = Block ? commonBlock(Block, B, Ctx) : B;
      if (!Block)
        return "the accesses are not inside one block of the method";
    }
    const Stmt *First = nullptr;
    for (const Stmt *S : Block->body())
      if (contains(S, Found.front().Access->Ref, Ctx)) {
        First = S;
        break;
      }
    if (!First)
      return "the access is not inside a block";
    if (const Stmt *P = parentStatement(Block, Ctx); P && isa<SwitchStmt>(P))
      return "the access is in a switch's body; a guard there would be "
             "jumped over by its case labels";
    if (First->getBeginLoc().isMacroID())
      return "the access is inside a macro expansion";
    // The guard holds the mutex from First to the end of the block.
    Effects E;
    bool After = false;
    for (const Stmt *S : Block->body()) {
      After = After || S == First;
      if (!After)
        continue;
      E.merge(effectsOf(S, Ctx, C.vocab()));
      if (std::optional<std::string> W = waitIn(S, C.vocab()))
        return "the lock would be held while " + *W +
               " waits for another thread, which may need " + quoted(Mutex);
      if (std::string Why = destructorEffects(S, Ctx, C.vocab(), E); !Why.empty())
        return Why;
    }
    if (E.Barrier) {
      Out.Notes.push_back({E.Barrier.Loc, E.Barrier.What + " is here"});
      return "the code the lock would cover also synchronises (" +
             E.Barrier.What + "); taking " + quoted(Mutex) +
             " around it could deadlock";
    }
    if (E.Unknown)
      return "the lock would cover " + E.Unknown.What +
             ", whose code is not visible here; it could take " +
             quoted(Mutex) + " again";
    if (E.External)
      return "the lock would be held over " + E.External.What +
             ", which blocks or talks to the outside world";
    std::string Type, Arg;
    bool TakesConst = false;
    if (!spell(L, Mutex, Writes, M->isConst(), Ctx, Type, Arg, TakesConst))
      return "the class locks " + quoted(Mutex) +
             " with no guard that pitfix can copy";
    if (M->isConst() && !Mutex->isMutable() && !TakesConst)
      return quoted(M) + " is const and " + quoted(Mutex) +
             " is not mutable: it cannot be locked there";
    Out.Fills["guard_type"] = Type;
    Out.Fills["lock_arg"] = Arg;
    Out.Binds.insert_or_assign("unguarded", DynTypedNode::create(*First));
    return "";
  }

  /// Destructors of the locals that \p S declares run with the lock held.
  static std::string destructorEffects(const Stmt *S, ASTContext &Ctx,
                                       const Vocabulary &V, Effects &E) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      return "";
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      const CXXRecordDecl *RD = VD ? recordOf(VD->getType()) : nullptr;
      if (!RD || !RD->hasDefinition() || VD->getType()->isReferenceType())
        continue;
      const CXXDestructorDecl *Dtor = RD->getDestructor();
      if (!Dtor || Dtor->isTrivial() || RD->isInStdNamespace())
        continue;
      const FunctionDecl *Def = nullptr;
      if (!Dtor->hasBody(Def) || !Def->getBody())
        return "the destructor of " + quoted(VD) +
               " would run with the lock held, and its code is not visible";
      E.merge(effectsOf(Def->getBody(), Ctx, V));
    }
    return "";
  }

  static bool contains(const Stmt *Outer, const Stmt *Inner, ASTContext &Ctx) {
    for (const Stmt *S = Inner; S; S = parentStatement(S, Ctx))
      if (S == Outer)
        return true;
    return false;
  }

  /// The innermost block that contains both \p A and \p B.
  static const CompoundStmt *commonBlock(const CompoundStmt *A,
                                         const CompoundStmt *B,
                                         ASTContext &Ctx) {
    for (const Stmt *S = A; S; S = parentStatement(S, Ctx))
      if (const auto *CS = dyn_cast<CompoundStmt>(S); CS && contains(CS, B, Ctx))
        return CS;
    return nullptr;
  }

  /// The guard to take: one the class itself declares on \p Mutex
  /// (shared for code that only reads, when the class has one), else
  /// std::lock_guard / std::shared_lock for a standard mutex.
  static bool spell(const ClassLocking &L, const FieldDecl *Mutex, bool Writes,
                    bool ConstMethod, ASTContext &Ctx, std::string &Type, std::string &Arg,
                    bool &TakesConst) {
    auto It = L.Spellings.find(Mutex);
    if (It != L.Spellings.end()) {
      // A reader lock only for code that only reads, preferred there; a
      // guard on a const mutex preferred in a const method.
      const GuardSpelling *Pick = nullptr;
      int Best = -1;
      for (const GuardSpelling &S : It->second) {
        if (S.Shared && Writes)
          continue;
        int Score = (S.Shared ? 2 : 0) + (ConstMethod && S.TakesConst ? 1 : 0);
        if (Score > Best) {
          Best = Score;
          Pick = &S;
        }
      }
      if (Pick) {
        Type = Pick->Type;
        Arg = Pick->Arg;
        TakesConst = Pick->TakesConst;
        return true;
      }
    }
    const CXXRecordDecl *RD = recordOf(Mutex->getType());
    if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
      return false;
    std::string MType = spelledType(Mutex->getType().getUnqualifiedType(), Ctx);
    if (MType.empty())
      return false;
    bool SharedMutex = is_contained({"shared_mutex", "shared_timed_mutex"},
                                    RD->getName());
    Type = (SharedMutex && !Writes ? "std::shared_lock<" : "std::lock_guard<") +
           MType + ">";
    Arg = Mutex->getNameAsString();
    return true;
  }
};

} // namespace

bool inconsistentlyLocked(const DynTypedNode &N, MatchContext &C,
                          ConditionOutput &Out) {
  return InconsistentLocking::holds(N, C, Out);
}

} // namespace pitfix
