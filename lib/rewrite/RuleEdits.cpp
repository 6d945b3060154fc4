//===- RuleEdits.cpp - `fix:` edits made from a rule's templates ----------===//
#include "rewrite/RuleEdits.h"
#include "rewrite/Template.h"

#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"
#include "analysis/SourceText.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"
#include "toolkit/SourceChanges.h"
#include "toolkit/StatementPlacement.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace pitfix {

namespace {


SourceLocation anchorOf(const DynTypedNode &N) {
  if (const auto *D = N.get<Decl>())
    return D->getLocation();
  return N.getSourceRange().getBegin();
}

class RuleEditsAction : public Action {
public:
  explicit RuleEditsAction(std::vector<FixEdit> Edits)
      : Edits(std::move(Edits)) {}

  void run(MatchContext &C) const override {
    const DynTypedNode *Root = C.boundNode("root");
    if (!Root)
      return;
    SourceLocation Loc = C.conditionLocation();
    if (Loc.isInvalid())
      Loc = anchorOf(*Root);
    if (Loc.isInvalid())
      return;
    FindingBuilder F = C.report(Loc);
    Expansion X{C, Loc, Edits, nullptr, {}};
    for (const FixEdit &E : Edits) {
      if (F.refused())
        break;
      std::string Why = apply(E, C, X, F);
      if (!Why.empty())
        F.refuse(Why);
    }
  }

private:
  /// The state of one match's templates: a `{fresh:x}` names one
  /// declaration per match, however many edits spell it.
  struct Expansion {
    MatchContext &C;
    SourceLocation Anchor;
    const std::vector<FixEdit> &Edits;
    /// The function a `{fresh:x}` must be unused in: the one that holds
    /// the first edit's node (the spawned function a guard goes into, not
    /// the spawner), else the root's.
    const FunctionDecl *Scope;
    std::map<std::string, std::string> Fresh;
  };

  /// \p T with its placeholders filled; "" in \p Why when one has no value.
  static std::string expand(StringRef T, Expansion &X, std::string &Why) {
    std::map<std::string, std::string> Values;
    for (const std::string &Name : templatePlaceholders(T)) {
      std::optional<std::string> V = value(Name, X, Why);
      if (!V)
        return "";
      Values[Name] = *V;
    }
    return formatMessage(T, Values);
  }

  static std::optional<std::string> value(StringRef Name, Expansion &X,
                                          std::string &Why) {
    MatchContext &C = X.C;
    if (Name.consume_front("fresh:")) {
      auto It = X.Fresh.find(Name.str());
      if (It != X.Fresh.end())
        return It->second;
      const FunctionDecl *Fn = X.Scope;
      if (!Fn)
        if (const DynTypedNode *Root = C.boundNode("root"))
          if (const Stmt *S = statementOfNode(*Root, C.ast()))
            Fn = enclosingFunction(S, C.ast());
      if (!Fn) {
        Why = "a fresh name needs a function to be unused in";
        return std::nullopt;
      }
      // `{fresh:lock|guard}`: the first candidate the function leaves free,
      // together with every name the edits make of it (`{fresh:c}_guard`).
      std::vector<std::string> Candidates;
      for (StringRef Cand : split(Name, '|'))
        Candidates.push_back(Cand.str());
      std::string Hole = "{fresh:" + Name.str() + "}", Uses;
      for (const FixEdit &E : X.Edits)
        for (StringRef T = E.Text; !T.empty();) {
          size_t At = T.find(Hole);
          Uses += T.take_front(At).str();
          if (At == StringRef::npos)
            break;
          Uses += "{name}";
          T = T.drop_front(At + Hole.size());
        }
      std::string N =
          freshTemplateName(C.ast(), Fn, Uses + "\n{name}", Candidates,
                            &C.sink().names(), X.Anchor);
      X.Fresh[Name.str()] = N;
      return N;
    }
    auto F = C.filled().find(Name.str());
    if (F != C.filled().end())
      return F->second;
    if (std::optional<std::string> T = C.bindText(Name))
      return T;
    Why = "'{" + Name.str() + "}' has no value in this match";
    return std::nullopt;
  }

