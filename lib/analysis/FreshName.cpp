//===- FreshName.cpp ------------------------------------------------------===//
#include "analysis/FreshName.h"

#include "analysis/SourceText.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/StringSet.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Identifiers spelled in the function's source, or in any class member.
static StringSet<> usedNames(const FunctionDecl *Fn, ASTContext &Ctx) {
  StringSet<> Used;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // A member name after '.', '->' or '::' cannot be hidden by a local.
  bool AfterAccess = false;
  forEachRawToken(sourceText(Fn->getSourceRange(), SM, LO), LO,
                  [&](const Token &Tok) {
                    if (Tok.is(tok::raw_identifier) && !AfterAccess)
                      Used.insert(Tok.getRawIdentifier());
                    AfterAccess =
                        Tok.isOneOf(tok::period, tok::arrow, tok::coloncolon);
                    return true;
                  });
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn))
    if (const CXXRecordDecl *RD = MD->getParent())
      for (const Decl *D : RD->decls())
        if (const auto *ND = dyn_cast<NamedDecl>(D))
          if (ND->getIdentifier())
            Used.insert(ND->getName());
  return Used;
}

/// One key for a function and all instantiations of it: where it is
/// written.
static unsigned scopeKey(const FunctionDecl *Fn, const SourceManager &SM) {
  if (const FunctionDecl *P = Fn->getTemplateInstantiationPattern())
    Fn = P;
  return SM.getFileLoc(Fn->getLocation()).getRawEncoding();
}

static unsigned anchorKey(SourceLocation Anchor, const SourceManager &SM) {
  return Anchor.isValid() ? SM.getFileLoc(Anchor).getRawEncoding() : 0;
}

StringSet<> NameReservations::takenByOthers(const FunctionDecl *Fn,
                                            SourceLocation Anchor,
                                            const SourceManager &SM) const {
  StringSet<> Out;
  auto It = Taken.find(scopeKey(Fn, SM));
  if (It == Taken.end())
    return Out;
  unsigned A = anchorKey(Anchor, SM);
  for (const auto &[Name, By] : It->second)
    if (By != A || !A)
      Out.insert(Name);
  return Out;
}

std::string NameReservations::nameOf(const FunctionDecl *Fn,
                                     SourceLocation Anchor,
                                     const SourceManager &SM) const {
  if (Anchor.isInvalid())
    return "";
  auto It = First.find({scopeKey(Fn, SM), anchorKey(Anchor, SM)});
  return It == First.end() ? "" : It->second;
}

void NameReservations::reserve(const FunctionDecl *Fn, SourceLocation Anchor,
                               const SourceManager &SM,
                               const std::vector<std::string> &Names) {
  if (Names.empty())
    return;
  unsigned S = scopeKey(Fn, SM), A = anchorKey(Anchor, SM);
  for (const std::string &N : Names)
    Taken[S].insert({N, A});
  if (A)
    First.insert({{S, A}, Names.front()});
}

std::string freshName(const FunctionDecl *Fn, ASTContext &Ctx,
                      const std::vector<std::string> &Candidates,
                      NameReservations *Reserved, SourceLocation Anchor) {
  std::vector<std::string> C = Candidates;
  if (C.empty())
    C.push_back("lock");
  if (!Fn)
    return C.front() + "_";
  const SourceManager &SM = Ctx.getSourceManager();
  StringSet<> Used = usedNames(Fn, Ctx);
  if (Reserved)
    for (const auto &N : Reserved->takenByOthers(Fn, Anchor, SM))
      Used.insert(N.getKey());
  auto Take = [&](const std::string &N) {
    if (Reserved)
      Reserved->reserve(Fn, Anchor, SM, {N});
    return N;
  };
  for (const std::string &N : C)
    if (!Used.contains(N))
      return Take(N);
  for (unsigned I = 2;; ++I) {
    std::string N = C.front() + std::to_string(I);
    if (!Used.contains(N))
      return Take(N);
  }
}

} // namespace pitfix
