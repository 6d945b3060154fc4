//===- MergeGuardsAction.cpp - one std::scoped_lock for several mutexes ----===//
//
// Guards on different mutexes acquired one after another in a block lock
// them in the order written; another thread that takes them in the other
// order deadlocks with this one. std::scoped_lock acquires all of them with
// std::lock's deadlock avoidance. The rewrite replaces adjacent guard
// declarations by one `std::scoped_lock <first-name>(a, b, ...);`.
//
//===----------------------------------------------------------------------===//
#include "engine/Action.h"
#include "analysis/AstWalk.h"
#include "analysis/LockOrder.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "engine/MatchContext.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

struct HeldGuard {
  const DeclStmt *Stmt;
  const VarDecl *Var;
  GuardInfo Info;
  size_t Index; ///< Position in the block.
};

/// Collects the variables of \p Vars that \p Body refers to.
static const VarDecl *firstUse(const Stmt *Body,
                               const std::vector<const VarDecl *> &Vars,
                               SourceLocation &Where) {
  const VarDecl *Found = nullptr;
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *E = dyn_cast<DeclRefExpr>(S))
      for (const VarDecl *D : Vars)
        if (E->getDecl() == D) {
          Found = D;
          Where = E->getLocation();
        }
    return !Found;
  });
  return Found;
}

