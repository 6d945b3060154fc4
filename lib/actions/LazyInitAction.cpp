//===- LazyInitAction.cpp - racy lazy initialisation of a static pointer --===//
//
// `if (!p) p = new T;` on a static pointer races when several threads get
// there: both can see null and both create (the constructor runs twice, one
// object leaks, callers hold different objects). Double-checked locking on
// a plain pointer races too: the check outside the lock reads the pointer
// while another thread writes it under the lock. The action reports a lazy
// initialisation when the code shows the threads (the lock of a
// double-checked one, spawned work that runs the function, a class with a
// mutex that hands the object out) and not only `main` before it spawns.
//
// The rewrite makes the creation a function-local static (thread-safe since
// C++11) when nothing but this function uses the pointer, and otherwise
// wraps it in std::call_once with a static std::once_flag; the pointer and
// mutex declarations that nothing else uses go (only in the same file).
//
//===----------------------------------------------------------------------===//
#include "actions/LazyInit.h"
#include "analysis/Concurrency.h"
#include "analysis/FreshName.h"
#include "analysis/HeldLocks.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"
#include "toolkit/TypeSpelling.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Why the code shows several threads at the lazy initialisation.
struct Evidence {
  std::string Why;
  SourceLocation Loc;
  std::string Note;
};

bool within(SourceLocation L, SourceRange R, const SourceManager &SM) {
  L = SM.getExpansionLoc(L);
  SourceLocation B = SM.getExpansionLoc(R.getBegin());
  SourceLocation E = SM.getExpansionLoc(R.getEnd());
  return !SM.isBeforeInTranslationUnit(L, B) &&
         !SM.isBeforeInTranslationUnit(E, L);
}

std::string quoted(const NamedDecl *D) {
  return "'" + D->getNameAsString() + "'";
}

/// The calls of \p Fn in the unit; false when \p Fn is also named other
/// than as the callee of a call (its address taken, handed on).
bool callsOf(const FunctionDecl *Fn, ASTContext &Ctx,
             std::vector<const CallExpr *> &Out) {
  for (const Expr *R : referencesTo(Fn, Ctx)) {
    const Expr *Cur = R;
    DynTypedNodeList Ps = Ctx.getParents(*Cur);
    while (!Ps.empty() && Ps[0].get<ImplicitCastExpr>()) {
      Cur = Ps[0].get<ImplicitCastExpr>();
      Ps = Ctx.getParents(*Cur);
    }
    const auto *C = Ps.empty() ? nullptr : Ps[0].get<CallExpr>();
    if (!C || C->getCallee()->IgnoreParenImpCasts() != R->IgnoreParenImpCasts())
      return false;
    Out.push_back(C);
  }
  return true;
}

/// True when every call of \p Fn is made by `main` before it starts any
/// work (before its first spawn and its first call of a spawning
/// function): the object is created before there are other threads.
bool onlyMainBeforeSpawning(const FunctionDecl *Fn, const Concurrency &CC,
                            ASTContext &Ctx) {
  std::vector<const CallExpr *> Calls;
  if (!callsOf(Fn, Ctx, Calls) || Calls.empty())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CallExpr *C : Calls) {
    const FunctionDecl *Caller = enclosingFunction(C, Ctx);
    if (!Caller || !Caller->isMain() || CC.inWork(Caller))
      return false;
    for (const ConcurrentWork &W : CC.works()) {
      if (W.Spawner == Caller &&
          !SM.isBeforeInTranslationUnit(C->getEndLoc(), W.Spawn.Call->getBeginLoc()))
        return false;
      // A call in main of a function that spawns.
      std::vector<const CallExpr *> SpawnerCalls;
      if (W.Spawner != Caller && callsOf(W.Spawner, Ctx, SpawnerCalls))
        for (const CallExpr *SC : SpawnerCalls)
          if (enclosingFunction(SC, Ctx) == Caller &&
              !SM.isBeforeInTranslationUnit(C->getEndLoc(), SC->getBeginLoc()))
            return false;
    }
  }
  return true;
}

