//===- ThreadNotJoinedAction.cpp - a std::thread destroyed while joinable -===//
//
// A std::thread whose destructor (or move assignment) runs while it is
// still joinable calls std::terminate: an early return, a break or an
// exception between the spawn and the join ends the whole process. The
// control-flow analysis of ThreadJoins finds such a path. For a local
// variable that is only joined and queried, in C++20 and later, the fix
// makes it a std::jthread, whose destructor joins: the existing joins stay.
// Members, and threads used in other ways, are reported.
//
//===----------------------------------------------------------------------===//
#include "analysis/SourceText.h"
#include "analysis/Spawns.h"
#include "analysis/ThreadJoins.h"
#include "conditions/JthreadFit.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The `how` of the message, and the note at the end's location.
std::pair<std::string, std::string> describe(const JoinableEnd &E,
                                             StringRef Var) {
  switch (E.Kind) {
  case JoinableEndKind::Return:
    return {"is still joinable when the function returns early",
            "returns here with '" + Var.str() + "' still joinable"};
  case JoinableEndKind::LoopExit:
    return {"is still joinable when this jump leaves its scope",
            "leaves the scope of '" + Var.str() + "' here"};
  case JoinableEndKind::Exception:
    return {"is still joinable when an exception leaves its scope",
            E.Why + "; an exception here leaves '" + Var.str() +
                "' joinable"};
  case JoinableEndKind::Reassigned:
    return {"is assigned a new thread while it may still be joinable",
            "assigned here"};
  case JoinableEndKind::ScopeEnd:
    if (E.NeverFinished)
      return {"is never joined or detached", "its scope ends here"};
    return {"can reach the end of its scope still joinable",
            "a path that does not join it reaches here"};
  }
  return {};
}

/// The `how` of the message for a container of threads, and the note.
std::pair<std::string, std::string> describeContainer(const JoinableEnd &E,
                                                      StringRef Var) {
  switch (E.Kind) {
  case JoinableEndKind::Return:
    return {"still holds joinable threads when the function returns early",
            "returns here before the threads of '" + Var.str() +
                "' are joined"};
  case JoinableEndKind::LoopExit:
    return {"still holds joinable threads when this jump leaves its scope",
            "leaves the scope of '" + Var.str() + "' here"};
  case JoinableEndKind::Exception:
    return {"still holds joinable threads when an exception leaves its scope",
            E.Why + "; an exception here skips the join of the threads of '" +
                Var.str() + "'"};
  case JoinableEndKind::Reassigned:
  case JoinableEndKind::ScopeEnd:
    if (E.NeverFinished)
      return {"holds threads that are never joined or detached",
              "its scope ends here"};
    return {"can reach the end of its scope holding joinable threads",
            "a path that does not join them reaches here"};
  }
  return {};
}

/// The `left-joinable` condition.
class LeftJoinable {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    if (const auto *V = N.get<VarDecl>()) {
      if (isThreadArray(V->getType(), C.vocab(), C.ast()))
        return array(C, V, Out);
      if (isThreadContainer(V->getType(), C.vocab()))
        return container(C, V, Out);
      return local(C, V, Out);
    }
    if (const auto *F = N.get<FieldDecl>())
      return member(C, F, Out);
    return false;
  }

