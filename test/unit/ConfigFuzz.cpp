//===- ConfigFuzz.cpp - structure-aware fuzzing of rules and configuration
//-===//
//
// pitfix-config-fuzz [iterations] [seed]
// pitfix-config-libfuzzer [libFuzzer options] [corpus dirs]
//
// Mutates the shipped rule files, the vocabulary and a configuration file
// (YAML-aware: keys dropped, duplicated or misspelt, values replaced by other
// values, other types, deep nesting, spaces, escapes; and text-level cuts and
// inserted bytes), loads each mutant as pitfix does, and fails on an error
// that does not say file:line:col. A crash or a hang fails the test through
// the test runner (ctest kills it after its timeout). Every mutant that loads
// is also run over a small source file every so often, which must leave it
// unchanged on disk. Seeded: the same iterations reproduce the same inputs;
// a failure prints the mutant.
//
// Built with -DPITFIX_LIBFUZZER=ON (clang++), the same checks run under
// libFuzzer, coverage-guided, with AddressSanitizer: the first byte of an
// input says what the rest is (a rule file, the vocabulary or a
// configuration). scripts/fuzz.sh builds it and seeds it with the shipped
// files.
//
//===----------------------------------------------------------------------===//
#include "actions/ActionTable.h"
#include "config/ProjectConfig.h"
#include "config/RuleSpec.h"
#include "engine/RuleSet.h"
#include "engine/Runner.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <yaml-cpp/yaml.h>

#include <random>

using namespace llvm;
using namespace pitfix;

namespace {

/// Every line of an error says where: "file:line:col: error: ...".
bool located(const std::string &Msg) {
  static const Regex Where("^[^ :][^:]*:[0-9]+:[0-9]+: (error|note): ");
  SmallVector<StringRef, 4> Lines;
  StringRef(Msg).split(Lines, '\n', -1, false);
  return !Lines.empty() &&
         all_of(Lines, [](StringRef L) { return Where.match(L); });
}

std::string readFile(StringRef Path) {
  auto B = MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : "";
}

void writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  OS << Text;
}

/// The mutator: picks nodes of a parsed YAML document and changes them.
class Mutator {
public:
  explicit Mutator(unsigned Seed) : Rng(Seed) {}

  size_t below(size_t N) { return N ? Rng() % N : 0; }
  bool chance(unsigned Percent) { return below(100) < Percent; }

  /// Scalars seen in the corpus, to move values between places.
  std::vector<std::string> Scalars;

  void collect(const YAML::Node &N) {
    if (N.IsScalar())
      Scalars.push_back(N.Scalar());
    else if (N.IsSequence())
      for (const YAML::Node &E : N)
        collect(E);
    else if (N.IsMap())
      for (auto It = N.begin(); It != N.end(); ++It) {
        Scalars.push_back(It->first.Scalar());
        collect(It->second);
      }
  }

  std::string oddScalar() {
    switch (below(14)) {
    case 0:
      return "";
    case 1:
      return " " + pick() + " ";
    case 2:
      return "/(" + pick() + "/";
    case 3: {
      std::string S;
      size_t Depth = 1 + below(3) * 200 + below(2) * 5000;
      for (size_t I = 0; I < Depth; ++I)
        S += "anyOf(";
      S += "stmt()";
      for (size_t I = 0; I < Depth; ++I)
        S += ")";
      return S;
    }
    case 4:
      return pick() + "\n" + pick();
    case 5:
      return std::string(1 + below(5000), 'x');
    case 6:
      return "callExpr(callee(functionDecl(hasName(\"" + pick() + "\"))";
    case 7:
      return "<" + pick();
    case 8:
      return "{" + pick() + "}";
    case 9:
      return std::to_string(Rng());
    case 10:
      return "\t\"\\'";
    case 11:
      return "a-b c";
    case 12: {
      std::string S = pick();
      if (!S.empty())
        S.erase(below(S.size()), 1 + below(3));
      return S;
    }
    default:
      return pick();
    }
  }

  std::string pick() {
    return Scalars.empty() ? "x" : Scalars[below(Scalars.size())];
  }

  YAML::Node oddNode() {
    switch (below(6)) {
    case 0:
      return YAML::Node(YAML::NodeType::Null);
    case 1: {
      YAML::Node S(YAML::NodeType::Sequence);
      for (size_t I = 0, N = below(4); I < N; ++I)
        S.push_back(oddScalar());
      return S;
    }
    case 2: {
      YAML::Node M(YAML::NodeType::Map);
      M[pick()] = oddScalar();
      return M;
    }
    default:
      return YAML::Node(oddScalar());
    }
  }

