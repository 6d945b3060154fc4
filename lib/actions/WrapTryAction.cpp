//===- WrapTryAction.cpp - catch what would escape a spawned body ---------===//
//
// An exception that leaves the function a thread runs calls std::terminate:
// one bad input ends the whole process. The fix wraps the spawned lambda's
// body in `try { ... } catch (const std::exception &e) { <handler> }
// catch (...) { <handler> }` with handlers from the rule's options, and adds
// the headers they need. A trailing completion signal stays after the
// handlers, so that it is made on the exception path as well.
//
//===----------------------------------------------------------------------===//
#include "actions/Completion.h"
#include "actions/ExceptionSupport.h"
#include "analysis/MayThrow.h"
#include "analysis/SourceText.h"
#include "analysis/SpawnedBody.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"
#include "rewrite/Template.h"
#include "toolkit/IncludeInsertion.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Offsets [begin, end) of tokens of \p Text that span several lines (raw
/// string literals): adding indentation inside them would change them.
static std::vector<std::pair<unsigned, unsigned>>
multiLineTokens(StringRef Text, unsigned Base, const LangOptions &LO) {
  std::vector<std::pair<unsigned, unsigned>> Out;
  forEachRawToken(Text, LO, [&](const Token &Tok) {
    unsigned Off = Tok.getLocation().getRawEncoding();
    if (Text.substr(Off, Tok.getLength()).contains('\n'))
      Out.push_back({Base + Off, Base + Off + Tok.getLength()});
    return true;
  });
  return Out;
}

/// C string literal contents for \p S inside a printf format.
static std::string formatEscaped(StringRef S) {
  std::string Out;
  for (char Ch : S) {
    if (Ch == '"' || Ch == '\\')
      Out += '\\';
    if (Ch == '%')
      Out += '%';
    if (Ch == '\n')
      continue;
    Out += Ch;
  }
  return Out;
}

/// One handler of the inserted try: `catch (...)` and its lines.
struct Clause {
  std::string Header;
  std::vector<std::string> Lines;
};

/// The `wrap-try` action: a spawned lambda's body goes inside try/catch with
/// the configured handlers.
class WrapTryAction : public Action {
public:
  WrapTryAction(std::string Handler, std::string UnknownHandler,
                std::vector<std::string> Includes)
      : Handler(std::move(Handler)), UnknownHandler(std::move(UnknownHandler)),
        Includes(std::move(Includes)) {}