/// Spawned work that runs \p Def while another thread can run it too.
std::optional<Evidence> workEvidence(const FunctionDecl *Def,
                                     const Concurrency &CC, ASTContext &Ctx) {
  const ConcurrentWork *First = nullptr;
  for (const ConcurrentWork &W : CC.works()) {
    bool Runs = llvm::any_of(W.Functions, [&](const ReachedFunction &R) {
      return R.Function == Def;
    });
    if (!Runs)
      continue;
    std::string Name = quoted(Def);
    if (W.Repeated)
      return Evidence{"two threads that run " + Name +
                          " can both see it null and both create it",
                      W.RepeatLoc,
                      W.RepeatIsLoop ? Name + " runs in work spawned in a loop"
                                     : "the work that runs " + Name +
                                           " is spawned again here"};
    if (First && First->Body.Function != W.Body.Function)
      return Evidence{"two spawned works run " + Name +
                          " and can both see it null",
                      W.Spawn.Call->getBeginLoc(),
                      "other work that runs " + Name + " is spawned here"};
    First = First ? First : &W;
  }
  if (!First)
    return std::nullopt;
  // The spawner calls it too, while the work runs.
  std::vector<const CallExpr *> Calls;
  callsOf(Def, Ctx, Calls);
  for (const CallExpr *C : Calls)
    if (enclosingFunction(C, Ctx) == First->Spawner &&
        CC.inWindow(*First, C->getBeginLoc()))
      return Evidence{"spawned work and " + quoted(First->Spawner) +
                          " both run " + quoted(Def) + " at the same time",
                      C->getBeginLoc(),
                      quoted(First->Spawner) + " calls it here before waiting"};
  return std::nullopt;
}

/// A class that holds a mutex is built to be shared between threads: the
/// function that hands out its instance runs on several.
std::optional<Evidence> classEvidence(const FunctionDecl *Fn,
                                      const VarDecl *Ptr,
                                      const Vocabulary &V) {
  const CXXRecordDecl *RD = nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn))
    RD = MD->getParent();
  if ((!RD || RD->isLambda()) && Ptr->isStaticDataMember())
    RD = dyn_cast<CXXRecordDecl>(Ptr->getDeclContext());
  if (!RD || RD->isLambda() || !RD->hasDefinition())
    return std::nullopt;
  for (const Decl *D : RD->getDefinition()->decls()) {
    const auto *VD = dyn_cast<ValueDecl>(D);
    if (!VD || (!isa<FieldDecl>(VD) && !isa<VarDecl>(VD)) ||
        !isMutexType(VD->getType(), V))
      continue;
    return Evidence{quoted(RD) + " holds the mutex " + quoted(VD) +
                        ", so several threads use it, and two of them can "
                        "both see it null and both create it",
                    VD->getLocation(),
                    quoted(RD) + " is shared between threads: it holds a mutex"};
  }
  return std::nullopt;
}

/// \p R widened to whole lines; between two blank lines (or at the start of
/// the file), one of them goes too, so that removing a declaration leaves
/// one blank line, not two.
CharSourceRange linesOf(CharSourceRange R, const SourceManager &SM) {
  CharSourceRange L = wholeLinesRange(R, SM);
  if (L.getEnd() == R.getEnd()) // not alone on its lines
    return L;
  auto [FID, LB] = SM.getDecomposedLoc(L.getBegin());
  unsigned LE = SM.getFileOffset(L.getEnd());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return L;
  unsigned Next = LE;
  while (Next < Buf.size() && (Buf[Next] == ' ' || Buf[Next] == '\t'))
    ++Next;
  bool BlankBefore = LB == 0 || (LB >= 2 && Buf[LB - 2] == '\n');
  if (!BlankBefore || Next >= Buf.size() || Buf[Next] != '\n')
    return L;
  return CharSourceRange::getCharRange(L.getBegin(),
                                       L.getEnd().getLocWithOffset(Next + 1 - LE));
}

