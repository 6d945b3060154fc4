//===- RuleExamples.cpp ---------------------------------------------------===//
#include "RuleExamples.h"
#include "ExampleUpdate.h"
#include "Progress.h"

#include "edit/AtomicWrite.h"
#include "edit/EditSet.h"
#include "edit/UnifiedDiff.h"
#include "engine/CompilerCommand.h"
#include "engine/MatchContext.h"
#include "engine/Preambles.h"
#include "engine/Runner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <map>
#include <optional>
#include <set>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Included by every snippet's file, ahead of the rule's own preamble: the
/// standard library's threads, locks, atomics and the I/O the rules know.
const char DefaultPreamble[] = "#include <atomic>\n"
                               "#include <chrono>\n"
                               "#include <condition_variable>\n"
                               "#include <cstdio>\n"
                               "#include <exception>\n"
                               "#include <fstream>\n"
                               "#include <functional>\n"
                               "#include <future>\n"
                               "#include <iostream>\n"
                               "#include <map>\n"
                               "#include <memory>\n"
                               "#include <mutex>\n"
                               "#include <shared_mutex>\n"
                               "#include <string>\n"
                               "#include <thread>\n"
                               "#include <vector>\n";

/// A snippet of statements is compiled as the body of this function.
const char BodyPrefix[] = "void pitfix_example() {\n";
const char BodySuffix[] = "}\n";

/// One command line per snippet file, all run in one directory (so that
/// the snippets' commands differ only in the file: they share a preamble).
class SnippetCommands : public tooling::CompilationDatabase {
public:
  explicit SnippetCommands(std::string Dir) : Dir(std::move(Dir)) {}
  void add(const std::string &File, std::vector<std::string> Args) {
    Args.insert(Args.begin(), "clang-tool");
    Args.push_back(File);
    Commands[File] = tooling::CompileCommand(Dir, File, std::move(Args), "");
  }
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    auto It = Commands.find(File.str());
    if (It == Commands.end())
      return {};
    return {It->second};
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &[F, C] : Commands)
      Files.push_back(F);
    return Files;
  }

private:
  std::string Dir;
  std::map<std::string, tooling::CompileCommand> Commands;
};

enum class SnippetKind { Before, After, Valid };

/// One piece of code of a rule file, written to a file of its own.
struct Snippet {
  const CompiledRule *Rule = nullptr;
  SnippetKind Kind = SnippetKind::Valid;
  const RuleExample *Example = nullptr; ///< Before and After only.
  SourcePos Pos;
  std::string Code;
  std::string File;
  /// The #include lines in front of the code: the default headers and the
  /// rule's preamble. A rewrite that needs one of them adds no #include.
  std::string Includes;
  bool AsBody = false;     ///< Compiled as a function body.
  std::string FileErrors;  ///< Errors when compiled as a file.
  TUResult Result;
};

std::string withNewline(StringRef S) {
  return S.rtrim('\n').str() + "\n";
}

std::string textOf(const Snippet &S) {
  std::string Code = withNewline(S.Code);
  return S.Includes + (S.AsBody ? BodyPrefix + Code + BodySuffix : Code);
}

/// The first line of the code in the snippet's file.
unsigned firstCodeLine(const Snippet &S) {
  return 1 + StringRef(S.Includes).count('\n') + (S.AsBody ? 1 : 0);
}

/// The code part of a (rewritten) snippet file, with the #include lines that
/// the rewrite added after the others.
std::optional<std::string> unwrap(const Snippet &S, StringRef Text) {
  if (!Text.consume_front(S.Includes))
    return std::nullopt;
  std::string Added;
  while (Text.starts_with("#include")) {
    auto [Line, Rest] = Text.split('\n');
    Added += Line.str() + "\n";
    Text = Rest;
  }
  if (S.AsBody &&
      !(Text.consume_front(BodyPrefix) && Text.consume_back(BodySuffix)))
    return std::nullopt;
  return Added + withNewline(Text);
}

/// How many errors a compiler output holds.
size_t errorCount(StringRef Errors) { return Errors.count(": error: "); }

Error writeFile(StringRef Path, StringRef Text) {
  if (std::error_code EC = writeOwnFile(Path, Text))
    return createStringError(EC, Path + ": error: cannot write: " +
                                     EC.message());
  return Error::success();
}

/// The findings of the snippet's own rule in the snippet's own file.
std::vector<Finding> ownFindings(const Snippet &S) {
  std::vector<Finding> Out;
  for (const Finding &F : S.Result.Findings)
    if (F.RuleId == S.Rule->id() && F.Loc.File == S.File)
      Out.push_back(F);
  return Out;
}