  void run(MatchContext &C) const override {
    std::optional<SpawnInfo> S = spawnInfo(C.node<Expr>("root"), C.vocab());
    if (!S || S->CarriesExceptions)
      return;
    std::optional<SpawnedBody> B = spawnedBody(*S);
    if (!B || B->Body->body_empty())
      return;
    const CompoundStmt *Body = B->Body;
    BodyCompletion Done = bodyCompletion(Body, C.ast(), C.vocab());
    const Stmt *Keep = Done.Trailing;
    ThrowAnalysis TA(C.ast(), C.vocab());
    std::optional<ThrowSite> Site;
    if (!B->Lambda) {
      // A named function: what the spawn passes it decides which of its
      // throws can happen (a null check of a parameter given `this`).
      ArrayRef<const Expr *> Args = S->CallableArgs;
      if (const auto *MD = dyn_cast<CXXMethodDecl>(B->Function);
          MD && MD->isInstance() && !Args.empty())
        Args = Args.drop_front(); // the object the method is called on
      Site = TA.firstThrowWith(B->Function, Args);
      Keep = nullptr;
    } else {
      for (const Stmt *St : Body->body())
        if (St != Keep && (Site = TA.firstThrow(St)))
          break;
    }
    std::optional<ThrowSite> KeepSite = Keep ? TA.firstThrow(Keep) : std::nullopt;
    if (!Site && !KeepSite)
      return;
    if (!Site)
      Site = KeepSite;

    FindingBuilder F = C.report(Site->Where->getBeginLoc(), {{"why", Site->Why}});
    if (Site->Origin && Site->Origin != Site->Where)
      F.note(Site->Origin->getBeginLoc(),
             "the exception starts here: " + Site->OriginWhy);
    if (!B->Lambda) {
      F.note(S->Call->getBeginLoc(), "the function is run on a thread here");
      F.refuse("the work is the function '" + B->Function->getNameAsString() +
               "', whose other callers may expect its exceptions; catch them "
               "in a lambda at the spawn");
      return;
    }
    if (B->Variable && !onlySpawned(B->Variable, C.ast(), C.vocab())) {
      F.refuse("the lambda '" + B->Variable->getName() +
               "' is also used other than as a thread's work; those uses may "
               "expect its exceptions");
      return;
    }
    if (KeepSite) {
      F.refuse("the completion signal that ends the body may throw itself");
      return;
    }
    if (!B->Function->getReturnType()->isVoidType()) {
      F.refuse("the work returns a value; a handler would have to make one up");
      return;
    }
    if (Refusal NoExceptions = exceptionsOffReason(
            C.sm(),
            C.sm().getFileID(C.sm().getExpansionLoc(Body->getBeginLoc())),
            C.lang())) {
      F.refuse(NoExceptions);
      return;
    }
    std::vector<Clause> Cs = clauses(C, F, Done, Body);
    if (Cs.empty())
      return;
    if (!wrapBlock(C, F, Body, Keep, Cs) && !wrapOneLine(C, F, Body, Keep, Cs))
      wrapInline(C, F, Body, Keep, Cs);
    std::vector<std::string> Headers = {"<exception>"};
    if (!Done.Promise)
      Headers.insert(Headers.end(), Includes.begin(), Includes.end());
    const SourceManager &SM = C.sm();
    F.addIncludes(SM.getFileID(SM.getExpansionLoc(Body->getBeginLoc())),
                  Headers);
  }

private:
  /// The handlers that keep the body's completion signal: the configured
  /// ones when the signal (if any) stays after them, or one that hands the
  /// exception to the promise the body sets at its end. Empty, with the
  /// finding refused, when the signal cannot be kept: a waiter that never
  /// gets it hangs, which is worse than the crash.
  std::vector<Clause> clauses(MatchContext &C, FindingBuilder &F,
                              const BodyCompletion &Done,
                              const CompoundStmt *Body) const {
    const SourceManager &SM = C.sm();
    if (Done.Other) {
      F.note(Done.Other->getBeginLoc(), "completion is signalled here");
      F.refuse("the body signals completion before its end; a handler cannot "
               "tell whether that signal was made, and a waiter that misses "
               "it hangs");
      return {};
    }
    // What the handler or the code after it names: the trailing signal, or
    // the promise object (its set_value stays inside the try).
    const Stmt *Signal = Done.Promise
                             ? Done.Promise->getImplicitObjectArgument()
                             : Done.Trailing;
    if (const VarDecl *Local = Signal ? bodyLocalIn(Signal, Body, SM) : nullptr) {
      F.refuse("the completion signal uses '" + Local->getName().str() +
               "', declared in the body, which a handler cannot see");
      return {};
    }
    if (Done.Promise) {
      const auto *ME = dyn_cast<MemberExpr>(Done.Promise->getCallee());
      std::string Object =
          ME && !ME->getBeginLoc().isMacroID() && !ME->getMemberLoc().isMacroID()
              ? sourceText(CharSourceRange::getCharRange(ME->getBeginLoc(),
                                                         ME->getMemberLoc()),
                           SM, C.lang())
              : "";
      if (Object.empty()) {
        F.refuse("cannot spell the promise that the body sets");
        return {};
      }
      return {{"catch (...)",
               {Object + "set_exception(std::current_exception());"}}};
    }
    std::map<std::string, std::string> Holes = {
        {"summary", formatEscaped(C.rule().Spec.Summary)}};
    return {{"catch (const std::exception &e)",
             templateLines(expandTemplate(Handler, Holes))},
            {"catch (...)", templateLines(expandTemplate(UnknownHandler, Holes))}};
  }

