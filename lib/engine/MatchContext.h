//===- MatchContext.h - what an action sees for one match -----------------===//
#pragma once

#include "analysis/Refusal.h"
#include "edit/Finding.h"
#include "engine/Action.h"
#include "engine/RuleSet.h"
#include "toolkit/SourceChanges.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/Basic/SourceManager.h"

#include <map>
#include <optional>

namespace clang::ast_matchers {
class BoundNodes;
} // namespace clang::ast_matchers

namespace pitfix {

class FindingSink;
class MatchContext;

/// Builds one finding: the message, notes, and edits. Edits that cannot be
/// made (inside a macro expansion, outside any file) turn the finding into a
/// report with the reason. The finding is handed to the engine by emit() or
/// when the builder goes out of scope.
class FindingBuilder {
public:
  FindingBuilder(MatchContext &C, clang::SourceLocation Loc,
                 std::string Message);
  FindingBuilder(FindingBuilder &&O)
      : C(O.C), F(std::move(O.F)), Anchor(O.Anchor), Emitted(O.Emitted) {
    O.C = nullptr;
  }
  FindingBuilder &operator=(FindingBuilder &&) = delete;
  ~FindingBuilder();

  /// Attaches a note at \p Loc.
  FindingBuilder &note(clang::SourceLocation Loc, const llvm::Twine &Msg);
  /// Replaces the characters (or tokens) of \p R with \p Text.
  FindingBuilder &replace(clang::CharSourceRange R, llvm::StringRef Text);
  /// Inserts \p Text before \p Loc.
  FindingBuilder &insert(clang::SourceLocation Loc, llvm::StringRef Text);
  /// Removes the characters (or tokens) of \p R.
  FindingBuilder &remove(clang::CharSourceRange R) { return replace(R, ""); }
  /// Makes every change an analysis proposed, in order.
  FindingBuilder &apply(const SourceChanges &Changes);
  /// Adds the `#include` lines for \p Headers that file \p FID lacks
  /// (includeEdit()), or refuses when the file has no place for them.
  FindingBuilder &addIncludes(clang::FileID FID,
                              llvm::ArrayRef<std::string> Headers);
  /// Gives up on the rewrite: the edits are dropped and the finding is
  /// reported with "not rewritten: <reason>".
  FindingBuilder &refuse(const llvm::Twine &Reason);
  /// The same for an analysis' objection: its note, when it has one, is
  /// attached at its place first.
  FindingBuilder &refuse(const Refusal &R);
  /// True once refuse() was called (or an edit could not be placed).
  bool refused() const { return !F.Refusal.empty(); }
  /// Hands the finding to the engine (once).
  void emit();

private:
  /// Sets the finding's scope: the outermost function around the match.
  void setScope();

  MatchContext *C;
  Finding F;
  clang::SourceLocation Anchor;
  bool Emitted = false;
};

/// The context of one match: the AST, the rule, the vocabulary, and the
/// place to report findings.
class MatchContext {
public:
  /// \p Nodes are the match's bound nodes (from a MatchResult); the header
  /// needs no matcher header, the actions' sources so parse none.
  MatchContext(const clang::ast_matchers::BoundNodes &Nodes,
               clang::ASTContext &Ctx, const CompiledRule &Rule,
               const Vocabulary &Vocab, FindingSink &Sink)
      : Nodes(Nodes), Ctx(Ctx), Rule(Rule), Vocab(Vocab), Sink(Sink) {}

  clang::ASTContext &ast() const { return Ctx; }
  clang::SourceManager &sm() const { return Ctx.getSourceManager(); }
  const clang::LangOptions &lang() const { return Ctx.getLangOpts(); }
  const CompiledRule &rule() const { return Rule; }
  const Vocabulary &vocab() const { return Vocab; }