/// A finding, at its line and column in the snippet.
std::string describe(const Snippet &S, const Finding &F) {
  unsigned First = firstCodeLine(S);
  unsigned Line = F.Loc.Line >= First ? F.Loc.Line - First + 1 : F.Loc.Line;
  return std::to_string(Line) + ":" + std::to_string(F.Loc.Col) + ": " +
         F.Message;
}

/// The code of \p S's file after \p Fixable's edits, or why there is none.
Expected<std::string> rewrittenCode(const Snippet &S,
                                    ArrayRef<Finding> Fixable) {
  EditSet Edits;
  Edits.add(Fixable);
  Edits.resolveConflicts();
  for (const Finding &F : Edits.findings())
    if (!F.Conflict.empty())
      return createStringError(inconvertibleErrorCode(),
                               "the rewrites of 'before' overlap: " +
                                   F.Conflict);
  Expected<std::map<std::string, std::string>> New = Edits.newContents();
  if (!New)
    return New.takeError();
  std::optional<std::string> Got = unwrap(S, (*New)[S.File]);
  if (!Got)
    return createStringError(inconvertibleErrorCode(),
                             "the rewrite reaches outside the example's "
                             "function body");
  return *Got;
}

/// Why a snippet fails its check ("" when it passes). When the rule
/// rewrites an example's `before` to something other than its `after`,
/// \p Actual is set to the rewrite (for --update).
std::string check(const Snippet &S, std::optional<std::string> &Actual) {
  if (S.Result.Failed)
    return "the code does not compile (with the rule's preamble, as a file "
           "or as a function body):\n" +
           (errorCount(S.FileErrors) < errorCount(S.Result.Errors)
                ? S.FileErrors
                : S.Result.Errors);
  std::vector<Finding> Found = ownFindings(S);
  if (S.Kind != SnippetKind::Before) {
    if (Found.empty())
      return "";
    return std::string(S.Kind == SnippetKind::After
                           ? "the rule still reports the 'after' code"
                           : "the rule reports code listed as valid") +
           ": " + describe(S, Found.front()) + "\n";
  }
  if (Found.empty())
    return "the rule reports nothing in 'before'\n";
  const RuleExample &Ex = *S.Example;
  std::vector<Finding> Fixable;
  for (const Finding &F : Found) {
    if (!F.Edits.empty())
      Fixable.push_back(F);
    for (const Edit &E : F.Edits)
      if (E.File != S.File)
        return "the rewrite edits the preamble, not the example\n";
  }
  if (Ex.After.empty()) {
    if (!Fixable.empty()) {
      if (Expected<std::string> Got = rewrittenCode(S, Fixable))
        Actual = *Got;
      else
        consumeError(Got.takeError());
      return "the example has no 'after', but the rule rewrites it\n";
    }
    if (!Ex.Note.empty() &&
        llvm::none_of(Found, [&](const Finding &F) {
          // A rule that only reports says why in its message or a note.
          return F.Refusal == Ex.Note ||
                 (F.Refusal.empty() &&
                  (F.Message == Ex.Note ||
                   llvm::any_of(F.Notes, [&](const Note &N) {
                     return N.Message == Ex.Note;
                   })));
        }))
      return "the reason not to rewrite differs from the example's 'note':\n"
             "  note:   " + Ex.Note + "\n  reason: " + Found.front().Refusal +
             "\n";
    return "";
  }
  if (Fixable.empty())
    return "the rule reports 'before' but does not rewrite it: " +
           (Found.front().Refusal.empty() ? describe(S, Found.front())
                                          : Found.front().Refusal) +
           "\n";
  Expected<std::string> Got = rewrittenCode(S, Fixable);
  if (!Got)
    return toString(Got.takeError()) + "\n";
  std::string Want = withNewline(Ex.After);
  if (*Got == Want)
    return "";
  Actual = *Got;
  return "'before' is rewritten differently from 'after' (- after, + the "
         "rewrite):\n" +
         unifiedDiff("example", Want, *Got);
}

/// How far the snippets' runs have got, for the progress line.
struct SnippetProgress {
  explicit SnippetProgress(bool Show) : Bar(Show) {}
  Progress Bar;
  size_t Done = 0, Total = 0;
};

/// Parses the snippets (all rules enabled, in parallel).
void runSnippets(const RuleSet &Rules, ArrayRef<const CompiledRule *> Tested,
                 const tooling::CompilationDatabase &DB,
                 const ExampleOptions &Opts, PreambleCache *Preambles,
                 SnippetProgress &Shown, std::vector<Snippet *> &Batch) {
  RunOptions RO;
  RO.DB = &DB;
  RO.Jobs = Opts.Jobs;
  RO.ResourceDir = Opts.ResourceDir;
  RO.Preambles = Preambles;
  std::map<std::string, const Snippet *> ByFile;
  for (const Snippet *S : Batch) {
    RO.Files.push_back(S->File);
    ByFile[S->File] = S;
  }
  RO.OnDone = [&](const TUResult &R, size_t, size_t) {
    const Snippet *S = ByFile[R.File];
    Shown.Bar.update(++Shown.Done, Shown.Total,
                     S->Rule->id() + ", line " + std::to_string(S->Pos.Line));
  };
  std::vector<TUResult> Results = runRules(Rules, Tested, RO);
  for (size_t I = 0; I < Batch.size(); ++I)
    Batch[I]->Result = std::move(Results[I]);
}

} // namespace

