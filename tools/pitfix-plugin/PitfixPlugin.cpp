//===- PitfixPlugin.cpp - pitfix's rules inside an ordinary clang build
//----===//
//
//   clang++ -fplugin=<build>/lib/pitfix-plugin.so ...
//     [-Xclang -plugin-arg-pitfix -Xclang checks=<globs>]
//     [-Xclang -plugin-arg-pitfix -Xclang rules-dir=<dir>]   (repeatable)
//     [-Xclang -plugin-arg-pitfix -Xclang config-file=<file>]
//
// Like the tool, the plugin reads the `.pitfix.yaml` found upward from the
// file it compiles (or the config-file given): its Checks (before the
// checks= argument), rule options and vocabulary additions.
// The same rules and actions as the pitfix tool, run after the compiler's own
// AST consumer. Findings become compiler warnings with the rewrite as fix-it
// hints, so `-Xclang -fixit` applies them and IDEs offer them; findings that
// pitfix refuses to rewrite carry the reason as a note. As with the tool,
// the rewritten lines follow the file's .clang-format when it has one.
//
//===----------------------------------------------------------------------===//
#include "actions/ActionTable.h"
#include "edit/StyleFormat.h"
#include "engine/ConfiguredRules.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"
#include "engine/Runner.h"
#include "engine/RuleNames.h"
#include "engine/RulesLocation.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/Process.h"

#include <optional>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Runs the rules, then turns the findings into the compiler's diagnostics.
class PluginConsumer : public ASTConsumer {
public:
  PluginConsumer(CompilerInstance &CI, std::shared_ptr<const RuleSet> Rules,
                 std::vector<const CompiledRule *> Enabled, std::string Main)
      : CI(CI), Rules(std::move(Rules)), Scope{projectRootFor(Main)},
        Sink(Scope, canonicalPath(Main)), Enabled(std::move(Enabled)),
        Inner(makeRuleConsumer(*this->Rules, this->Enabled, Sink)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A translation unit with errors has no reliable AST to rewrite.
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    Inner->HandleTranslationUnit(Ctx);
    std::vector<Finding> Found = Sink.take();
    StyleFormatter Style;
    Style.format(Found);
    DiagnosticsEngine &D = CI.getDiagnostics();
    // "<file>: warning: <what>", reported as a warning of the compiler.
    for (std::string W : Style.takeWarnings()) {
      if (size_t At = W.find(": warning: "); At != std::string::npos)
        W.replace(At, 11, ": ");
      D.Report(
          D.getCustomDiagID(DiagnosticsEngine::Warning, "pitfix plugin: %0"))
          << W;
    }
    for (const Finding &F : Found)
      emit(F);
    warnUnknownNolintNames();
  }

private:
  /// A NOLINT naming no rule suppresses nothing: a warning at the name, as
  /// the tool gives it, in each file of the project the unit read.
  void warnUnknownNolintNames() {
    std::vector<std::string> Ids;
    for (const auto &R : Rules->Rules)
      Ids.push_back(R->id());
    SourceManager &SM = CI.getSourceManager();
    std::vector<FileID> Files;
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      FileID FID = SM.translateFile(It->first);
      if (FID.isValid() && Sink.mayReportIn(FID, SM))
        Files.push_back(FID);
    }
    // In the order the files were entered, not the map's.
    llvm::sort(Files);
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned ID = D.getCustomDiagID(DiagnosticsEngine::Warning,
                                    "unknown rule '%0' in a suppression "
                                    "comment; it suppresses nothing%1 [pitfix]");
    for (FileID FID : Files) {
      std::optional<StringRef> Data = SM.getBufferDataOrNone(FID);
      if (!Data)
        continue;
      for (const UnknownNolintName &U : unknownNolintNames(*Data, Ids))
        D.Report(SM.translateLineCol(FID, U.Line, U.Column), ID)
            << U.Name
            << (U.Suggestion.empty()
                    ? std::string()
                    : " (did you mean '" + U.Suggestion + "'?)");
    }
  }

  /// The location of byte \p Offset of \p File, if the file was read.
  SourceLocation locate(StringRef File, unsigned Offset) {
    SourceManager &SM = CI.getSourceManager();
    auto FE = SM.getFileManager().getOptionalFileRef(File);
    if (!FE)
      return {};
    FileID FID = SM.translateFile(*FE);
    if (FID.isInvalid())
      return {};
    return SM.getComposedLoc(FID, Offset);
  }

  /// The fix-it that makes edit \p E. Clang's fix-it machinery (-fixit,
  /// -fdiagnostics-parseable-fixits) widens a removal that leaves whitespace
  /// on both of its sides by one more character (it would take the first
  /// space of the next line's indentation with a removed line), so a removal
  /// is written as the replacement of one more character by itself.
  std::optional<FixItHint> fixIt(const Edit &E) {
    SourceLocation Begin = locate(E.File, E.Offset);
    if (Begin.isInvalid())
      return std::nullopt;
    unsigned Offset = E.Offset, Length = E.Length;
    std::string Text = E.Text;
    SourceManager &SM = CI.getSourceManager();
    StringRef Buffer = SM.getBufferData(SM.getFileID(Begin));
    if (Text.empty() && Length > 0 && Offset + Length <= Buffer.size()) {
      if (Offset > 0) {
        --Offset;
        ++Length;
        Text = Buffer.substr(Offset, 1).str();
      } else if (Offset + Length < Buffer.size()) {
        Text = Buffer.substr(Offset + Length, 1).str();
        ++Length;
      }
    }
    SourceLocation From = locate(E.File, Offset);
    return FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(From, From.getLocWithOffset(Length)),
        Text);
  }

  void emit(const Finding &F) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    auto Level = F.Severity == "error" ? DiagnosticsEngine::Error
                                       : DiagnosticsEngine::Warning;
    unsigned ID = D.getCustomDiagID(Level, "%0 [%1]");
    unsigned NoteID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    SourceLocation Loc = locate(F.Loc.File, F.Loc.Offset);
    {
      DiagnosticBuilder B = D.Report(Loc, ID);
      B << F.Message << F.RuleId;
      if (F.hasFix())
        for (const Edit &E : F.Edits)
          if (std::optional<FixItHint> H = fixIt(E))
            B << *H;
    }
    for (const Note &N : F.Notes)
      D.Report(locate(N.Loc.File, N.Loc.Offset), NoteID) << N.Message;
    if (!F.Refusal.empty())
      D.Report(Loc, NoteID) << "not rewritten: " + F.Refusal;
  }

  CompilerInstance &CI;
  /// Clang destroys the plugin action once it has made this consumer: the
  /// consumer keeps the rules alive.
  std::shared_ptr<const RuleSet> Rules;
  FileScope Scope;
  FindingSink Sink;
  std::vector<const CompiledRule *> Enabled;
  std::unique_ptr<ASTConsumer> Inner;
};

