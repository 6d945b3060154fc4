//===- Includers.cpp ------------------------------------------------------===//
#include "Includers.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace clang::tooling;

namespace pitfix {

bool isHeaderFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return StringSwitch<bool>(Ext)
      .Cases(".h", ".hh", ".hpp", ".hxx", ".h++", ".H", true)
      .Cases(".inl", ".ipp", ".tcc", ".inc", "", true)
      .Default(false);
}

const std::vector<std::string> &
IncluderIndex::includesOf(const std::string &Source) {
  auto It = Includes.find(Source);
  if (It != Includes.end())
    return It->second;
  std::vector<std::string> &Out = Includes[Source];
  auto Buf = MemoryBuffer::getFile(Source);
  if (!Buf)
    return Out;
  SmallVector<StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (StringRef L : Lines) {
    L = L.ltrim();
    if (!L.consume_front("#"))
      continue;
    L = L.ltrim();
    if (!L.consume_front("include"))
      continue;
    L = L.ltrim();
    if (L.empty() || (L[0] != '"' && L[0] != '<'))
      continue;
    char Close = L[0] == '"' ? '"' : '>';
    StringRef Name = L.drop_front().split(Close).first;
    if (!Name.empty())
      Out.push_back(Name.str());
  }
  return Out;
}

/// Length of the common leading directory part of two absolute paths.
static size_t commonPrefix(StringRef A, StringRef B) {
  size_t N = 0, LastSlash = 0;
  while (N < A.size() && N < B.size() && A[N] == B[N]) {
    if (A[N] == '/')
      LastSlash = N;
    ++N;
  }
  return LastSlash;
}

std::string IncluderIndex::includerOf(StringRef Header) {
  std::string Best;
  size_t BestScore = 0;
  for (const std::string &S : Sources)
    for (StringRef Spelled : includesOf(S)) {
      Spelled.consume_front("./");
      if (!Header.ends_with(Spelled) || Header.size() == Spelled.size() ||
          Header[Header.size() - Spelled.size() - 1] != '/')
        continue;
      size_t Score = commonPrefix(Header, S) + 1;
      if (Score > BestScore) {
        Best = S;
        BestScore = Score;
      }
    }
  return Best;
}

namespace {
/// See withHeaderLanguage().
class HeaderLanguageDatabase : public CompilationDatabase {
public:
  explicit HeaderLanguageDatabase(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}

  std::vector<CompileCommand>
  getCompileCommands(StringRef File) const override {
    std::vector<CompileCommand> Cmds = Inner->getCompileCommands(File);
    if (!isHeaderFile(File))
      return Cmds;
    for (CompileCommand &C : Cmds) {
      bool HasLanguage = false;
      for (StringRef A : C.CommandLine)
        HasLanguage |= A == "-x" || A.starts_with("-x") ||
                       A.starts_with("--language");
      if (!HasLanguage && !C.CommandLine.empty())
        C.CommandLine.insert(C.CommandLine.begin() + 1, "-xc++-header");
    }
    return Cmds;
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Inner->getAllCompileCommands();
  }

private:
  std::unique_ptr<CompilationDatabase> Inner;
};
} // namespace

std::unique_ptr<CompilationDatabase>
withHeaderLanguage(std::unique_ptr<CompilationDatabase> Inner) {
  return std::make_unique<HeaderLanguageDatabase>(std::move(Inner));
}

} // namespace pitfix
