//===- ResultCache.cpp ----------------------------------------------------===//
#include "engine/ResultCache.h"

#include "edit/AtomicWrite.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace llvm;

namespace pitfix {
namespace {

/// Bumped whenever the entry format changes. 2: several results per key,
/// each with the paths looked up in vain and the files probed.
constexpr int FormatVersion = 2;

/// Feeds strings to a hash with their lengths, so that ("ab","c") and
/// ("a","bc") differ.
class Digest {
public:
  Digest &add(StringRef S) {
    uint64_t N = S.size();
    H.update(ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(&N), sizeof N));
    H.update(S);
    return *this;
  }
  std::string hex() {
    auto R = H.final<16>();
    return toHex(ArrayRef<uint8_t>(R.data(), R.size()), /*LowerCase=*/true);
  }

private:
  BLAKE3 H;
};

json::Object locToJson(const FileLoc &L) {
  return json::Object{{"file", L.File},
                      {"line", int64_t(L.Line)},
                      {"col", int64_t(L.Col)},
                      {"offset", int64_t(L.Offset)}};
}

bool locFromJson(const json::Value *V, FileLoc &L) {
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return false;
  auto File = O->getString("file");
  auto Line = O->getInteger("line"), Col = O->getInteger("col"),
       Off = O->getInteger("offset");
  if (!File || !Line || !Col || !Off)
    return false;
  L.File = File->str();
  L.Line = *Line;
  L.Col = *Col;
  L.Offset = *Off;
  return true;
}

bool allUTF8(const Finding &F) {
  auto Ok = [](StringRef S) { return json::isUTF8(S); };
  if (!Ok(F.RuleId) || !Ok(F.Severity) || !Ok(F.Message) || !Ok(F.Refusal) ||
      !Ok(F.Loc.File))
    return false;
  for (const Note &N : F.Notes)
    if (!Ok(N.Message) || !Ok(N.Loc.File))
      return false;
  for (const Edit &E : F.Edits)
    if (!Ok(E.File) || !Ok(E.Text))
      return false;
  return true;
}

} // namespace

std::string findingsToJson(ArrayRef<Finding> Findings) {
  json::Array A;
  for (const Finding &F : Findings) {
    json::Array Notes, Edits;
    for (const Note &N : F.Notes)
      Notes.push_back(json::Object{{"loc", locToJson(N.Loc)},
                                   {"message", N.Message}});
    for (const Edit &E : F.Edits)
      Edits.push_back(json::Object{{"file", E.File},
                                   {"offset", int64_t(E.Offset)},
                                   {"length", int64_t(E.Length)},
                                   {"text", E.Text}});
    A.push_back(json::Object{
        {"rule", F.RuleId},
        {"severity", F.Severity},
        {"loc", locToJson(F.Loc)},
        {"message", F.Message},
        {"notes", std::move(Notes)},
        {"edits", std::move(Edits)},
        {"refusal", F.Refusal},
        {"scope", json::Array{int64_t(F.ScopeBegin), int64_t(F.ScopeEnd)}}});
  }
  std::string S;
  raw_string_ostream OS(S);
  OS << json::Value(std::move(A));
  return S;
}