/// The characters of declaration \p D with its ';' (whole lines when it is
/// alone on them); invalid when it shares its declaration with others, is
/// in a macro, or is followed by something other than ';'.
CharSourceRange declarationRange(const VarDecl *D, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (D->getBeginLoc().isMacroID() || D->getEndLoc().isMacroID())
    return {};
  for (const Decl *O : D->getDeclContext()->decls())
    if (O != D && O->getBeginLoc() == D->getBeginLoc())
      return {};
  std::optional<Token> Semi =
      Lexer::findNextToken(D->getEndLoc(), SM, LO);
  if (!Semi || !Semi->is(tok::semi))
    return {};
  return linesOf(CharSourceRange::getCharRange(D->getBeginLoc(),
                                               Semi->getEndLoc()),
                 SM);
}

/// Where a declaration that nothing else uses can be removed: every
/// redeclaration's range, all in \p FID and not visible to other units
/// (internal, a function-local static, or a static member of a class
/// declared only in this file). Empty when it cannot be removed.
std::vector<CharSourceRange> removableDecls(const ValueDecl *D, FileID FID,
                                            const Stmt *UsedOnlyIn,
                                            ASTContext &Ctx) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var)
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Expr *R : referencesTo(Var, Ctx))
    if (!within(R->getBeginLoc(), UsedOnlyIn->getSourceRange(), SM))
      return {};
  std::vector<CharSourceRange> Out;
  bool Private = !Var->isExternallyVisible() || Var->isStaticLocal();
  if (Var->isStaticDataMember()) {
    const auto *RD = cast<CXXRecordDecl>(Var->getDeclContext());
    Private = Private || (SM.getFileID(SM.getExpansionLoc(RD->getLocation())) ==
                          FID);
  }
  if (!Private)
    return {};
  for (const VarDecl *R : Var->redecls()) {
    if (SM.getFileID(SM.getExpansionLoc(R->getLocation())) != FID)
      return {};
    CharSourceRange Range;
    if (R->isLocalVarDecl()) {
      DynTypedNodeList Ps = Ctx.getParents(*R);
      const auto *DS = Ps.empty() ? nullptr : Ps[0].get<DeclStmt>();
      if (!DS || !DS->isSingleDecl())
        return {};
      Range = statementLinesRange(DS, SM, Ctx.getLangOpts());
    } else {
      Range = declarationRange(R, Ctx);
    }
    if (Range.isInvalid())
      return {};
    Out.push_back(Range);
  }
  return Out;
}

/// The type of \p P as its declaration writes it, joined to \p Name
/// (`Foo *instance`).
std::string declaratorText(const VarDecl *P, StringRef Name, ASTContext &Ctx) {
  std::string Type;
  if (const TypeSourceInfo *TSI = P->getTypeSourceInfo())
    Type = sourceText(TSI->getTypeLoc().getSourceRange(),
                      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Type.empty())
    Type = spelledType(P->getType(), Ctx);
  if (Type.empty())
    return "";
  StringRef T = StringRef(Type).rtrim();
  size_t Stars = 0;
  while (T.ends_with("*")) {
    T = T.drop_back().rtrim();
    ++Stars;
  }
  return T.str() + " " + std::string(Stars, '*') + Name.str();
}

/// A name for the once_flag that no token of the file spells.
std::string flagName(const VarDecl *P, FileID FID, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange File(SM.getLocForStartOfFile(FID), SM.getLocForEndOfFile(FID));
  std::string Base = StringRef(P->getName()).trim('_').str() + "_once";
  std::string Name = Base;
  for (int I = 2; mentionsIdentifier(File, Name, SM, Ctx.getLangOpts()); ++I)
    Name = Base + std::to_string(I);
  return Name;
}

/// The characters of \p If up to the end of its branch, with the ';' of a
/// branch that is a lone statement.
CharSourceRange ifRange(const IfStmt *If, const SourceManager &SM,
                        const LangOptions &LO) {
  return CharSourceRange::getCharRange(
      If->getBeginLoc(), statementRange(If->getThen(), SM, LO).getEnd());
}