Expected<ExampleTotals> testRuleExamples(const RuleSet &Rules,
                                         ArrayRef<const CompiledRule *> Tested,
                                         const ExampleOptions &Opts,
                                         raw_ostream &OS) {
  ExampleTotals Totals;
  Totals.Rules = Tested.size();
  SmallString<128> Tmp;
  if (std::error_code EC =
          sys::fs::createUniqueDirectory("pitfix-test-rules", Tmp))
    return createStringError(EC, "error: cannot create a temporary "
                                 "directory: " + EC.message());
  std::string Root = canonicalPath(Tmp);
  // The preambles live apart from the snippets, outside their project: their
  // code is never reported nor edited.
  auto Dir = [&](StringRef Sub, StringRef Name) {
    SmallString<256> P(Root);
    sys::path::append(P, Sub, Name);
    return std::string(P);
  };
  auto Commands = std::make_unique<SnippetCommands>(Root);
  std::vector<Snippet> All;
  for (const CompiledRule *R : Tested) {
    std::string Preamble = Dir("preambles", R->id() + ".h");
    std::string SnippetDir = Dir("snippets", R->id());
    for (StringRef D : {StringRef(SnippetDir), sys::path::parent_path(Preamble)})
      if (std::error_code EC = sys::fs::create_directories(D))
        return createStringError(EC, D + ": error: " + EC.message());
    if (Error E = writeFile(Preamble, R->Spec.Preamble))
      return std::move(E);
    std::string Includes =
        std::string(DefaultPreamble) + "#include \"" + Preamble + "\"\n";
    auto Add = [&](SnippetKind K, const RuleExample *Ex, SourcePos Pos,
                   std::string Code) {
      Snippet S;
      S.Rule = R;
      S.Kind = K;
      S.Example = Ex;
      S.Pos = std::move(Pos);
      S.Code = std::move(Code);
      S.File = SnippetDir + "/" + std::to_string(All.size()) + ".cpp";
      S.Includes = Includes;
      // Most snippets do not compile as a file: no "N errors generated".
      std::vector<std::string> Quiet = Opts.Flags;
      Quiet.push_back("-fno-caret-diagnostics");
      Commands->add(S.File, std::move(Quiet));
      All.push_back(std::move(S));
    };
    for (const RuleExample &Ex : R->Spec.Examples) {
      Add(SnippetKind::Before, &Ex, Ex.Pos, Ex.Before);
      if (!Ex.After.empty())
        Add(SnippetKind::After, &Ex, Ex.Pos, Ex.After);
    }
    for (const RuleSnippet &V : R->Spec.Valid)
      Add(SnippetKind::Valid, nullptr, V.Pos, V.Code);
  }
  SnippetCommands *Each = Commands.get();
  std::unique_ptr<tooling::CompilationDatabase> DB = withExtraArgs(
      std::move(Commands), Opts.ExtraArgsBefore, Opts.ExtraArgs);

  // Every snippet starts with the default headers: they are compiled once,
  // into a preamble that each parse loads (the rule's own preamble, short,
  // is parsed with each snippet).
  std::optional<PreambleCache> Preambles;
  if (Opts.Preambles)
    Preambles.emplace(/*MaxEntries=*/2, [](StringRef Text) -> unsigned {
      return Text.starts_with(DefaultPreamble) ? strlen(DefaultPreamble) : 0;
    });
  PreambleCache *Shared = Preambles ? &*Preambles : nullptr;
  SnippetProgress Shown(Opts.ShowProgress);
  Shown.Total = All.size();

  // First every snippet as a file; then what did not compile, as a body.
  std::vector<Snippet *> Batch;
  for (Snippet &S : All) {
    if (Error E = writeFile(S.File, textOf(S)))
      return std::move(E);
    Batch.push_back(&S);
  }
  runSnippets(Rules, Tested, *DB, Opts, Shared, Shown, Batch);
  Batch.clear();
  for (Snippet &S : All)
    if (S.Result.Failed) {
      S.FileErrors = S.Result.Errors;
      S.AsBody = true;
      Each->add(S.File, Opts.Flags);
      if (Error E = writeFile(S.File, textOf(S)))
        return std::move(E);
      Batch.push_back(&S);
    }
  Shown.Total += Batch.size();
  if (!Batch.empty())
    runSnippets(Rules, Tested, *DB, Opts, Shared, Shown, Batch);
  Shown.Bar.clear();
  if (Preambles)
    Totals.Preambles = Preambles->stats();

  // One verdict per example (its before and after) and per valid snippet.
  std::map<std::pair<const void *, const void *>, bool> Failed;
  std::map<std::string, std::vector<AfterUpdate>> Updates;
  std::set<const RuleExample *> Rewritten;
  for (const Snippet &S : All) {
    if (S.Kind == SnippetKind::After && Rewritten.count(S.Example))
      continue; // its old `after:` is gone
    std::optional<std::string> Actual;
    std::string Why = check(S, Actual);
    if (Actual && Opts.Update) {
      // The rewrite becomes the example's `after:`; its check is the
      // next run's.
      Updates[S.Pos.File].push_back({S.Pos.Line, S.Pos.Col, *Actual});
      Totals.Updated.push_back(S.Pos.str());
      Rewritten.insert(S.Example);
      continue;
    }
    const void *Key = S.Example ? static_cast<const void *>(S.Example)
                                : static_cast<const void *>(&S);
    Failed[{S.Rule, Key}] |= !Why.empty();
    if (Why.empty())
      continue;
    std::string What =
        S.Kind == SnippetKind::Valid
            ? "valid snippet"
            : "example" + (S.Example->Title.empty()
                               ? std::string()
                               : " '" + S.Example->Title + "'");
    OS << S.Pos.File << ":" << S.Pos.Line << ":" << S.Pos.Col
       << ": error: " << S.Rule->id() << ": " << What << ": " << Why;
  }
  for (const auto &[Key, F] : Failed)
    ++(F ? Totals.Failed : Totals.Passed);
  for (const auto &[File, List] : Updates) {
    auto Old = MemoryBuffer::getFile(File);
    if (!Old)
      return createStringError(Old.getError(), File + ": error: " +
                                                   Old.getError().message());
    if (Error E = writeFile(File, updateAfterBlocks((*Old)->getBuffer(), List)))
      return std::move(E);
  }
  sys::fs::remove_directories(Root);
  return Totals;
}