  /// The node bound to \p Id by the rule's matcher ("root" is the whole match).
  template <typename T> const T *node(llvm::StringRef Id) const {
    const clang::DynTypedNode *N = boundNode(Id);
    return N ? N->get<T>() : nullptr;
  }
  /// The node bound to \p Id by the matcher or by a condition, or nullptr
  /// (the first, when a condition binds several).
  const clang::DynTypedNode *boundNode(llvm::StringRef Id) const;
  /// Every node bound to \p Id: one from the matcher, one or several from
  /// a condition (ConditionOutput::BindLists), none when nothing is bound.
  std::vector<const clang::DynTypedNode *> boundNodes(llvm::StringRef Id) const;
  /// Is \p Id bound, by the matcher or by a condition (a condition may bind
  /// a name to no node at all: an edit on it then makes no change)?
  bool isBound(llvm::StringRef Id) const;
  /// The place a condition bound to \p Id (ConditionOutput::Places), or
  /// nullptr.
  const clang::CharSourceRange *boundPlace(llvm::StringRef Id) const;

  /// Starts a finding at \p Loc. The rule's message is formatted with
  /// \p Args: "{name}" is replaced by Args["name"]; then with what the
  /// rule's conditions filled (fill()), then with the binds (bindText()).
  /// The conditions' notes come first; a condition's refusal refuses it.
  FindingBuilder report(clang::SourceLocation Loc,
                        const std::map<std::string, std::string> &Args = {});

  /// The value of placeholder \p Name from the match itself: "x" is the
  /// source text of the node bound as x, "x.name" the name of the
  /// declaration it is or refers to (a call's callee, a construction's
  /// class). Nullopt when nothing is bound as x or it has no name.
  std::optional<std::string> bindText(llvm::StringRef Name) const;

  /// What a `where:` condition that holds tells the finding: placeholders,
  /// notes (attached by report()) and a place to report at.
  void fill(const ConditionOutput &Out) {
    for (const auto &V : Out.Fills)
      Filled[V.first] = V.second;
    ConditionNotes.insert(ConditionNotes.end(), Out.Notes.begin(),
                          Out.Notes.end());
    if (Out.At.isValid())
      At = Out.At;
    for (const auto &B : Out.Binds)
      ConditionBinds.insert_or_assign(
          B.first, std::vector<clang::DynTypedNode>{B.second});
    for (const auto &B : Out.BindLists)
      ConditionBinds.insert_or_assign(B.first, B.second);
    for (const auto &P : Out.Places)
      ConditionPlaces.insert_or_assign(P.first, P.second);
    if (!Out.Refusal.empty() && Refusal.empty())
      Refusal = Out.Refusal;
  }
  const std::map<std::string, std::string> &filled() const { return Filled; }
  /// The place a condition decided the finding belongs, or an invalid
  /// location when none did.
  clang::SourceLocation conditionLocation() const { return At; }

  /// Converts a source location to a file position (expansion location).
  FileLoc fileLoc(clang::SourceLocation Loc) const;

  FindingSink &sink() const { return Sink; }

private:
  const clang::ast_matchers::BoundNodes &Nodes;
  std::map<std::string, std::string> Filled;
  std::vector<std::pair<clang::SourceLocation, std::string>> ConditionNotes;
  std::map<std::string, std::vector<clang::DynTypedNode>> ConditionBinds;
  std::map<std::string, clang::CharSourceRange> ConditionPlaces;
  std::string Refusal;
  clang::SourceLocation At;
  clang::ASTContext &Ctx;
  const CompiledRule &Rule;
  const Vocabulary &Vocab;
  FindingSink &Sink;
};

/// The placeholders of a `fix:` template or message: the names between
/// braces, in order ("x", "x.name", "fresh:name", ...); code braces
/// ("{ return x; }") are not placeholders.
std::vector<std::string> templatePlaceholders(llvm::StringRef Text);

/// Formats "{name}" placeholders of \p Template from \p Args.
std::string formatMessage(llvm::StringRef Template,
                          const std::map<std::string, std::string> &Args);

/// The canonical absolute path of a file the compiler read.
std::string canonicalFileName(clang::FileEntryRef FE,
                              const clang::SourceManager &SM);

/// An absolute path with symlinks and "." / ".." resolved when possible.
std::string canonicalPath(llvm::StringRef Path);

} // namespace pitfix
