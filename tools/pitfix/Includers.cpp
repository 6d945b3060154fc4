//===- Includers.cpp ------------------------------------------------------===//
#include "Includers.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

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

std::vector<std::string> IncluderIndex::includersOf(StringRef Header) {
  if (!Indexed) {
    for (const std::string &S : Sources)
      for (const std::string &Spelled : includesOf(S))
        ByName[sys::path::filename(Spelled).str()].push_back({S, Spelled});
    Indexed = true;
  }
  std::vector<std::pair<size_t, std::string>> Found;
  auto It = ByName.find(sys::path::filename(Header).str());
  if (It != ByName.end())
    for (const auto &[S, SpelledText] : It->second) {
      StringRef Spelled = SpelledText;
      Spelled.consume_front("./");
      if (S == Header || !Header.ends_with(Spelled) ||
          Header.size() == Spelled.size() ||
          Header[Header.size() - Spelled.size() - 1] != '/')
        continue;
      if (!Found.empty() && Found.back().second == S)
        continue; // Included twice by one file.
      Found.push_back({commonPrefix(Header, S), S});
    }
  // Nearest first; among equals, by path, so that runs are reproducible.
  std::stable_sort(Found.begin(), Found.end(), [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::vector<std::string> Out;
  for (auto &F : Found)
    Out.push_back(std::move(F.second));
  return Out;
}

std::string IncluderIndex::includerOf(StringRef Header) {
  std::vector<std::string> All = includersOf(Header);
  return All.empty() ? "" : All.front();
}

namespace {
/// See withHeaderLanguage().
class HeaderLanguageDatabase : public CompilationDatabase {
public:
  HeaderLanguageDatabase(std::unique_ptr<CompilationDatabase> Inner,
                         std::map<std::string, CompileCommand> Commands)
      : Inner(std::move(Inner)), Commands(std::move(Commands)) {}

  std::vector<CompileCommand>
  getCompileCommands(StringRef File) const override {
    auto It = Commands.find(File.str());
    std::vector<CompileCommand> Cmds = It != Commands.end()
                                           ? std::vector<CompileCommand>{It->second}
                                           : Inner->getCompileCommands(File);
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
  std::map<std::string, CompileCommand> Commands;
};
} // namespace

std::unique_ptr<CompilationDatabase>
withHeaderLanguage(std::unique_ptr<CompilationDatabase> Inner,
                   std::map<std::string, CompileCommand> Commands) {
  return std::make_unique<HeaderLanguageDatabase>(std::move(Inner),
                                                  std::move(Commands));
}

} // namespace pitfix
