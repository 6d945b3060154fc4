//===- Runner.cpp ---------------------------------------------------------===//
#include "engine/Runner.h"

#include "edit/StyleFormat.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"
#include "engine/PreFilter.h"
#include "engine/Preambles.h"
#include "engine/ResultCache.h"
#include "engine/UnitConditions.h"
#include "engine/UnitInputs.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

using namespace llvm;
using namespace clang;
using namespace clang::ast_matchers;

namespace pitfix {
namespace {

/// Hands each match of one rule to its action.
class RuleCallback : public MatchFinder::MatchCallback {
public:
  RuleCallback(const CompiledRule &Rule, const Vocabulary &Vocab,
               FindingSink &Sink)
      : Rule(Rule), Vocab(Vocab), Sink(Sink) {}
  void run(const MatchFinder::MatchResult &R) override {
    MatchContext C(R.Nodes, *R.Context, Rule, Vocab, Sink);
    if (!Rule.MatcherConditions.empty())
      UnitConditions::fillFromMatch(C);
    if (!conditionsHold(C))
      return;
    Rule.Act->run(C);
  }
  StringRef getID() const override { return Rule.id(); }

private:
  /// Decides the rule's `where:` conditions in order, the cheap matcher
  /// having passed; what the holding ones fill goes to the context.
  bool conditionsHold(MatchContext &C) const {
    for (size_t I = 0; I < Rule.Conditions.size(); ++I) {
      const WhereCondition &W = Rule.Spec.Where[I];
      ConditionOutput Out;
      const DynTypedNode *N = C.boundNode(W.Bind);
      bool Holds = N && Rule.Conditions[I]->Holds(*N, C, Out);
      if (Holds == W.Negated)
        return false;
      if (!W.Negated)
        C.fill(Out);
    }
    return true;
  }

  const CompiledRule &Rule;
  const Vocabulary &Vocab;
  FindingSink &Sink;
};

/// Runs all matchers in one traversal, restricted to the top-level
/// declarations whose file may receive findings: not a system header, not a
/// file outside the project (FindingSink drops findings there anyway). The
/// rules look at a match's ancestors and at declarations it refers to, never
/// at other top-level declarations, so skipping these changes no finding;
/// it keeps the pass cheap next to the parse however many rules there are,
/// and the parent map that hasParent/hasAncestor build is limited to the
/// same scope.
class RuleConsumer : public ASTConsumer {
public:
  RuleConsumer(const RuleSet &Rules, ArrayRef<const CompiledRule *> Enabled,
               FindingSink &Sink)
      : Vocab(Rules.Vocab), Sink(Sink) {
    for (const CompiledRule *R : Enabled) {
      Callbacks.push_back(std::make_unique<RuleCallback>(*R, Rules.Vocab, Sink));
      Finder.addDynamicMatcher(*R->Matcher, Callbacks.back().get());
    }
  }
  /// Function bodies of system headers are not parsed when \p SM is set:
  /// every analysis treats them as unknown anyway (see analysableBody), and
  /// one whose answer depends on what they define asks for them
  /// (FindingSink::needSystemBodies). Clang still parses those it must
  /// (constexpr functions, deduced return types).
  void skipSystemBodies(const SourceManager *SM) { SystemSM = SM; }
  bool shouldSkipFunctionBody(Decl *D) override {
    return SystemSM && SystemSM->isInSystemHeader(
                           SystemSM->getExpansionLoc(D->getLocation()));
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation L = SM.getExpansionLoc(D->getLocation());
      if (L.isValid() && !Sink.mayReportIn(SM.getFileID(L), SM))
        continue;
      Scope.push_back(D);
    }
    Ctx.setTraversalScope(Scope);
    Sink.beginParse();
    // The conditions that rules use as matchers decide with this unit's
    // analyses while its matchers run.
    UnitConditions Decisions(Ctx, Vocab, Sink);
    Finder.matchAST(Ctx);
  }

private:
  MatchFinder Finder;
  std::vector<std::unique_ptr<RuleCallback>> Callbacks;
  const Vocabulary &Vocab;
  FindingSink &Sink;
  const SourceManager *SystemSM = nullptr;
};

/// What each parse of a unit is given: the rules, where the findings go,
/// where the files read and probed are recorded for the result cache (null:
/// nowhere), and whether the function bodies of system headers are skipped.
struct ParseSetup {
  const RuleSet &Rules;
  ArrayRef<const CompiledRule *> Enabled;
  FindingSink &Sink;
  UnitInputs *Inputs;
  bool SkipSystemBodies;
  PreambleCache *Preambles;
};

class RuleFrontendAction : public ASTFrontendAction {
public:
  explicit RuleFrontendAction(const ParseSetup &P) : P(P) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    auto Consumer = std::make_unique<RuleConsumer>(P.Rules, P.Enabled, P.Sink);
    if (P.Inputs)
      CI.getPreprocessor().addPPCallbacks(
          recordHasIncludeHits(CI.getFileManager(), P.Inputs->Present));
    P.Sink.setSystemBodiesSkipped(P.SkipSystemBodies);
    if (P.SkipSystemBodies) {
      CI.getFrontendOpts().SkipFunctionBodies = true;
      Consumer->skipSystemBodies(&CI.getSourceManager());
    }
    return Consumer;
  }