  /// Changes one node somewhere under \p N (a map or a sequence).
  void mutate(YAML::Node N, unsigned Depth = 0) {
    if (N.IsMap() && N.size()) {
      std::vector<std::string> Keys;
      for (auto It = N.begin(); It != N.end(); ++It)
        Keys.push_back(It->first.Scalar());
      std::string K = Keys[below(Keys.size())];
      YAML::Node V = N[K];
      if ((V.IsMap() || V.IsSequence()) && Depth < 4 && chance(60))
        return mutate(V, Depth + 1);
      switch (below(5)) {
      case 0:
        N.remove(K);
        return;
      case 1:
        N[K + (chance(50) ? "s" : "_")] = YAML::Clone(V);
        N.remove(K);
        return;
      case 2:
        N[pick()] = oddNode();
        return;
      default:
        N[K] = chance(70) ? YAML::Node(oddScalar()) : oddNode();
        return;
      }
    }
    if (N.IsSequence() && N.size()) {
      size_t I = below(N.size());
      if ((N[I].IsMap() || N[I].IsSequence()) && Depth < 4 && chance(60))
        return mutate(N[I], Depth + 1);
      N[I] = chance(70) ? YAML::Node(oddScalar()) : oddNode();
      if (chance(20))
        N.push_back(oddNode());
    }
  }

  /// Emits \p Doc, sometimes with double-quoted strings (escapes).
  std::string emit(const YAML::Node &Doc) {
    YAML::Emitter E;
    if (chance(30))
      E << YAML::DoubleQuoted;
    if (chance(30))
      E << YAML::Flow;
    E << Doc;
    return E.good() ? std::string(E.c_str()) : "";
  }

  /// A text-level change: a cut, an inserted byte, a duplicated line.
  std::string mangle(std::string T) {
    if (T.empty())
      return T;
    size_t At = below(T.size());
    switch (below(4)) {
    case 0:
      return T.substr(0, At);
    case 1:
      return T.insert(At, 1, "\t:{}[]\"'\\#&*!|>%@`\n"[below(20)]);
    case 2: {
      size_t End = T.find('\n', At);
      return T.insert(At, T.substr(At, End == std::string::npos ? 10 : End - At));
    }
    default:
      return T.erase(At, 1 + below(20));
    }
  }

private:
  std::mt19937 Rng;
};

struct Corpus {
  std::string RulesDir;
  std::vector<std::string> RuleFiles;
  std::string VocabFile;
};

Corpus shipped() {
  Corpus C;
  C.RulesDir = PITFIX_TEST_RULES_DIR;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(C.RulesDir, EC), End;
       It != End && !EC; It.increment(EC)) {
    StringRef P = It->path();
    if (!P.ends_with(".yaml"))
      continue;
    if (sys::path::filename(P).starts_with("vocabulary"))
      C.VocabFile = P.str();
    else
      C.RuleFiles.push_back(P.str());
  }
  llvm::sort(C.RuleFiles);
  return C;
}

const char *Config = "Checks: \"-*,sharing-*,ordering-multi-lock-order\"\n"
                     "InheritParentConfig: false\n"
                     "CheckOptions:\n"
                     "  sharing-unnamed-lock-guard:\n"
                     "    names: [lock, guard]\n"
                     "  lifetime-exception-escapes-thread:\n"
                     "    includes: [\"<cstdio>\"]\n"
                     "Vocabulary:\n"
                     "  names:\n"
                     "    guardClasses: [my::Guard, \"/my::.*Lock$/\"]\n"
                     "  matchers:\n"
                     "    myMutex: \"cxxRecordDecl(hasName(\\\"my::Mutex\\\"))\"\n";

const char *Source = "#include <mutex>\nstd::mutex mu;\nint n;\n"
                     "void bump() {\n  std::lock_guard<std::mutex>{mu};\n"
                     "  ++n;\n}\n";

/// One mutant of \p Text: a text-level change now and then, else one to
/// three structural changes.
std::string mutant(Mutator &M, const std::string &Text) {
  if (M.chance(15))
    return M.mangle(Text);
  YAML::Node Doc = YAML::Load(Text);
  for (size_t K = 0, N = 1 + M.below(3); K < N; ++K)
    M.mutate(Doc);
  return M.emit(Doc);
}

/// Loads \p File, of kind \p Kind, on top of the shipped rules in \p L, as
/// pitfix does (for a configuration: its vocabulary and options).
Expected<RuleSet> load(RuleLoader &L, const std::string &Kind,
                       const std::string &File) {
  if (Kind == "rule") {
    if (Error E = L.addRuleFile(File))
      return std::move(E);
  } else if (Kind == "vocabulary") {
    if (Error E = L.vocabulary().addFile(File))
      return std::move(E);
  } else {
    Expected<ConfigFile> CF = readConfigFile(File);
    if (!CF)
      return CF.takeError();
    if (Error E = L.vocabulary().addNode(File, CF->VocabNames,
                                         CF->VocabMatchers))
      return std::move(E);
    for (const OptionOverride &O : CF->Options)
      if (Error E = L.setOption(O.RuleId, O.Name, O.Value, O.RulePos))
        return std::move(E);
  }
  return L.build();
}

} // namespace

#ifdef PITFIX_LIBFUZZER