class LazyInitAction : public Action {
public:
  void run(MatchContext &C) const override {
    ASTContext &Ctx = C.ast();
    const Vocabulary &V = C.vocab();
    std::optional<LazyInit> L = lazyInitAt(C.node<IfStmt>("root"), Ctx, V);
    if (!L)
      return;
    const FunctionDecl *Fn = enclosingFunction(L->Outer, Ctx);
    if (!Fn || !Fn->getBody() || locksHeldAt(L->Outer, Ctx, V).Any)
      return;
    const Concurrency &CC = Concurrency::of(Ctx, V);
    if (onlyMainBeforeSpawning(Fn, CC, Ctx))
      return;
    std::optional<Evidence> E;
    if (L->Guard) {
      std::string M = L->Mutex ? quoted(L->Mutex) : std::string("the mutex");
      E = Evidence{"the check before the lock on " + M +
                       " reads it while another thread writes it under the "
                       "lock (double-checked locking on a plain pointer)",
                   L->Guard->getBeginLoc(),
                   "the lock shows several threads get here; the inner "
                   "check is not enough"};
    }
    if (!E)
      E = workEvidence(Fn, CC, Ctx);
    if (!E)
      E = classEvidence(Fn, L->Ptr, V);
    if (!E)
      return;
    FindingBuilder F = C.report(L->Outer->getBeginLoc(),
                                {{"var", L->Ptr->getNameAsString()},
                                 {"why", E->Why}});
    if (E->Loc.isValid())
      F.note(E->Loc, E->Note);
    rewrite(C, F, *L, Fn);
  }

private:
  void rewrite(MatchContext &C, FindingBuilder &F, const LazyInit &L,
               const FunctionDecl *Fn) const {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const VarDecl *P = L.Ptr;
    if (!L.Assign) {
      F.note(L.Extra->getBeginLoc(), "the creation does more than this");
      F.refuse("the branch does more than assign '" + P->getNameAsString() +
               " = new ...': only a lone creation moves into a static or "
               "std::call_once");
      return;
    }
    if (L.New->getNumPlacementArgs()) {
      F.refuse("a placement or nothrow 'new' can leave '" +
               P->getNameAsString() +
               "' null for another try, which a static or std::call_once "
               "would not make");
      return;
    }
    if (Fn->isTemplated() || Fn->getTemplateInstantiationPattern()) {
      F.refuse("the function is a template: each instantiation would get a "
               "static of its own");
      return;
    }
    if (const Expr *Init = P->getAnyInitializer())
      if (Init->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ==
          Expr::NPCK_NotNull) {
        F.refuse("'" + P->getNameAsString() + "' does not start null");
        return;
      }
    std::vector<const Expr *> Refs = referencesTo(P, Ctx);
    for (const Expr *R : Refs)
      if (!within(R->getBeginLoc(), L.Outer->getSourceRange(), SM) &&
          isWrittenAt(R, Ctx)) {
        F.note(R->getBeginLoc(), "'" + P->getNameAsString() +
                                     "' is written here too");
        F.refuse("'" + P->getNameAsString() +
                 "' is also written elsewhere: neither a function-local "
                 "static nor std::call_once would create it again");
        return;
      }
    std::string Creation = sourceText(L.Assign->getSourceRange(), SM, LO);
    CharSourceRange OuterRange = ifRange(L.Outer, SM, LO);
    if (Creation.empty() || OuterRange.getBegin().isMacroID() ||
        OuterRange.getEnd().isMacroID()) {
      F.refuse("inside macro expansion");
      return;
    }
    FileID FID = SM.getFileID(OuterRange.getBegin());
    if (localStatic(C, F, L, Fn, Refs, FID))
      return;
    callOnce(C, F, L, Fn, Creation, FID);
  }