  /// Makes edit \p E; returns why it cannot be made, or "".
  static std::string apply(const FixEdit &E, MatchContext &C, Expansion &X,
                           FindingBuilder &F) {
    if (E.K == FixEdit::Include) {
      std::string H = E.Bind;
      if (H.front() != '<' && H.front() != '"')
        H = "<" + H + ">";
      const SourceManager &SM = C.sm();
      F.addIncludes(SM.getFileID(SM.getExpansionLoc(X.Anchor)), {H});
      return "";
    }
    std::vector<const DynTypedNode *> Nodes = C.boundNodes(E.Bind);
    if (Nodes.empty() && !C.isBound(E.Bind))
      return "nothing is bound as '" + E.Bind + "' in this match";
    if (Nodes.empty())
      if (const CharSourceRange *P = C.boundPlace(E.Bind))
        return applyAtPlace(E, *P, X, C, F);
    if (!X.Scope && !Nodes.empty())
      if (const Stmt *S = statementOfNode(*Nodes.front(), C.ast()))
        X.Scope = enclosingFunction(S, C.ast());
    std::string Why;
    std::string Text = expand(E.Text, X, Why);
    if (!Why.empty())
      return Why;
    // A name a condition binds to several nodes: the edit on each.
    for (const DynTypedNode *N : Nodes) {
      Why = applyAt(E, *N, Text, C, F);
      if (!Why.empty())
        return Why;
    }
    return "";
  }

  /// Makes edit \p E at the place \p P a condition bound.
  static std::string applyAtPlace(const FixEdit &E, const CharSourceRange &P,
                                  Expansion &X, MatchContext &C,
                                  FindingBuilder &F) {
    if (E.Statement)
      return "'" + E.Bind +
             "' is a place, not a statement: `statement: "
             "true` does not apply to it";
    if (P.isInvalid() || P.getBegin().isMacroID() || P.getEnd().isMacroID())
      return "the code is inside a macro expansion";
    std::string Why;
    std::string Text = expand(E.Text, X, Why);
    if (!Why.empty())
      return Why;
    switch (E.K) {
    case FixEdit::Replace:
      F.replace(P, Text);
      break;
    case FixEdit::Remove:
      F.remove(P);
      break;
    case FixEdit::InsertBefore:
      F.insert(P.getBegin(), Text);
      break;
    case FixEdit::InsertAfter:
      F.insert(P.getEnd(), Text);
      break;
    case FixEdit::Include:
      break;
    }
    return "";
  }