/// Parses the plugin's arguments, reads the rule files once, and adds the
/// consumer after the compiler's own.
class PitfixPluginAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef InFile) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned ErrID = D.getCustomDiagID(DiagnosticsEngine::Error,
                                       "pitfix plugin: %0");
    // The rules are built here, once the file's configuration is known (a
    // compiler invocation has one main file).
    std::string Main = canonicalPath(InFile);
    Expected<EffectiveConfig> Config = Finder->configFor(Main);
    if (!Config) {
      D.Report(ErrID) << toString(Config.takeError());
      return std::make_unique<ASTConsumer>(); // The error fails the compile.
    }
    Expected<RuleGroup> G = buildRuleGroup(*Loader, *Config, Checks);
    if (!G) {
      D.Report(ErrID) << toString(G.takeError());
      return std::make_unique<ASTConsumer>(); // The error fails the compile.
    }
    // checks= that leaves nothing enabled is a mistake, as --checks is for
    // the tool (a .pitfix.yaml alone may turn a directory off).
    if (G->Enabled.empty() && !Checks.empty()) {
      D.Report(ErrID) << ("checks='" + G->Checks +
                          "' enables no rule (see pitfix --list-checks)");
      return std::make_unique<ASTConsumer>(); // The error fails the compile.
    }
    std::shared_ptr<const RuleSet> Rules = std::move(G->Rules);
    return std::make_unique<PluginConsumer>(CI, std::move(Rules),
                                            std::move(G->Enabled), Main);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned ErrID = D.getCustomDiagID(DiagnosticsEngine::Error,
                                       "pitfix plugin: %0");
    std::vector<std::string> Dirs;
    std::string ConfigFile;
    // The rules next to the plugin (<prefix>/lib/../share/pitfix/rules), as
    // the tool finds them next to itself.
    Expected<std::string> Shipped =
        shippedRulesDir(binaryContaining((const void *)&shippedRulesDir));
    if (!Shipped) {
      D.Report(ErrID) << toString(Shipped.takeError());
      return false;
    }
    Dirs.push_back(*Shipped);
    for (StringRef A : Args) {
      auto [Key, Value] = A.split('=');
      if (Key == "checks")
        Checks = Value.str();
      else if (Key == "rules-dir")
        Dirs.push_back(Value.str());
      else if (Key == "config-file")
        ConfigFile = canonicalPath(Value);
      else {
        D.Report(ErrID) << ("unknown argument '" + A +
                            "' (known: checks=<globs>, rules-dir=<dir>, "
                            "config-file=<file>)")
                               .str();
        return false;
      }
    }
    Loader = std::make_unique<RuleLoader>(ruleLanguage());
    for (const std::string &Dir : Dirs) {
      if (Error E = Loader->addDirectory(Dir)) {
        D.Report(ErrID) << toString(std::move(E));
        return false;
      }
      // The shipped rules, which a rules-dir may override by id.
      if (&Dir == &Dirs.front())
        Loader->markLoadedOverridable();
    }
    Finder = std::make_unique<ConfigFinder>(ConfigFile);
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  /// The command line's checks, applied after the configuration's.
  std::string Checks;
  /// The rule files and vocabulary, before any configuration file.
  std::unique_ptr<RuleLoader> Loader;
  std::unique_ptr<ConfigFinder> Finder;
};

} // namespace
} // namespace pitfix

static FrontendPluginRegistry::Add<pitfix::PitfixPluginAction>
    X("pitfix", "find and fix concurrency pitfalls (pitfix rules)");