private:
  static bool isInstantiated(const DeclContext *DC) {
    for (; DC; DC = DC->getParent()) {
      if (const auto *Fn = dyn_cast<FunctionDecl>(DC);
          Fn && Fn->isTemplateInstantiation())
        return true;
      if (const auto *RD = dyn_cast<ClassTemplateSpecializationDecl>(DC);
          RD && RD->getSpecializationKind() != TSK_ExplicitSpecialization)
        return true;
    }
    return false;
  }

  static bool local(MatchContext &C, const VarDecl *V, ConditionOutput &Out) {
    if (isInstantiated(V->getDeclContext()) || !V->getIdentifier())
      return false;
    std::optional<JoinableEnd> End = joinableEndOfLocal(V, C.ast(), C.vocab());
    if (!End)
      return false;
    auto [How, Note] = describe(*End, V->getName());
    Out.At = V->getLocation();
    Out.Fills = {{"var", V->getNameAsString()},
                 {"how", How},
                 {"op", End->Kind == JoinableEndKind::Reassigned
                            ? "move assignment"
                            : "destructor"}};
    Out.Notes.push_back({End->Loc, Note});
    if (!C.lang().CPlusPlus20) {
      Out.Refusal = Twine("std::jthread, whose destructor joins, needs C++20; join '" +
               V->getName() + "' on every path").str();
      return true;
    }
    if (End->Kind == JoinableEndKind::Reassigned) {
      Out.Refusal = Twine("a std::jthread assigned a new thread would wait for the old "
               "one there; join it before the assignment").str();
      return true;
    }
    if (!usedOnlyAsJoinableHandle(V, C.ast())) {
      Out.Refusal = Twine("'" + V->getName() +
               "' is used other than through join(), joinable(), get_id() "
               "and native_handle(); a std::jthread may not fit those uses").str();
      return true;
    }
    std::optional<SpawnInfo> S =
        spawnInfo(spawnValue(V->getInit(), C.vocab()), C.vocab());
    if (!S || !callsWorkTheSame(*S)) {
      Out.Refusal = Twine("the work may accept a std::stop_token first, which a "
               "std::jthread would pass to it").str();
      return true;
    }
    if (const VarDecl *Later = referenceDeclaredAfter(*S, V, C.sm())) {
      Out.Refusal = Twine("the work uses '" + Later->getName() +
               "' by reference, which is declared after '" + V->getName() +
               "' and so destroyed before a std::jthread would join").str();
      return true;
    }
    const DeclStmt *DS = nullptr;
    for (const auto &P : C.ast().getParents(*V))
      DS = P.get<DeclStmt>();
    if (!DS || !DS->isSingleDecl()) {
      Out.Refusal = Twine("'" + V->getName() + "' is declared together with other "
               "variables, whose type would change too").str();
      return true;
    }
    const SourceManager &SM = C.sm();
    SourceRange TR = V->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    std::string Text = sourceText(TR, SM, C.lang());
    std::string New;
    if (Text == "std::thread" || Text == "::std::thread" || Text == "thread")
      New = Text.substr(0, Text.size() - 6) + "jthread";
    if (New.empty()) {
      Out.Refusal = Twine(Text.empty() ? "the type is written inside a macro expansion"
                            : "the type is written as '" + Text +
                                  "', not as std::thread").str();
      return true;
    }
    Out.Binds.insert_or_assign(
        "thread_type",
        DynTypedNode::create(V->getTypeSourceInfo()->getTypeLoc()));
    Out.Fills["jthread"] = New;
    return true;
  }

  /// `std::thread workers[4];` (or a std::array) that a path leaves holding
  /// joinable threads: reported (an array of std::jthread would also need
  /// its assignments changed).
  static bool array(MatchContext &C, const VarDecl *V, ConditionOutput &Out) {
    if (isInstantiated(V->getDeclContext()) || !V->getIdentifier())
      return false;
    std::optional<JoinableEnd> End = joinableEndOfArray(V, C.ast(), C.vocab());
    if (!End)
      return false;
    auto [How, Note] = describeContainer(*End, V->getName());
    Out.At = V->getLocation();
    Out.Fills = {
        {"var", V->getNameAsString()}, {"how", How}, {"op", "destructor"}};
    const Expr *Spawn = End->NeverFinished
                            ? neverJoinedArraySpawn(V, C.ast(), C.vocab())
                            : nullptr;
    if (Spawn)
      Out.Notes.push_back(
          {Spawn->getBeginLoc(),
           "a thread of '" + V->getName().str() + "' starts here"});
    else
      Out.Notes.push_back({End->Loc, Note});
    Out.Refusal = "join each thread of '" + V->getName().str() +
                  "' before the array goes out of scope (an array of "
                  "std::jthread joins them itself)";
    return true;
  }

  static bool container(MatchContext &C, const VarDecl *V,
                        ConditionOutput &Out) {
    if (isInstantiated(V->getDeclContext()) || !V->getIdentifier())
      return false;
    std::optional<JoinableEnd> End =
        joinableEndOfContainer(V, C.ast(), C.vocab());
    if (!End)
      return false;
    auto [How, Note] = describeContainer(*End, V->getName());
    Out.At = V->getLocation();
    Out.Fills = {{"var", V->getNameAsString()},
                 {"how", How},
                 {"op", "destructor"}};
    Out.Notes.push_back({End->Loc, Note});
    if (!C.lang().CPlusPlus20) {
      Out.Refusal = Twine("std::jthread, whose destructor joins, needs C++20; join the "
               "threads of '" + V->getName() + "' on every path").str();
      return true;
    }
    if (Refusal Misfit = containerJthreadMisfit(V, C.ast(), C.vocab())) {
      if (Misfit.hasNote())
        Out.Notes.push_back({Misfit.Place, Misfit.Note});
      Out.Refusal = Misfit.Reason;
      return true;
    }
    // The element type as written: std::vector<std::thread>.
    TypeLoc TL = V->getTypeSourceInfo()->getTypeLoc();
    if (auto E = TL.getAs<ElaboratedTypeLoc>())
      TL = E.getNamedTypeLoc();
    auto TST = TL.getAs<TemplateSpecializationTypeLoc>();
    TypeSourceInfo *Arg =
        TST && TST.getNumArgs() >= 1 &&
                TST.getArgLoc(0).getArgument().getKind() ==
                    TemplateArgument::Type
            ? TST.getArgLoc(0).getTypeSourceInfo()
            : nullptr;
    if (!Arg) {
      Out.Refusal = Twine("the type of '" + V->getName() +
               "' is not written as a container of std::thread").str();
      return true;
    }
    const SourceManager &SM = C.sm();
    SourceRange AR = Arg->getTypeLoc().getSourceRange();
    std::string Text = sourceText(AR, SM, C.lang());
    if (Text != "std::thread" && Text != "::std::thread" && Text != "thread") {
      Out.Refusal = Twine(Text.empty() ? "the type is written inside a macro expansion"
                            : "the element type is written as '" + Text +
                                  "', not as std::thread").str();
      return true;
    }
    Out.Binds.insert_or_assign("thread_type",
                               DynTypedNode::create(Arg->getTypeLoc()));
    Out.Fills["jthread"] = Text.substr(0, Text.size() - 6) + "jthread";
    return true;
  }

  static bool member(MatchContext &C, const FieldDecl *Fd,
                     ConditionOutput &Out) {
    const auto *RD = dyn_cast<CXXRecordDecl>(Fd->getParent());
    if (!RD || !RD->getIdentifier() || isInstantiated(RD) ||
        !memberThreadStart(Fd, C.vocab()))
      return false;
    std::string Class = RD->getNameAsString();
    std::string Var = Fd->getNameAsString();
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    std::optional<JoinableEnd> End;
    if (Dtor && Dtor->isUserProvided()) {
      const FunctionDecl *Def = Dtor->getDefinition();
      if (!Def || !Def->getBody())
        return false; // defined elsewhere: not seen
      End = joinableEndOfMember(Fd, cast<CXXDestructorDecl>(Def), C.ast(),
                                C.vocab());
      if (!End)
        return false;
      Out.At = Fd->getLocation();
      Out.Fills = {{"var", Var},
                   {"how", "is not joined on every path of the destructor "
                           "of '" + Class + "'"},
                   {"op", "destructor"}};
      Out.Notes.push_back({End->Loc, "the destructor can end here with '" +
                                         Var + "' still joinable"});
      Out.Refusal = "'" + Var + "' is a member; join it on every path of ~" +
                    Class + "()";
      return true;
    }
    // No destructor of its own: only when nothing in this translation unit
    // ever joins or detaches it (otherwise whoever does is trusted).
    if (finishesMember(Fd, C.ast().getTranslationUnitDecl()))
      return false;
    // And only when an object of the class is destroyed at all (one created
    // with `new` and leaked on purpose never runs its destructor).
    SourceLocation Destroyed = destructionOf(RD, C.ast());
    if (Destroyed.isInvalid())
      return false;
    Out.At = Fd->getLocation();
    Out.Fills = {{"var", Var},
                 {"how", "is never joined or detached, and '" + Class +
                             "' has no destructor that joins it"},
                 {"op", "destructor"}};
    Out.Notes.push_back(
        {memberThreadStart(Fd, C.vocab())->getBeginLoc(), "started here"});
    Out.Notes.push_back(
        {Destroyed, "an object of '" + Class + "' is destroyed here"});
    Out.Refusal = "'" + Var + "' is a member; join it in a destructor of '" +
                  Class + "'";
    return true;
  }
};

} // namespace

bool leftJoinable(const DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out) {
  return LeftJoinable::holds(N, C, Out);
}

} // namespace pitfix