namespace {
const RuleLoader *FuzzBase = nullptr;
std::string FuzzDir;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  static RuleLoader Base(ruleLanguage());
  if (Error E = Base.addDirectory(PITFIX_TEST_RULES_DIR)) {
    errs() << "the shipped rules do not load: " << toString(std::move(E))
           << "\n";
    std::abort();
  }
  FuzzBase = &Base;
  SmallString<128> Dir;
  if (sys::fs::createUniqueDirectory("pitfix-libfuzzer", Dir))
    std::abort();
  FuzzDir = std::string(Dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  static const char *const Kinds[] = {"rule", "vocabulary", "config"};
  static const char *const Names[] = {"fuzz-rule.yaml", "vocabulary-fuzz.yaml",
                                      ".pitfix.yaml"};
  unsigned K = Data[0] % 3;
  std::string Text(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  std::string File = FuzzDir + "/" + Names[K];
  writeFile(File, Text);
  RuleLoader L = *FuzzBase;
  Expected<RuleSet> Set = load(L, Kinds[K], File);
  if (!Set) {
    std::string Msg = toString(Set.takeError());
    if (!located(Msg)) {
      errs() << "an error without file:line:col (" << Kinds[K] << "):\n"
             << Msg << "\n";
      std::abort();
    }
  }
  return 0;
}

#else

int main(int argc, char **argv) {
  unsigned Iterations = argc > 1 ? std::stoul(argv[1]) : 3000;
  unsigned Seed = argc > 2 ? std::stoul(argv[2]) : 20261201;
  Corpus C = shipped();
  if (C.RuleFiles.empty() || C.VocabFile.empty()) {
    errs() << "no shipped rules under " << C.RulesDir << "\n";
    return 1;
  }
  RuleLoader Base(ruleLanguage());
  if (Error E = Base.addDirectory(C.RulesDir)) {
    errs() << "the shipped rules do not load: " << toString(std::move(E))
           << "\n";
    return 1;
  }
  Base.markLoadedOverridable(); // Mutants replace them by id, as --rules-dir.
  SmallString<128> Dir;
  if (sys::fs::createUniqueDirectory("pitfix-fuzz", Dir))
    return 1;
  std::string Src = std::string(Dir) + "/a.cpp";
  writeFile(Src, Source);

  Mutator M(Seed);
  std::vector<std::pair<std::string, std::string>> Seeds; // kind, text
  for (const std::string &F : C.RuleFiles)
    Seeds.push_back({"rule", readFile(F)});
  Seeds.push_back({"vocabulary", readFile(C.VocabFile)});
  Seeds.push_back({"config", Config});
  for (const auto &S : Seeds)
    M.collect(YAML::Load(S.second));

  unsigned Loaded = 0, Rejected = 0, Ran = 0, Failures = 0;
  for (unsigned I = 0; I < Iterations; ++I) {
    size_t Which = M.below(Seeds.size());
    const std::string &Kind = Seeds[Which].first;
    std::string Mutant;
    try {
      Mutant = mutant(M, Seeds[Which].second);
    } catch (const YAML::Exception &) {
      continue; // The mutator's own YAML trouble, not pitfix's.
    }
    std::string File = std::string(Dir) + "/" +
                       (Kind == "vocabulary" ? "vocabulary-fuzz.yaml"
                        : Kind == "config"   ? ".pitfix.yaml"
                                             : "fuzz-rule.yaml");
    writeFile(File, Mutant);
    RuleLoader L = Base;
    Expected<RuleSet> Set = load(L, Kind, File);
    if (!Set) {
      std::string Msg = toString(Set.takeError());
      ++Rejected;
      if (!located(Msg)) {
        ++Failures;
        errs() << "iteration " << I << " (" << Kind
               << "): an error without file:line:col:\n"
               << Msg << "\n--- the input:\n"
               << Mutant << "\n---\n";
      }
      continue;
    }
    ++Loaded;
    // Now and then, run what loaded: nothing may be written.
    if (Loaded % 97 != 1)
      continue;
    ++Ran;
    std::vector<const CompiledRule *> Enabled;
    for (const auto &R : Set->Rules)
      Enabled.push_back(R.get());
    clang::tooling::FixedCompilationDatabase DB(
        ".", std::vector<std::string>{"-std=c++17"});
    RunOptions O;
    O.DB = &DB;
    O.Files = {Src};
    runRules(*Set, Enabled, O);
    if (readFile(Src) != Source) {
      ++Failures;
      errs() << "iteration " << I << ": the source changed on disk\n";
      writeFile(Src, Source);
    }
  }
  sys::fs::remove_directories(Dir);
  outs() << "pitfix-config-fuzz: " << Iterations << " inputs (seed " << Seed
         << "): " << Loaded << " loaded, " << Rejected << " rejected with a "
         << "position, " << Ran << " run, " << Failures << " failures\n";
  return Failures ? 1 : 0;
}

#endif // PITFIX_LIBFUZZER