int runTestRules(const CliOptions &O, RuleLoader Loader, StringRef Cwd) {
  std::vector<std::string> Paths;
  for (const std::string &P : O.Paths) {
    Paths.push_back(canonicalPath(P));
    Error E = sys::fs::is_directory(P) ? Loader.addDirectory(P)
              : sys::fs::exists(P)
                  ? Loader.addRuleFile(P)
                  : createStringError(inconvertibleErrorCode(),
                                      "error: no such file or directory: '" +
                                          P + "'");
    if (E) {
      errs() << toString(std::move(E)) << "\n";
      return 2;
    }
  }
  Expected<RuleSet> Rules = Loader.build();
  if (!Rules) {
    errs() << toString(Rules.takeError()) << "\n";
    return 2;
  }
  std::vector<const CompiledRule *> Tested;
  for (const auto &R : Rules->Rules) {
    std::string File = canonicalPath(R->Spec.File);
    if (Paths.empty() || llvm::any_of(Paths, [&](StringRef P) {
          return File == P || StringRef(File).starts_with(P.str() + "/");
        }))
      Tested.push_back(R.get());
  }
  ExampleOptions EO;
  if (O.HaveDashDash) {
    Expected<CompilerCommand> Cmd = parseCompilerCommand(O.CompilerArgs, Cwd);
    if (!Cmd) {
      errs() << toString(Cmd.takeError()) << "\n";
      return 2;
    }
    EO.Flags = Cmd->Flags;
  }
  EO.ExtraArgsBefore = O.ExtraArgsBefore;
  EO.ExtraArgs = O.ExtraArgs;
  EO.Jobs = O.Jobs;
  EO.Update = O.Update;
  EO.ResourceDir = PITFIX_CLANG_RESOURCE_DIR;
  EO.Preambles = O.Preambles;
  EO.ShowProgress = !O.Quiet;
  Expected<ExampleTotals> T = testRuleExamples(*Rules, Tested, EO, outs());
  outs().flush();
  if (!T) {
    errs() << toString(T.takeError()) << "\n";
    return 2;
  }
  if (O.PreambleStats)
    errs() << "pitfix: preambles: " << T->Preambles.Built << " built, "
           << T->Preambles.Reused << " reused, " << T->Preambles.Failed
           << " failed, " << T->Preambles.Stale << " out of date\n";
  for (const std::string &F : T->Updated)
    errs() << F << ": note: the example's 'after:' is now the rule's "
                   "rewrite; review it with git diff\n";
  if (!O.Quiet)
    errs() << "pitfix: " << T->Passed << " passed, " << T->Failed
           << " failed (the examples and valid snippets of " << T->Rules
           << (T->Rules == 1 ? " rule)\n" : " rules)\n");
  return T->Failed ? 1 : 0;
}

} // namespace pitfix