  void EndSourceFileAction() override {
    if (!P.Inputs)
      return;
    SourceManager &SM = getCompilerInstance().getSourceManager();
    FileManager &FM = SM.getFileManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      SmallString<256> Path(It->first.getFileEntry().tryGetRealPathName());
      if (Path.empty()) {
        Path = It->first.getName();
        FM.makeAbsolutePath(Path);
      }
      std::optional<StringRef> Data = It->second->getBufferDataIfLoaded();
      std::string Hash;
      if (Data) {
        Hash = ResultCache::hashOf(*Data);
      } else if (auto Buf = MemoryBuffer::getFile(Path)) {
        Hash = ResultCache::hashOf((*Buf)->getBuffer());
      } else {
        Hash = "unreadable";
      }
      P.Inputs->Read[std::string(Path)] = Hash;
    }
  }

private:
  ParseSetup P;
};

class RuleActionFactory : public tooling::FrontendActionFactory {
public:
  explicit RuleActionFactory(const ParseSetup &P) : P(P) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<RuleFrontendAction>(P);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> CI,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHOps,
                     DiagnosticConsumer *Diags) override {
    if (!P.Preambles)
      return FrontendActionFactory::runInvocation(std::move(CI), Files,
                                                  std::move(PCHOps), Diags);
    return P.Preambles->run(std::move(CI), Files, std::move(PCHOps), Diags,
                            *this);
  }

private:
  ParseSetup P;
};

/// The commands chosen for one file, as a database of their own.
class FixedCommands : public tooling::CompilationDatabase {
public:
  explicit FixedCommands(std::vector<tooling::CompileCommand> Commands)
      : Commands(std::move(Commands)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return Commands;
  }

private:
  std::vector<tooling::CompileCommand> Commands;
};

/// Keeps the compiler's errors (and the notes that follow them) as text and
/// drops its warnings: pitfix reports its own findings only.
class ErrorCollector : public DiagnosticConsumer {
public:
  ErrorCollector()
      : OS(Text), Opts(new DiagnosticOptions()), Printer(OS, Opts.get()) {}
  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    Printer.BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override { Printer.EndSourceFile(); }
  void HandleDiagnostic(DiagnosticsEngine::Level L,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    if (L >= DiagnosticsEngine::Error && First.empty())
      noteFirst(Info);
    if (L >= DiagnosticsEngine::Error ||
        (L == DiagnosticsEngine::Note && LastShown))
      Printer.HandleDiagnostic(L, Info);
    if (L != DiagnosticsEngine::Note)
      LastShown = L >= DiagnosticsEngine::Error;
  }
  std::string take() {
    OS.flush();
    return std::move(Text);
  }
  FileLoc FirstLoc;
  std::string First;

private:
  void noteFirst(const Diagnostic &Info) {
    SmallString<128> Msg;
    Info.FormatDiagnostic(Msg);
    First = Msg.empty() ? "error" : Msg.str().str();
    if (!Info.hasSourceManager() || Info.getLocation().isInvalid())
      return;
    const SourceManager &SM = Info.getSourceManager();
    SourceLocation L = SM.getFileLoc(Info.getLocation());
    auto [FID, Off] = SM.getDecomposedLoc(L);
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
      FirstLoc.File = canonicalFileName(*FE, SM);
      FirstLoc.Offset = Off;
      FirstLoc.Line = SM.getSpellingLineNumber(L);
      FirstLoc.Col = SM.getSpellingColumnNumber(L);
    }
  }

  std::string Text;
  raw_string_ostream OS;
  IntrusiveRefCntPtr<DiagnosticOptions> Opts;
  TextDiagnosticPrinter Printer;
  bool LastShown = false;
};

} // namespace