  /// A variable declared inside \p Body that \p S names, or nullptr.
  static const VarDecl *bodyLocalIn(const Stmt *S, const CompoundStmt *Body,
                                    const SourceManager &SM) {
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(R->getDecl());
          VD && VD->isLocalVarDecl() &&
          SM.isBeforeInTranslationUnit(Body->getLBracLoc(), VD->getLocation()) &&
          SM.isBeforeInTranslationUnit(VD->getLocation(), Body->getRBracLoc()))
        return VD;
    for (const Stmt *Child : S->children())
      if (Child)
        if (const VarDecl *VD = bodyLocalIn(Child, Body, SM))
          return VD;
    return nullptr;
  }

  /// The body laid out one statement per line, `{` and `}` on their own:
  /// `try {` and the handlers on lines of their own, the body indented one
  /// step more. False when the layout is different.
  bool wrapBlock(MatchContext &C, FindingBuilder &F, const CompoundStmt *Body,
                 const Stmt *Keep, const std::vector<Clause> &Cs) const {
    const SourceManager &SM = C.sm();
    SourceLocation LB = Body->getLBracLoc(), RB = Body->getRBracLoc();
    if (LB.isMacroID() || RB.isMacroID() ||
        SM.getFileID(LB) != SM.getFileID(RB))
      return false;
    FileID FID = SM.getFileID(LB);
    StringRef Buf = SM.getBufferData(FID);
    unsigned L = SM.getFileOffset(LB), R = SM.getFileOffset(RB);
    size_t FirstLine = Buf.find('\n', L);
    if (FirstLine == StringRef::npos || FirstLine >= R ||
        !Buf.slice(L + 1, FirstLine).trim().empty())
      return false;
    ++FirstLine;
    unsigned RLineStart = Buf.rfind('\n', R) + 1;
    if (!Buf.slice(RLineStart, R).trim().empty())
      return false;
    unsigned End = RLineStart;
    if (Keep) {
      unsigned K = SM.getFileOffset(SM.getExpansionLoc(Keep->getBeginLoc()));
      End = Buf.rfind('\n', K) + 1;
      if (!Buf.slice(End, K).trim().empty())
        return false;
    }
    std::string BI = Buf.slice(RLineStart, R).str();
    std::string Step = "  ";
    StringRef FirstText = Buf.slice(FirstLine, End);
    StringRef FirstIndent =
        FirstText.take_while([](char Ch) { return Ch == ' ' || Ch == '\t'; });
    if (FirstIndent.size() > BI.size() && FirstIndent.starts_with(BI))
      Step = FirstIndent.drop_front(BI.size()).str();

    auto Tokens = multiLineTokens(Buf.slice(FirstLine, End), FirstLine, C.lang());
    auto InsideToken = [&](unsigned Off) {
      for (auto [B, E] : Tokens)
        if (Off > B && Off < E)
          return true;
      return false;
    };
    SourceLocation Start = SM.getLocForStartOfFile(FID);
    for (unsigned Off = FirstLine; Off < End;) {
      size_t NL = Buf.find('\n', Off);
      unsigned Next = NL == StringRef::npos || NL >= End ? End : NL + 1;
      StringRef Line = Buf.slice(Off, Next).trim();
      // Blank lines stay empty; preprocessor lines stay where they are.
      bool Blank = Line.empty() || Line.starts_with("#");
      std::string Text = Off == FirstLine ? BI + Step + "try {\n" : "";
      if (!Blank && !InsideToken(Off))
        Text += Step;
      if (!Text.empty())
        F.insert(Start.getLocWithOffset(Off), Text);
      Off = Next;
    }
    std::string In = BI + Step, In2 = BI + Step + Step;
    std::string Catch;
    for (const Clause &Cl : Cs) {
      Catch += In + "} " + Cl.Header + " {\n";
      for (const std::string &Line : Cl.Lines)
        Catch += In2 + Line + "\n";
    }
    Catch += In + "}\n";
    F.insert(Start.getLocWithOffset(End), Catch);
    return true;
  }

  /// A body written on one line (`[&] { work(); }`): laid out over lines,
  /// the `try` one step in from the line that holds the `{`. Only the
  /// white space next to the braces is replaced, so edits of other rules
  /// inside the body still apply. False when the layout is different.
  bool wrapOneLine(MatchContext &C, FindingBuilder &F, const CompoundStmt *Body,
                   const Stmt *Keep, const std::vector<Clause> &Cs) const {
    const SourceManager &SM = C.sm();
    SourceLocation LB = Body->getLBracLoc(), RB = Body->getRBracLoc();
    if (Keep || Body->body_empty() || LB.isMacroID() || RB.isMacroID() ||
        SM.getFileID(LB) != SM.getFileID(RB))
      return false;
    FileID FID = SM.getFileID(LB);
    StringRef Buf = SM.getBufferData(FID);
    unsigned L = SM.getFileOffset(LB), R = SM.getFileOffset(RB);
    StringRef Inner = Buf.slice(L + 1, R);
    if (Inner.contains('\n') || Inner.trim().empty())
      return false;
    unsigned First = L + 1 + (Inner.size() - Inner.ltrim().size());
    unsigned Last = R - (Inner.size() - Inner.rtrim().size());
    std::string I = lineIndent(LB, SM), S = "  ";
    std::string Open = "\n" + I + S + "try {\n" + I + S + S;
    std::string Close = "\n";
    for (const Clause &Cl : Cs) {
      Close += I + S + "} " + Cl.Header + " {\n";
      for (const std::string &Line : Cl.Lines)
        Close += I + S + S + Line + "\n";
    }
    Close += I + S + "}\n" + I;
    SourceLocation Start = SM.getLocForStartOfFile(FID);
    F.replace(CharSourceRange::getCharRange(Start.getLocWithOffset(L + 1),
                                            Start.getLocWithOffset(First)),
              Open);
    F.replace(CharSourceRange::getCharRange(Start.getLocWithOffset(Last),
                                            Start.getLocWithOffset(R)),
              Close);
    return true;
  }

  /// Any other layout: `try {` after the `{`, the handlers before the `}`
  /// (or before the trailing signal), all on the lines already there.
  void wrapInline(MatchContext &C, FindingBuilder &F, const CompoundStmt *Body,
                  const Stmt *Keep, const std::vector<Clause> &Cs) const {
    std::string Catch;
    for (const Clause &Cl : Cs) {
      Catch += (Catch.empty() ? "} " : " } ") + Cl.Header + " {";
      for (const std::string &Line : Cl.Lines)
        Catch += " " + StringRef(Line).trim().str();
    }
    F.insert(endOfToken(Body->getLBracLoc(), C.sm(), C.lang()), " try {");
    if (!Keep) {
      F.insert(Body->getRBracLoc(), Catch + " } ");
      return;
    }
    // Right after the statement before the signal, so that removing the
    // signal (the other lifetime rule) does not collide with this edit.
    const Stmt *Prev = nullptr;
    for (const Stmt *St : Body->body())
      if (St != Keep)
        Prev = St;
    F.insert(statementRange(Prev, C.sm(), C.lang()).getEnd(), " " + Catch + " }");
  }

  std::string Handler;
  std::string UnknownHandler;
  std::vector<std::string> Includes;
};

} // namespace

Expected<std::unique_ptr<Action>> createWrapTryAction(const ActionOptions &O) {
  Expected<std::vector<std::string>> Includes = O.headers("includes");
  if (!Includes)
    return Includes.takeError();
  return std::make_unique<WrapTryAction>(O.get("handler"),
                                         O.get("unknown-handler"),
                                         std::move(*Includes));
}

} // namespace pitfix
