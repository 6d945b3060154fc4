//===- Template.cpp -------------------------------------------------------===//
#include "rewrite/Template.h"

#include "analysis/FreshName.h"
#include "analysis/SourceText.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

std::string expandTemplate(StringRef Template,
                           const std::map<std::string, std::string> &Holes) {
  std::string Out;
  while (!Template.empty()) {
    bool Replaced = false;
    if (Template.front() == '{')
      for (const auto &[Hole, Value] : Holes)
        if (Template.starts_with("{" + Hole + "}")) {
          Out += Value;
          Template = Template.drop_front(Hole.size() + 2);
          Replaced = true;
          break;
        }
    if (!Replaced) {
      Out += Template.front();
      Template = Template.drop_front();
    }
  }
  return Out;
}

std::vector<std::string> templateLines(StringRef Text) {
  SmallVector<StringRef, 8> Parts;
  Text.split(Parts, '\n');
  std::vector<std::string> Lines;
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Lines.push_back(P.rtrim().str());
  return Lines;
}

/// The identifiers of \p Text that contain \p Name.
/// The identifiers that \p Template makes of the "{name}" hole filled with
/// \p Name: the hole with the identifier characters written against it
/// ("{name}_guard" makes "<Name>_guard"); other identifiers of the template
/// are not the new declarations' names.
static std::vector<std::string> producedNames(StringRef Template,
                                              StringRef Name) {
  auto IsId = [](char C) { return isAlnum(C) || C == '_'; };
  std::vector<std::string> Out;
  const StringRef Hole = "{name}";
  for (size_t At = Template.find(Hole); At != StringRef::npos;
       At = Template.find(Hole, At + Hole.size())) {
    size_t B = At;
    while (B > 0 && IsId(Template[B - 1]))
      --B;
    size_t E = At + Hole.size();
    while (E < Template.size() && IsId(Template[E]))
      ++E;
    std::string Id = Template.slice(B, At).str() + Name.str() +
                     Template.slice(At + Hole.size(), E).str();
    if (!is_contained(Out, Id))
      Out.push_back(Id);
  }
  return Out;
}

std::string freshTemplateName(ASTContext &Ctx, const FunctionDecl *Fn,
                              StringRef Template,
                              const std::vector<std::string> &Candidates,
                              NameReservations *Reserved,
                              SourceLocation Anchor) {
  if (!Fn)
    return Candidates.front();
  const SourceManager &SM = Ctx.getSourceManager();
  StringSet<> Others;
  if (Reserved)
    Others = Reserved->takenByOthers(Fn, Anchor, SM);
  auto Produced = [&](const std::string &Name) {
    return producedNames(Template, Name);
  };
  auto Fits = [&](const std::string &Name) {
    for (const std::string &Id : Produced(Name))
      if (Others.contains(Id) || freshName(Fn, Ctx, {Id}) != Id)
        return false;
    return true;
  };
  auto Take = [&](const std::string &N) {
    if (Reserved) {
      std::vector<std::string> Ids = {N};
      for (const std::string &Id : Produced(N))
        Ids.push_back(Id);
      Reserved->reserve(Fn, Anchor, SM, Ids);
    }
    return N;
  };
  for (const std::string &N : Candidates)
    if (Fits(N))
      return Take(N);
  for (unsigned I = 2;; ++I) {
    std::string N = Candidates.front() + std::to_string(I);
    if (Fits(N))
      return Take(N);
  }
}

} // namespace pitfix
