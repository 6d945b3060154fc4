//===- CompileDatabase.cpp ------------------------------------------------===//
#include "CompileDatabase.h"

#include "engine/MatchContext.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <optional>

using namespace llvm;

namespace pitfix {
namespace {

class Checker {
public:
  Checker(std::string Path) : Path(std::move(Path)) {
    SM.setDiagHandler(
        [](const SMDiagnostic &D, void *Ctx) {
          auto *Self = static_cast<Checker *>(Ctx);
          if (!Self->Failure)
            Self->Failure = Self->Path + ":" + std::to_string(D.getLineNo()) +
                            ":" + std::to_string(D.getColumnNo() + 1) +
                            ": error: " + D.getMessage().str();
        },
        this);
  }

  Expected<DatabaseEntries> run(std::unique_ptr<MemoryBuffer> Buf) {
    unsigned Id = SM.AddNewSourceBuffer(std::move(Buf), SMLoc());
    yaml::Stream S(SM.getMemoryBuffer(Id)->getMemBufferRef(), SM);
    yaml::document_iterator Doc = S.begin();
    yaml::Node *Root = Doc != S.end() ? Doc->getRoot() : nullptr;
    DatabaseEntries Out;
    if (!Failure && Root)
      checkRoot(Root, Out);
    if (!Failure && (!Root || isa<yaml::NullNode>(Root)))
      Failure = Path + ":1:1: error: the compile database is empty";
    if (Failure)
      return createStringError(inconvertibleErrorCode(), *Failure);
    return Out;
  }

private:
  void fail(yaml::Node *N, const Twine &Msg) {
    if (Failure)
      return;
    SMLoc L = N->getSourceRange().Start;
    auto [Line, Col] = SM.getLineAndColumn(L);
    Failure = Path + ":" + std::to_string(Line) + ":" + std::to_string(Col) +
              ": error: " + Msg.str();
  }

  std::optional<std::string> scalar(yaml::Node *N, StringRef Key) {
    auto *S = dyn_cast_or_null<yaml::ScalarNode>(N);
    if (!S) {
      fail(N, "\"" + Key + "\" must be a string");
      return std::nullopt;
    }
    SmallString<256> Storage;
    return S->getValue(Storage).str();
  }

  void checkRoot(yaml::Node *Root, DatabaseEntries &Out) {
    auto *Seq = dyn_cast<yaml::SequenceNode>(Root);
    if (!Seq) {
      if (!isa<yaml::NullNode>(Root))
        fail(Root, "the compile database must be a JSON array of entries");
      return;
    }
    bool Any = false;
    for (yaml::Node &Item : *Seq) {
      if (Failure)
        return;
      Any = true;
      checkEntry(&Item, Out);
    }
    if (!Failure && !Any)
      fail(Root, "the compile database lists no file (an empty array): "
                 "pitfix cannot know how a file is compiled");
  }

  void checkEntry(yaml::Node *Item, DatabaseEntries &Out) {
    auto *Map = dyn_cast<yaml::MappingNode>(Item);
    if (!Map) {
      fail(Item, "an entry of the compile database must be an object with "
                 "\"directory\", \"file\" and \"command\" or \"arguments\"");
      return;
    }
    std::optional<std::string> Dir, File;
    yaml::Node *DirNode = nullptr;
    bool HasCommand = false;
    for (yaml::KeyValueNode &KV : *Map) {
      auto *KeyNode = dyn_cast_or_null<yaml::ScalarNode>(KV.getKey());
      yaml::Node *Value = KV.getValue();
      if (Failure)
        return;
      if (!KeyNode || !Value) {
        fail(KV.getKey() ? KV.getKey() : Item, "malformed entry");
        return;
      }
      SmallString<32> KS;
      StringRef Key = KeyNode->getValue(KS);
      if (Key == "directory") {
        DirNode = Value;
        Dir = scalar(Value, Key);
      } else if (Key == "file") {
        File = scalar(Value, Key);
      } else if (Key == "command") {
        HasCommand = scalar(Value, Key).has_value();
      } else if (Key == "arguments") {
        auto *Args = dyn_cast<yaml::SequenceNode>(Value);
        if (!Args) {
          fail(Value, "\"arguments\" must be an array of strings");
          return;
        }
        for (yaml::Node &A : *Args)
          if (!scalar(&A, "arguments"))
            return;
        HasCommand = true;
      } else {
        Value->skip();
      }
    }
    if (Failure)
      return;
    if (!Dir)
      return fail(Item, "the entry has no \"directory\"");
    if (!File)
      return fail(Item, "the entry has no \"file\"");
    if (!HasCommand)
      return fail(Item, "the entry has neither \"command\" nor \"arguments\"");
    if (!sys::path::is_absolute(*Dir))
      return fail(DirNode, "\"directory\" must be an absolute path (it is '" +
                               *Dir +
                               "'): pitfix would not know relative to what "
                               "the compiler ran");
    SmallString<256> Abs(*File);
    if (!sys::path::is_absolute(Abs)) {
      Abs = *Dir;
      sys::path::append(Abs, *File);
    }
    auto [Line, Col] = SM.getLineAndColumn(Item->getSourceRange().Start);
    Out.try_emplace(canonicalPath(Abs), Path + ":" + std::to_string(Line) +
                                            ":" + std::to_string(Col));
  }

  std::string Path;
  SourceMgr SM;
  std::optional<std::string> Failure;
};

} // namespace

Expected<DatabaseEntries> checkCompileDatabase(StringRef Dir) {
  SmallString<256> P(Dir);
  sys::path::append(P, "compile_commands.json");
  if (!sys::fs::exists(P))
    return DatabaseEntries();
  auto Buf = MemoryBuffer::getFile(P);
  if (!Buf)
    return createStringError(Buf.getError(), P + ": error: cannot read: " +
                                                 Buf.getError().message());
  return Checker(std::string(P)).run(std::move(*Buf));
}

} // namespace pitfix