std::optional<std::vector<Finding>> findingsFromJson(const json::Value &V) {
  const json::Array *A = V.getAsArray();
  if (!A)
    return std::nullopt;
  std::vector<Finding> Out;
  for (const json::Value &FV : *A) {
    const json::Object *O = FV.getAsObject();
    if (!O)
      return std::nullopt;
    Finding F;
    auto Rule = O->getString("rule"), Sev = O->getString("severity"),
         Msg = O->getString("message"), Ref = O->getString("refusal");
    const json::Array *Notes = O->getArray("notes"), *Edits = O->getArray("edits");
    if (!Rule || !Sev || !Msg || !Ref || !Notes || !Edits ||
        !locFromJson(O->get("loc"), F.Loc))
      return std::nullopt;
    F.RuleId = Rule->str();
    F.Severity = Sev->str();
    F.Message = Msg->str();
    F.Refusal = Ref->str();
    // The function around the finding (older entries have none).
    if (const json::Array *Scope = O->getArray("scope");
        Scope && Scope->size() == 2) {
      F.ScopeBegin = unsigned((*Scope)[0].getAsInteger().value_or(0));
      F.ScopeEnd = unsigned((*Scope)[1].getAsInteger().value_or(0));
    }
    for (const json::Value &NV : *Notes) {
      const json::Object *NO = NV.getAsObject();
      Note N;
      auto M = NO ? NO->getString("message") : std::nullopt;
      if (!M || !locFromJson(NO->get("loc"), N.Loc))
        return std::nullopt;
      N.Message = M->str();
      F.Notes.push_back(std::move(N));
    }
    for (const json::Value &EV : *Edits) {
      const json::Object *EO = EV.getAsObject();
      if (!EO)
        return std::nullopt;
      auto File = EO->getString("file"), Text = EO->getString("text");
      auto Off = EO->getInteger("offset"), Len = EO->getInteger("length");
      if (!File || !Text || !Off || !Len)
        return std::nullopt;
      F.Edits.push_back({File->str(), unsigned(*Off), unsigned(*Len), Text->str()});
    }
    Out.push_back(std::move(F));
  }
  return Out;
}

ResultCache::ResultCache(std::string Dir, std::string Salt, uint64_t MaxBytes)
    : Dir(std::move(Dir)), Salt(std::move(Salt)), MaxBytes(MaxBytes) {}

std::string ResultCache::hashOf(StringRef Data) { return Digest().add(Data).hex(); }

std::string ResultCache::keyFor(StringRef MainFile,
                                ArrayRef<clang::tooling::CompileCommand> Commands,
                                ArrayRef<std::string> ExtraArgs,
                                StringRef ProjectRoot) const {
  Digest D;
  D.add("pitfix-cache").add(std::to_string(FormatVersion)).add(Salt);
  D.add(MainFile).add(ProjectRoot);
  for (const std::string &A : ExtraArgs)
    D.add(A);
  for (const clang::tooling::CompileCommand &C : Commands) {
    D.add("command").add(C.Directory).add(C.Filename);
    for (const std::string &A : C.CommandLine)
      D.add(A);
  }
  return D.hex();
}

std::string ResultCache::entryPath(StringRef Key) const {
  SmallString<256> P(Dir);
  sys::path::append(P, Key.take_front(2), Key.str() + ".json");
  return std::string(P);
}

void ResultCache::note(std::string Line) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Notes.size() < 20)
    Notes.push_back(std::move(Line));
}

std::optional<std::string> ResultCache::currentHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Hashes.find(Path);
    if (It != Hashes.end())
      return It->second;
  }
  std::optional<std::string> H;
  if (auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                       /*RequiresNullTerminator=*/false))
    H = hashOf((*Buf)->getBuffer());
  std::lock_guard<std::mutex> Lock(Mutex);
  Hashes[Path] = H;
  return H;
}

bool ResultCache::existsNow(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Exists.find(Path);
    if (It != Exists.end())
      return It->second;
  }
  // As the parse's lookup: a path that cannot be stat'ed (missing, or under
  // a directory that is not one) is absent.
  sys::fs::file_status St;
  bool E = !sys::fs::status(Path, St);
  std::lock_guard<std::mutex> Lock(Mutex);
  Exists[Path] = E;
  return E;
}

std::optional<bool> ResultCache::inputsUnchanged(const json::Object &Result) {
  const json::Array *Files = Result.getArray("files");
  const json::Array *Absent = Result.getArray("absent");
  const json::Array *Present = Result.getArray("present");
  if (!Files || !Absent || !Present)
    return std::nullopt;
  for (const json::Value &FV : *Files) {
    const json::Array *Pair = FV.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsString())
      return std::nullopt;
    std::optional<std::string> Now = currentHash((*Pair)[0].getAsString()->str());
    if (!Now || *Now != *(*Pair)[1].getAsString())
      return false; // An input changed (or is gone).
  }
  // Paths the parse looked up in vain: one that exists now may shadow an
  // include or turn a __has_include true.
  for (const json::Value &PV : *Absent) {
    std::optional<StringRef> P = PV.getAsString();
    if (!P)
      return std::nullopt;
    if (existsNow(P->str()))
      return false;
  }
  for (const json::Value &PV : *Present) {
    std::optional<StringRef> P = PV.getAsString();
    if (!P)
      return std::nullopt;
    if (!existsNow(P->str()))
      return false;
  }
  return true;
}

