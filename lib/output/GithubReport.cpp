//===- GithubReport.cpp ---------------------------------------------------===//
#include "output/GithubReport.h"

using namespace llvm;

namespace pitfix {

/// Escapes a message as the workflow-command parser expects.
static std::string escapeData(StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

/// Escapes a property value (file, title): also ':' and ','.
static std::string escapeProperty(StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

static const char *command(StringRef Severity) {
  if (Severity == "error")
    return "error";
  if (Severity == "warning")
    return "warning";
  return "notice";
}

void printGithub(raw_ostream &OS, const std::vector<Finding> &Findings,
                 const std::vector<FileError> &Errors,
                 const ReportStyle &Style) {
  for (const Finding &F : Findings) {
    std::string Msg = F.Message;
    // Each note keeps its place (an annotation has one location).
    for (const Note &N : F.Notes) {
      Msg += "\nnote: ";
      if (!N.Loc.File.empty())
        Msg += displayPath(N.Loc.File, Style.BaseDir) + ":" +
               std::to_string(N.Loc.Line) + ":" + std::to_string(N.Loc.Col) +
               ": ";
      Msg += N.Message;
    }
    switch (statusOf(F)) {
    case FindingStatus::Refused:
      Msg += "\nnot rewritten: " + F.Refusal;
      break;
    case FindingStatus::Conflict:
      Msg += "\nnot rewritten: " + F.Conflict;
      break;
    case FindingStatus::Fixed:
      Msg += "\nfixed";
      break;
    case FindingStatus::Fixable:
      Msg += "\na fix may be available: run pitfix --fix";
      break;
    case FindingStatus::Reported:
      break;
    case FindingStatus::NotWritten:
      Msg += "\nnot written: " + F.NotWritten;
      break;
    }
    OS << "::" << command(F.Severity)
       << " file=" << escapeProperty(displayPath(F.Loc.File, Style.BaseDir))
       << ",line=" << F.Loc.Line << ",col=" << F.Loc.Col
       << ",title=" << escapeProperty(F.RuleId) << "::" << escapeData(Msg)
       << "\n";
  }
  for (const FileError &E : Errors)
    OS << "::error file=" << escapeProperty(displayPath(E.File, Style.BaseDir))
       << ",title=pitfix::" << escapeData(E.Message) << "\n";
}

} // namespace pitfix