TUResult runUnit(const RuleSet &Rules, ArrayRef<const CompiledRule *> Enabled,
                 const RunOptions &Opts, const std::string &File,
                 const FileOverlay &Overlay) {
  TUResult Res;
  Res.File = File;
  FileScope Scope = projectScopeFor(File, Opts.ProjectDirs);
  std::vector<tooling::CompileCommand> Commands =
      Opts.DB->getCompileCommands(File);
  if (Opts.FirstCommandOnly && Commands.size() > 1)
    Commands.resize(1);
  // A verification parse (of rewritten text in memory) is never filtered
  // or cached: the files on disk are not what it reads.
  const bool OnDisk = Overlay.empty();
  if (OnDisk && Opts.Filter && !Opts.NoFilter.count(File) &&
      !Opts.Filter->mayMatch(Commands)) {
    if (!Opts.CheckFilter) {
      Res.Source = TUResult::SkippedByPreFilter;
      return Res;
    }
    Res.WouldSkip = true;
  }
  // Warnings are not ours to report, and -Werror must not turn them into a
  // failed translation unit. Without carets the compiler prints no "N errors
  // generated." of its own: the collected errors are reported once, by
  // pitfix, with carets.
  std::vector<std::string> Extra = {"-w", "-Wno-error",
                                    "-fno-caret-diagnostics"};
  if (!Opts.ResourceDir.empty())
    Extra.push_back("-resource-dir=" + Opts.ResourceDir);
  std::string Key;
  ResultCache *Cache = OnDisk ? Opts.Cache : nullptr;
  if (Cache) {
    Key = Cache->keyFor(File, Commands, Extra, Scope.ProjectRoot);
    if (auto Cached = Cache->lookup(Key)) {
      Res.Findings = std::move(*Cached);
      Res.Source = TUResult::FromCache;
      if (Opts.Style)
        Opts.Style->format(Res.Findings, Overlay);
      return Res;
    }
  }
  FixedCommands DB(Commands);
  // A file system of its own: ClangTool moves into each command's directory,
  // and the process's working directory is shared by the parallel workers.
  IntrusiveRefCntPtr<vfs::FileSystem> FS(
      vfs::createPhysicalFileSystem().release());
  // What the parse depends on, for the cache: the files it reads, and the
  // paths it looks up in vain (they must still be missing for a replay).
  UnitInputs Inputs;
  if (Cache)
    FS = recordAbsentPaths(FS, Inputs.Absent);
  if (!OnDisk) {
    // Rewritten files are read from memory, everything else from disk.
    auto Mem = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
    for (const auto &[Path, Text] : Overlay)
      Mem->addFile(Path, 0, MemoryBuffer::getMemBufferCopy(Text, Path));
    auto Over = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(FS);
    Over->pushOverlay(Mem);
    FS = Over;
  }
  tooling::ClangTool Tool(DB, {File},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      Extra, tooling::ArgumentInsertPosition::END));
  ErrorCollector Diags;
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);
  bool SkipSystemBodies = OnDisk && !Opts.ParseSystemBodies && Opts.Scanner &&
                          !Opts.Scanner->spellsTemplates(Commands);
  // An analysis whose answer depends on a skipped body asks for the bodies
  // (FindingSink::needSystemBodies): the unit is parsed again with them, and
  // only that parse reports.
  std::optional<FindingSink> Sink;
  int RC = 0;
  for (bool Skip : {SkipSystemBodies, false}) {
    Sink.emplace(Scope, canonicalPath(File));
    // The files read are those of the last parse; the paths looked up in
    // vain are kept from both (the tool's file manager, shared by the two
    // parses, may answer the second from what the first asked).
    Inputs.Read.clear();
    // A preamble holds every body, and hides from the inputs the headers
    // it read: not with either.
    PreambleCache *Pre = Skip || Cache ? nullptr : Opts.Preambles;
    RuleActionFactory Factory(
        {Rules, Enabled, *Sink, Cache ? &Inputs : nullptr, Skip, Pre});
    RC = Tool.run(&Factory);
    if (RC != 0 || Diags.getNumErrors() > 0 || !Sink->systemBodiesNeeded())
      break;
  }
  Res.Errors = Diags.take();
  if (RC != 0 || Diags.getNumErrors() > 0) {
    Res.Failed = true;
    Res.FirstError = Diags.First;
    Res.FirstErrorLoc = Diags.FirstLoc;
    if (Res.Errors.empty())
      Res.Errors = "error: unable to process " + File + "\n";
    if (Res.FirstError.empty())
      Res.FirstError = "unable to process " + File;
    return Res;
  }
  Res.Findings = Sink->take();
  if (Cache)
    Cache->store(Key, Inputs, Res.Findings);
  // After the cache: what it keeps does not depend on the style files.
  if (Opts.Style)
    Opts.Style->format(Res.Findings, Overlay);
  return Res;
}