  /// `static T *p = new T(...);` in place of the check, when only \p Fn
  /// uses the pointer. False (and nothing done) when it does not fit.
  bool localStatic(MatchContext &C, FindingBuilder &F, const LazyInit &L,
                   const FunctionDecl *Fn, ArrayRef<const Expr *> Refs,
                   FileID FID) const {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const VarDecl *P = L.Ptr;
    const auto *Body = cast<CompoundStmt>(Fn->getBody());
    if (llvm::find(Body->body(), L.Outer) == Body->body_end())
      return false;
    std::vector<CharSourceRange> PtrDecls = removableDecls(P, FID, Body, Ctx);
    if (PtrDecls.empty())
      return false;
    std::vector<const Expr *> Later;
    for (const Expr *R : Refs) {
      if (within(R->getBeginLoc(), L.Outer->getSourceRange(), SM))
        continue;
      if (SM.isBeforeInTranslationUnit(R->getBeginLoc(), L.Outer->getBeginLoc()) ||
          R->getBeginLoc().isMacroID())
        return false;
      Later.push_back(R);
    }
    std::string Decl = declaratorText(P, P->getName(), Ctx);
    std::string New = sourceText(L.New->getSourceRange(), SM, LO);
    if (Decl.empty() || New.empty())
      return false;
    for (const CharSourceRange &R : PtrDecls)
      F.remove(R);
    if (L.Mutex)
      for (const CharSourceRange &R : removableDecls(L.Mutex, FID, L.Outer, Ctx))
        F.remove(R);
    F.replace(ifRange(L.Outer, SM, LO),
              "static " + Decl + " = " + New + ";");
    for (const Expr *R : Later)
      if (sourceText(R->getSourceRange(), SM, LO) != P->getName())
        F.replace(CharSourceRange::getTokenRange(R->getSourceRange()),
                  P->getName());
    return true;
  }

  /// `std::call_once(flag, [&] { p = new T(...); });` with a static
  /// once_flag after the pointer's definition (or before the call when the
  /// definition is elsewhere).
  void callOnce(MatchContext &C, FindingBuilder &F, const LazyInit &L,
                const FunctionDecl *Fn, StringRef Creation, FileID FID) const {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const VarDecl *P = L.Ptr;
    std::string Flag = flagName(P, FID, Ctx);
    std::string FlagDecl = "static std::once_flag " + Flag + ";";
    // After the definition, when it is in this file before the function.
    SourceLocation After;
    const VarDecl *Def = P->getDefinition();
    if (Def && !Def->getLocation().isMacroID() &&
        SM.getFileID(Def->getLocation()) == FID &&
        SM.isBeforeInTranslationUnit(Def->getLocation(), Fn->getBeginLoc()) &&
        Def->getDeclContext()->isFileContext()) {
      CharSourceRange R = declarationRange(Def, Ctx);
      if (R.isValid())
        After = R.getEnd();
    } else if (P->isStaticLocal() && P->getDeclContext() == Fn) {
      DynTypedNodeList Ps = Ctx.getParents(*P);
      if (const auto *DS = Ps.empty() ? nullptr : Ps[0].get<DeclStmt>();
          DS && DS->isSingleDecl())
        After = statementLinesRange(DS, SM, LO).getEnd();
    }
    std::string Call = "std::call_once(" + Flag + ", [&] { " + Creation.str() +
                       "; });";
    if (After.isValid() && !After.isMacroID()) {
      bool LineEnd = SM.getCharacterData(After)[-1] == '\n';
      std::string Indent = lineIndent(After.getLocWithOffset(-1), SM);
      F.insert(After, LineEnd ? Indent + FlagDecl + "\n" : "\n" + Indent + FlagDecl);
    } else {
      const Stmt *Slot = enclosingBlockStatement(L.Outer, Ctx);
      if (Slot != L.Outer) {
        F.refuse("no place for the std::once_flag: the check is not a "
                 "statement of a block");
        return;
      }
      Call = FlagDecl + "\n" + lineIndent(L.Outer->getBeginLoc(), SM) + Call;
    }
    if (L.Mutex)
      for (const CharSourceRange &R : removableDecls(L.Mutex, FID, L.Outer, Ctx))
        F.remove(R);
    F.replace(ifRange(L.Outer, SM, LO), Call);
    F.addIncludes(FID, {"<mutex>"});
  }
};

} // namespace

Expected<std::unique_ptr<Action>> createLazyInitAction(const ActionOptions &) {
  return std::make_unique<LazyInitAction>();
}

} // namespace pitfix