std::optional<std::vector<Finding>> ResultCache::lookup(StringRef Key) {
  std::string P = entryPath(Key);
  auto Miss = [&]() -> std::optional<std::vector<Finding>> {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Misses;
    return std::nullopt;
  };
  auto Buf = MemoryBuffer::getFile(P, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf) {
    if (Buf.getError() != std::errc::no_such_file_or_directory)
      note(P + ": cannot be read (" + Buf.getError().message() + "); ignored");
    return Miss();
  }
  auto Corrupt = [&]() {
    note(P + ": not a valid cache entry; ignored");
    return Miss();
  };
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    consumeError(V.takeError());
    return Corrupt();
  }
  const json::Object *O = V->getAsObject();
  if (!O)
    return Corrupt();
  if (O->getInteger("format") != FormatVersion)
    return Miss(); // Another format: replaced when this unit is stored.
  const json::Array *Results = O->getArray("results");
  if (!Results)
    return Corrupt();
  for (const json::Value &RV : *Results) {
    const json::Object *R = RV.getAsObject();
    std::optional<bool> Same = R ? inputsUnchanged(*R) : std::nullopt;
    if (!Same)
      return Corrupt();
    if (!*Same)
      continue;
    const json::Value *Findings = R->get("findings");
    auto Out = Findings ? findingsFromJson(*Findings) : std::nullopt;
    if (!Out)
      return Corrupt();
    // Recently used entries are the last to be trimmed.
    int FD;
    if (!sys::fs::openFileForReadWrite(P, FD, sys::fs::CD_OpenExisting,
                                       sys::fs::OF_None)) {
      sys::fs::setLastAccessAndModificationTime(
          FD, std::chrono::time_point_cast<std::chrono::nanoseconds>(
                  std::chrono::system_clock::now()));
      sys::Process::SafelyCloseFileDescriptor(FD);
    }
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Hits;
    return Out;
  }
  return Miss();
}

/// The results already stored at \p Path (none when it is missing, of
/// another format or corrupt).
static json::Array storedResults(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return {};
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    consumeError(V.takeError());
    return {};
  }
  json::Object *O = V->getAsObject();
  json::Array *Results = O ? O->getArray("results") : nullptr;
  if (!Results || O->getInteger("format") != FormatVersion)
    return {};
  return std::move(*Results);
}