std::unique_ptr<ASTConsumer>
makeRuleConsumer(const RuleSet &Rules, ArrayRef<const CompiledRule *> Enabled,
                 FindingSink &Sink) {
  return std::make_unique<RuleConsumer>(Rules, Enabled, Sink);
}

/// The nearest enclosing git work tree of \p Dir, or "".
static std::string gitWorkTree(StringRef Dir) {
  for (StringRef D = Dir; !D.empty(); D = sys::path::parent_path(D)) {
    SmallString<256> Git(D);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return D.str();
  }
  return "";
}

std::string projectRootFor(StringRef MainFile) {
  SmallString<256> Dir(sys::path::parent_path(canonicalPath(MainFile)));
  std::string Git = gitWorkTree(Dir);
  return Git.empty() ? std::string(Dir) : Git;
}

FileScope projectScopeFor(StringRef MainFile, ArrayRef<std::string> Dirs) {
  SmallString<256> Dir(sys::path::parent_path(canonicalPath(MainFile)));
  FileScope S;
  S.ProjectRoot = gitWorkTree(Dir);
  if (!S.ProjectRoot.empty())
    return S;
  S.ProjectRoot = std::string(Dir);
  S.MoreRoots.assign(Dirs.begin(), Dirs.end());
  return S;
}

bool isTopLevelMatcher(const internal::DynTypedMatcher &M) {
  MatchFinder F;
  struct Nop : MatchFinder::MatchCallback {
    void run(const MatchFinder::MatchResult &) override {}
  } CB;
  return F.addDynamicMatcher(M, &CB);
}

std::vector<TUResult> runRules(const RuleSet &Rules,
                               ArrayRef<const CompiledRule *> Enabled,
                               const RunOptions &Opts) {
  std::vector<TUResult> Results(Opts.Files.size());
  std::atomic<size_t> Next{0};
  std::mutex DoneMutex;
  size_t Done = 0;
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Opts.Files.size();) {
      Results[I] = runUnit(Rules, Enabled, Opts, Opts.Files[I]);
      if (Opts.Finish)
        Opts.Finish(Results[I]);
      std::lock_guard<std::mutex> Lock(DoneMutex);
      ++Done;
      if (Opts.OnDone)
        Opts.OnDone(Results[I], Done, Opts.Files.size());
    }
  };
  unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Opts.Files.size()));
  if (Jobs == 1) {
    Worker();
    return Results;
  }
  std::vector<std::thread> Threads;
  for (unsigned J = 0; J < Jobs; ++J)
    Threads.emplace_back(Worker);
  for (std::thread &T : Threads)
    T.join();
  return Results;
}

} // namespace pitfix
