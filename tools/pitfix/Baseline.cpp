//===- Baseline.cpp -------------------------------------------------------===//
#include "Baseline.h"

#include "output/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace pitfix {

namespace {
std::string pathForHash(StringRef File) { return projectRelativePath(File); }

std::string findingsText(size_t N) {
  return std::to_string(N) + (N == 1 ? " finding" : " findings");
}

Error baselineError(StringRef Path, const Twine &Why) {
  return createStringError(inconvertibleErrorCode(),
                           Path + ": error: " + Why + " [pitfix]");
}
} // namespace

std::map<std::string, std::string>
fingerprintFindings(const std::vector<Finding> &Findings) {
  std::vector<std::string> Prints = fingerprintsOf(Findings, pathForHash);
  std::map<std::string, std::string> Out;
  for (size_t I = 0; I < Findings.size(); ++I)
    Out[Findings[I].key()] = Prints[I];
  return Out;
}

Error writeBaseline(StringRef Path, const std::vector<Finding> &Findings,
                    const std::map<std::string, std::string> &Prints) {
  json::Array List;
  for (const Finding &F : Findings) {
    auto It = Prints.find(F.key());
    if (It == Prints.end())
      continue;
    List.push_back(json::Object{{"fingerprint", It->second},
                                {"rule", F.RuleId},
                                {"file", projectRelativePath(F.Loc.File)},
                                {"line", F.Loc.Line},
                                {"message", F.Message}});
  }
  json::Value Doc =
      json::Object{{"version", 1}, {"findings", std::move(List)}};
  std::error_code EC;
  raw_fd_ostream Out(Path, EC);
  if (EC)
    return baselineError(Path, "cannot write the baseline: " + EC.message());
  Out << formatv("{0:2}", Doc) << "\n";
  Out.close();
  if (Out.has_error()) {
    std::string Why = Out.error().message();
    Out.clear_error();
    return baselineError(Path, "cannot write the baseline: " + Why);
  }
  return Error::success();
}

Expected<std::set<std::string>> readBaseline(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return baselineError(Path, "cannot read the baseline: " +
                                   Buf.getError().message());
  Expected<json::Value> Doc = json::parse((*Buf)->getBuffer());
  if (!Doc)
    return baselineError(Path, "not a pitfix baseline: " +
                                   toString(Doc.takeError()));
  const json::Object *Top = Doc->getAsObject();
  const json::Array *List = Top ? Top->getArray("findings") : nullptr;
  if (!List || Top->getInteger("version") != 1)
    return baselineError(Path, "not a pitfix baseline (version 1 with a "
                               "'findings' list; see --write-baseline)");
  std::set<std::string> Out;
  for (const json::Value &V : *List) {
    const json::Object *O = V.getAsObject();
    std::optional<StringRef> FP = O ? O->getString("fingerprint") : std::nullopt;
    if (!FP)
      return baselineError(Path, "a finding without a 'fingerprint'");
    Out.insert(FP->str());
  }
  return Out;
}

size_t dropBaselined(std::vector<Finding> &Findings,
                     const std::set<std::string> &Accepted,
                     const std::map<std::string, std::string> &Prints) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    auto It = Prints.find(F.key());
    return It != Prints.end() && Accepted.count(It->second);
  });
  return Before - Findings.size();
}

Error applyBaselineOptions(const CliOptions &O, std::vector<Finding> &Findings,
                           const std::map<std::string, std::string> &Prints,
                           raw_ostream &Notes) {
  if (!O.WriteBaseline.empty()) {
    if (Error E = writeBaseline(O.WriteBaseline, Findings, Prints))
      return E;
    if (!O.Quiet)
      Notes << "pitfix: " << findingsText(Findings.size()) << " recorded in "
            << O.WriteBaseline << "; --baseline " << O.WriteBaseline
            << " leaves them out\n";
    Findings.clear();
    return Error::success();
  }
  if (O.Baseline.empty())
    return Error::success();
  Expected<std::set<std::string>> Accepted = readBaseline(O.Baseline);
  if (!Accepted)
    return Accepted.takeError();
  size_t Dropped = dropBaselined(Findings, *Accepted, Prints);
  if (!O.Quiet && Dropped)
    Notes << "pitfix: " << findingsText(Dropped) << " left out: in the "
          << "baseline " << O.Baseline << "\n";
  return Error::success();
}

} // namespace pitfix