  /// Makes edit \p E, with its template filled as \p Text, at node \p N.
  static std::string applyAt(const FixEdit &E, const DynTypedNode &Node,
                             const std::string &Text, MatchContext &C,
                             FindingBuilder &F) {
    const DynTypedNode *N = &Node;
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    SourceRange R = N->getSourceRange();
    if (R.isInvalid())
      return "the node bound as '" + E.Bind + "' has no place in the source";
    switch (E.K) {
    case FixEdit::Replace:
      F.replace(CharSourceRange::getTokenRange(R), Text);
      return "";
    case FixEdit::Remove:
      return remove(*N, C, F);
    case FixEdit::InsertBefore:
    case FixEdit::InsertAfter:
      break;
    case FixEdit::Include:
      return "";
    }
    bool Before = E.K == FixEdit::InsertBefore;
    if (!E.Statement) {
      if (Before)
        F.insert(R.getBegin(), Text);
      else
        F.insert(endOfToken(R.getEnd(), SM, LO), Text);
      return "";
    }
    // A statement of its own: on its own lines, indented like the statement
    // that contains the node.
    std::vector<std::string> Lines;
    for (StringRef L : split(StringRef(Text).rtrim("\n"), '\n'))
      Lines.push_back(L.rtrim().str());
    const Stmt *S = statementOfNode(*N, Ctx);
    if (!S)
      return "the node bound as '" + E.Bind + "' is not in a statement";
    if (Before) {
      StatementSlot Slot;
      if (const auto *Ex = dyn_cast<Expr>(S)) {
        RefusalOr<StatementSlot> Found = slotBefore(Ex, Ctx);
        if (!Found)
          return Found.refusal().Reason;
        Slot = *Found;
      } else {
        const CompoundStmt *Block = nullptr;
        Slot.Before = enclosingBlockStatement(S, Ctx, &Block);
        if (!Slot.Before)
          return "the node bound as '" + E.Bind + "' is not inside a block";
      }
      // A statement that starts its line in a block: the lines go at the
      // statement itself, each followed by its indentation, so that an
      // edit of another rule that wraps the block from its first statement
      // (a `try {`) keeps them inside.
      SourceLocation Begin = Slot.Before->getBeginLoc();
      if (!Slot.Owner && Begin.isFileID() && startsLine(Begin, SM)) {
        std::string Indent = lineIndent(Begin, SM), Joined;
        for (const std::string &L : Lines)
          Joined += L + "\n" + Indent;
        F.insert(Begin, Joined);
        return "";
      }
      SourceChanges Ch;
      insertInSlot(Ch, Slot, Lines, Ctx);
      F.apply(Ch);
      return "";
    }
    const CompoundStmt *Block = nullptr;
    const Stmt *In = enclosingBlockStatement(S, Ctx, &Block);
    if (!In || parentBlock(In, Ctx) != Block || !Block)
      return "the node bound as '" + E.Bind + "' is not inside a block";
    CharSourceRange SR = statementRange(In, SM, LO);
    if (SR.isInvalid() || SR.getEnd().isMacroID())
      return "the code is inside a macro expansion";
    std::string Indent = lineIndent(In->getBeginLoc(), SM);
    std::string Joined;
    for (const std::string &L : Lines)
      Joined += Indent + L + "\n";
    // After the statement's line when nothing but a comment follows it.
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(SM.getFileID(SR.getEnd()), &Invalid);
    unsigned Off = SM.getFileOffset(SR.getEnd());
    if (Invalid)
      return "the code is not in a file";
    StringRef Rest = Buf.drop_front(Off);
    StringRef Line = Rest.take_until([](char Ch) { return Ch == '\n'; });
    StringRef Trimmed = Line.ltrim(" \t");
    if ((Trimmed.empty() || Trimmed.starts_with("//")) &&
        Line.size() < Rest.size())
      F.insert(SR.getEnd().getLocWithOffset(Line.size() + 1), Joined);
    else
      F.insert(SR.getEnd(), "\n" + StringRef(Joined).rtrim("\n").str());
    return "";
  }

  /// Removes node \p N: a statement of a block with its line, the lone
  /// body of a loop or branch as `{}`, anything else as its tokens.
  static std::string remove(const DynTypedNode &N, MatchContext &C,
                            FindingBuilder &F) {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const Stmt *S = N.get<Stmt>();
    if (!S && N.get<VarDecl>()) {
      const auto *DS = dyn_cast_or_null<DeclStmt>(statementOfNode(N, Ctx));
      if (!DS || !DS->isSingleDecl())
        return "the variable is declared together with others";
      S = DS;
    }
    if (S) {
      const Stmt *P = parentStatement(S, Ctx);
      if (P && isa<CompoundStmt>(P)) {
        F.remove(statementRemovalRange(S, SM, LO));
        return "";
      }
      if (P && (isLoop(P) || isa<IfStmt>(P)) &&
          (loopBody(P) == S || (isa<IfStmt>(P) &&
                                (cast<IfStmt>(P)->getThen() == S ||
                                 cast<IfStmt>(P)->getElse() == S)))) {
        // `if (x) f();` without f() must not take the next statement as
        // its body.
        F.replace(statementRange(S, SM, LO), "{}");
        return "";
      }
    }
    F.remove(CharSourceRange::getTokenRange(N.getSourceRange()));
    return "";
  }

  std::vector<FixEdit> Edits;
};

} // namespace

std::unique_ptr<Action> createRuleEditsAction(const RuleSpec &Spec) {
  return std::make_unique<RuleEditsAction>(Spec.Fix);
}

} // namespace pitfix
