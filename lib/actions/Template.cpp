//===- Template.cpp -------------------------------------------------------===//
#include "actions/Template.h"

#include "analysis/FreshName.h"

#include "clang/Lex/Lexer.h"

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
static std::vector<std::string> producedNames(StringRef Text, StringRef Name,
                                              const LangOptions &LO) {
  std::vector<std::string> Out;
  std::string Buf = Text.str();
  Lexer Lex(SourceLocation(), LO, Buf.data(), Buf.data(), Buf.data() + Buf.size());
  Token Tok;
  bool More = true;
  while (More) {
    More = !Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier().contains(Name))
      Out.push_back(Tok.getRawIdentifier().str());
  }
  return Out;
}

std::string freshTemplateName(ASTContext &Ctx, const FunctionDecl *Fn,
                              StringRef Template,
                              const std::vector<std::string> &Candidates) {
  if (!Fn)
    return Candidates.front();
  auto Fits = [&](const std::string &Name) {
    std::string Text = expandTemplate(Template, {{"name", Name}, {"call", ""}});
    for (const std::string &Id : producedNames(Text, Name, Ctx.getLangOpts()))
      if (freshName(Fn, Ctx, {Id}) != Id)
        return false;
    return true;
  };
  for (const std::string &N : Candidates)
    if (Fits(N))
      return N;
  for (unsigned I = 2;; ++I) {
    std::string N = Candidates.front() + std::to_string(I);
    if (Fits(N))
      return N;
  }
}

} // namespace pitfix