void ResultCache::store(StringRef Key, const UnitInputs &Inputs,
                        ArrayRef<Finding> Findings) {
  for (const Finding &F : Findings)
    if (!allUTF8(F))
      return; // Not representable in the entry format: not cached.
  json::Array FA, Absent, Present;
  for (const auto &[Path, Hash] : Inputs.Read) {
    if (!json::isUTF8(Path))
      return;
    FA.push_back(json::Array{Path, Hash});
  }
  for (const std::string &Path : Inputs.Absent) {
    if (!json::isUTF8(Path))
      return;
    Absent.push_back(Path);
  }
  for (const std::string &Path : Inputs.Present) {
    if (!json::isUTF8(Path))
      return;
    Present.push_back(Path);
  }
  Expected<json::Value> FV = json::parse(findingsToJson(Findings));
  if (!FV) {
    consumeError(FV.takeError());
    return;
  }
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (WriteFailed)
      return; // Said once; the run goes on without storing.
  }
  std::string P = entryPath(Key);
  // The new result first; then the older ones, less the one it supersedes
  // (the same inputs: files, contents, paths missing and probed), up to
  // MaxVariants in all.
  json::Value Files(std::move(FA)), Missing(std::move(Absent)),
      Found(std::move(Present));
  json::Array Results;
  for (json::Value &Old : storedResults(P)) {
    if (Results.size() + 1 >= MaxVariants)
      break;
    const json::Object *R = Old.getAsObject();
    const json::Value *OldFiles = R ? R->get("files") : nullptr,
                      *OldMissing = R ? R->get("absent") : nullptr,
                      *OldFound = R ? R->get("present") : nullptr;
    if (!OldFiles || !OldMissing || !OldFound)
      continue;
    if (*OldFiles == Files && *OldMissing == Missing && *OldFound == Found)
      continue;
    Results.push_back(std::move(Old));
  }
  Results.insert(Results.begin(), json::Object{{"files", std::move(Files)},
                                               {"absent", std::move(Missing)},
                                               {"present", std::move(Found)},
                                               {"findings", std::move(*FV)}});
  json::Object Entry{{"format", FormatVersion}, {"results", std::move(Results)}};
  std::string Text;
  raw_string_ostream(Text) << json::Value(std::move(Entry));
  std::error_code EC = sys::fs::create_directories(sys::path::parent_path(P));
  // A temporary file beside the entry and a rename: a reader sees a whole
  // entry or none, and a full disk leaves no partial one.
  if (!EC)
    EC = writeOwnFile(P, Text);
  if (!EC)
    return;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (WriteFailed)
      return;
    WriteFailed = true;
  }
  note(Dir + ": cannot be written (" + EC.message() +
       "); results are not cached in this run");
}

void ResultCache::trim() {
  struct Item {
    std::string Path;
    uint64_t Size;
    sys::TimePoint<> Time;
  };
  std::vector<Item> Items;
  uint64_t Total = 0;
  std::error_code EC;
  // Temporary files of runs killed while they stored an entry.
  removeStaleTempFiles(Dir);
  for (sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (It->type() == sys::fs::file_type::directory_file)
      removeStaleTempFiles(It->path());
    sys::fs::file_status St;
    if (sys::fs::status(It->path(), St) || St.type() != sys::fs::file_type::regular_file)
      continue;
    Items.push_back({It->path(), St.getSize(), St.getLastModificationTime()});
    Total += St.getSize();
  }
  if (Total <= MaxBytes)
    return;
  std::sort(Items.begin(), Items.end(),
            [](const Item &A, const Item &B) { return A.Time < B.Time; });
  // Down to 80% of the bound, so that every run does not trim again.
  for (const Item &I : Items) {
    if (Total <= MaxBytes / 10 * 8)
      break;
    if (!sys::fs::remove(I.Path))
      Total -= I.Size;
  }
}

std::vector<std::string> ResultCache::takeNotes() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return std::move(Notes);
}

std::string ruleSetDigest(const RuleSet &Rules,
                          ArrayRef<const CompiledRule *> Enabled) {
  Digest D;
  for (const CompiledRule *R : Enabled) {
    const RuleSpec &S = R->Spec;
    D.add("rule").add(S.Id).add(S.Severity).add(S.Message).add(S.Match.Text);
    D.add(S.Action);
    for (const FixEdit &E : S.Fix)
      D.add("fix").add(std::to_string(E.K)).add(E.Bind).add(E.Text).add(
          E.Statement ? "statement" : "");
    for (const WhereCondition &W : S.Where)
      D.add("where").add(W.Name).add(W.Bind).add(W.Negated ? "not" : "");
    for (const auto &O : S.Options) {
      D.add("option").add(O.first);
      for (const std::string &V : O.second.Values)
        D.add(V);
    }
  }
  // std::map-like order for the lists, so that the digest is stable.
  std::vector<std::string> ListNames;
  for (const auto &L : Rules.Vocab.allNames())
    ListNames.push_back(L.getKey().str());
  std::sort(ListNames.begin(), ListNames.end());
  for (const std::string &N : ListNames) {
    D.add("list").add(N);
    for (const std::string &E : Rules.Vocab.names(N).entries())
      D.add(E);
  }
  for (const auto &M : Rules.Vocab.matcherDefs())
    D.add("matcher").add(M.first).add(M.second.Text);
  return D.hex();
}

} // namespace pitfix