class MergeGuardsAction : public Action {
public:
  void run(MatchContext &C) const override {
    const auto *Block = C.node<CompoundStmt>("root");
    if (!Block)
      return;
    std::vector<HeldGuard> Held;
    size_t Index = 0;
    for (const Stmt *S : Block->body()) {
      ++Index;
      const auto *DS = dyn_cast<DeclStmt>(S);
      if (!DS || !DS->isSingleDecl())
        continue;
      const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
      if (!VD || !VD->getInit())
        continue;
      std::optional<GuardInfo> G = guardInfo(VD->getInit(), C.vocab());
      if (!G || G->Mode == LockMode::Defers || G->Mode == LockMode::Adopts)
        continue;
      Held.push_back({DS, VD, *G, Index - 1});
    }
    if (Held.size() < 2)
      return;
    // Distinct mutexes only: the same mutex twice is a relock, not an
    // ordering problem.
    std::vector<std::string> Keys;
    for (const HeldGuard &H : Held)
      for (const Expr *M : H.Info.Mutexes) {
        std::string K = mutexKey(M);
        if (K.empty() || is_contained(Keys, K))
          return;
        Keys.push_back(K);
      }
    // Only an order that can be reversed deadlocks: the translation unit
    // takes the same mutexes the other way round, or the caller decides
    // which mutex comes first.
    const LockOrders *Orders = nullptr;
    for (size_t I = 0; I < Held.size(); ++I)
      for (size_t J = I + 1; J < Held.size(); ++J)
        for (const Expr *A : Held[I].Info.Mutexes)
          for (const Expr *B : Held[J].Info.Mutexes) {
            std::string Why = callerDependentOrder(A, B);
            if (!Why.empty())
              return report(C, Block, Held, SourceLocation(),
                            "the order depends on the caller: " + Why);
            const ValueDecl *DA = mutexDecl(A), *DB = mutexDecl(B);
            if (!DA || !DB)
              continue;
            if (!Orders)
              Orders = &LockOrders::of(C.ast(), C.vocab());
            if (Orders->shows(DB, DA))
              return report(C, Block, Held, Orders->where(DB, DA),
                            "'" + DA->getNameAsString() + "' is locked while '" +
                                DB->getNameAsString() +
                                "' is held here: the other order");
          }
  }

private:
  void report(MatchContext &C, const CompoundStmt *Block,
              const std::vector<HeldGuard> &Held, SourceLocation OtherLoc,
              const std::string &Why) const {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    // Names for the message even when a macro declares the guards; the
    // rewrite needs each mutex's own source text.
    std::vector<std::string> MutexTexts, MutexNames;
    bool InMacro = false;
    for (const HeldGuard &H : Held)
      for (const Expr *M : H.Info.Mutexes) {
        MutexTexts.push_back(sourceText(M->getSourceRange(), SM, LO));
        MutexNames.push_back(spelledText(M, C.ast()));
        InMacro |= MutexTexts.back().empty() ||
                   H.Stmt->getBeginLoc().isMacroID();
      }
    FindingBuilder F = C.report(
        Held[1].Stmt->getBeginLoc(),
        {{"first", MutexNames.front()},
         {"second", spelledText(Held[1].Info.Mutexes[0], C.ast())},
         {"mutexes", join(MutexNames, ", ")}});
    F.note(Held[0].Stmt->getBeginLoc(), "'" + MutexNames.front() +
                                            "' is locked first here");
    F.note(OtherLoc.isValid() ? OtherLoc : Held[1].Stmt->getBeginLoc(), Why);
    if (InMacro) {
      F.refuse("a guard or its mutex is written by a macro; the rewrite "
               "cannot replace the macro's expansion");
      return;
    }

    if (!LO.CPlusPlus17) {
      F.refuse("std::scoped_lock needs C++17");
      return;
    }
    for (size_t I = 1; I < Held.size(); ++I)
      if (Held[I].Index != Held[I - 1].Index + 1) {
        F.refuse("other statements run between the acquisitions; taking all "
                 "the locks at once would hold them over those statements too");
        return;
      }
    for (const HeldGuard &H : Held) {
      if (H.Info.Mode == LockMode::Tries) {
        F.refuse("a guard only tries to lock; its outcome must stay separate");
        return;
      }
      if (H.Info.Shared) {
        F.refuse("'" + H.Var->getName() + "' is a shared (reader) lock, which "
                 "std::scoped_lock would take exclusively");
        return;
      }
      if (!C.vocab().names("mergeableGuardClasses").contains(H.Info.Class)) {
        F.refuse("'" + H.Info.Class->getName() +
                 "' is not a standard guard that std::scoped_lock can replace");
        return;
      }
      for (const Expr *M : H.Info.Mutexes)
        if (!isLockable(M->getType())) {
          F.refuse("'" + sourceText(M->getSourceRange(), SM, LO) +
                   "' has no try_lock(), which std::scoped_lock needs");
          return;
        }
    }
    std::vector<const VarDecl *> Vars;
    for (const HeldGuard &H : Held)
      Vars.push_back(H.Var);
    SourceLocation UseLoc;
    if (const VarDecl *Used = firstUse(Block, Vars, UseLoc)) {
      F.note(UseLoc, "'" + Used->getName() + "' is used here");
      F.refuse("the guard '" + Used->getName() +
               "' is used later; std::scoped_lock cannot stand in for it");
      return;
    }
    std::string Text = "std::scoped_lock " + Held[0].Var->getName().str() +
                       "(" + join(MutexTexts, ", ") + ");";
    F.replace(CharSourceRange::getTokenRange(Held[0].Stmt->getSourceRange()),
              Text);
    for (size_t I = 1; I < Held.size(); ++I)
      F.remove(statementLinesRange(Held[I].Stmt, SM, LO));
  }

  static bool isLockable(QualType T) {
    const CXXRecordDecl *RD = recordOf(T.getNonReferenceType());
    if (!RD || !RD->hasDefinition())
      return false;
    bool Has = false;
    auto Scan = [&](const CXXRecordDecl *R) {
      for (const Decl *D : R->decls())
        if (const auto *M = dyn_cast<CXXMethodDecl>(D))
          if (M->getIdentifier() && M->getName() == "try_lock")
            Has = true;
      return true;
    };
    Scan(RD->getDefinition());
    RD->getDefinition()->forallBases(Scan);
    return Has;
  }
};

} // namespace

Expected<std::unique_ptr<Action>> createMergeGuardsAction(const ActionOptions &) {
  return std::make_unique<MergeGuardsAction>();
}

} // namespace pitfix
