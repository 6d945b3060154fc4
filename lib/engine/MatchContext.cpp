//===- MatchContext.cpp ---------------------------------------------------===//
#include "engine/MatchContext.h"

#include "analysis/SourceText.h"
#include "toolkit/IncludeInsertion.h"

#include "engine/FindingSink.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

const DynTypedNode *MatchContext::boundNode(StringRef Id) const {
  const auto &Map = Nodes.getMap();
  auto It = Map.find(Id);
  if (It != Map.end())
    return &It->second;
  auto C = ConditionBinds.find(Id.str());
  return C == ConditionBinds.end() || C->second.empty() ? nullptr
                                                        : &C->second.front();
}

bool MatchContext::isBound(StringRef Id) const {
  return Nodes.getMap().count(Id) || ConditionBinds.count(Id.str()) ||
         ConditionPlaces.count(Id.str());
}

const CharSourceRange *MatchContext::boundPlace(StringRef Id) const {
  auto It = ConditionPlaces.find(Id.str());
  return It == ConditionPlaces.end() ? nullptr : &It->second;
}

std::vector<const DynTypedNode *> MatchContext::boundNodes(StringRef Id) const {
  const auto &Map = Nodes.getMap();
  if (auto It = Map.find(Id); It != Map.end())
    return {&It->second};
  std::vector<const DynTypedNode *> Out;
  if (auto C = ConditionBinds.find(Id.str()); C != ConditionBinds.end())
    for (const DynTypedNode &N : C->second)
      Out.push_back(&N);
  return Out;
}

std::string canonicalPath(StringRef Path) {
  SmallString<256> Real;
  if (!sys::fs::real_path(Path, Real))
    return std::string(Real);
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

std::vector<std::string> templatePlaceholders(StringRef Text) {
  std::vector<std::string> Out;
  for (size_t Open = Text.find('{'); Open != StringRef::npos;
       Open = Text.find('{', Open + 1)) {
    size_t Close = Text.find('}', Open);
    if (Close == StringRef::npos)
      break;
    StringRef Name = Text.slice(Open + 1, Close);
    // Code braces ("{ return x; }") are not placeholders: a placeholder is
    // a name, a name.name, fresh:name or fresh:name|name|...
    bool Fresh = Name.starts_with("fresh:");
    if (!Name.empty() && all_of(Name, [&](char C) {
          return isAlnum(C) || C == '_' || C == '.' || C == ':' ||
                 (Fresh && C == '|');
        }))
      Out.push_back(Name.str());
  }
  return Out;
}

std::string formatMessage(StringRef Template,
                          const std::map<std::string, std::string> &Args) {
  std::string Out;
  while (!Template.empty()) {
    size_t Open = Template.find('{');
    if (Open == StringRef::npos) {
      Out += Template;
      break;
    }
    size_t Close = Template.find('}', Open);
    if (Close == StringRef::npos) {
      Out += Template;
      break;
    }
    Out += Template.take_front(Open);
    std::string Name = Template.slice(Open + 1, Close).str();
    auto It = Args.find(Name);
    if (It == Args.end()) {
      // Not a placeholder: the brace is text, and a placeholder may follow
      // it at once (`x{{name}}`).
      Out += '{';
      Template = Template.drop_front(Open + 1);
      continue;
    }
    Out += It->second;
    Template = Template.drop_front(Close + 1);
  }
  return Out;
}

std::string canonicalFileName(FileEntryRef FE, const SourceManager &SM) {
  // Relative names are relative to the compilation's own working directory,
  // not the process's, which parallel runs share.
  SmallString<256> P(FE.getName());
  SM.getFileManager().makeAbsolutePath(P);
  return canonicalPath(P);
}

FileLoc MatchContext::fileLoc(SourceLocation Loc) const {
  FileLoc L;
  const SourceManager &SM = sm();
  SourceLocation Exp = SM.getExpansionLoc(Loc);
  if (Exp.isInvalid())
    return L;
  FileID FID = SM.getFileID(Exp);
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID))
    L.File = canonicalFileName(*FE, SM);
  L.Offset = SM.getFileOffset(Exp);
  L.Line = SM.getExpansionLineNumber(Exp);
  L.Col = SM.getExpansionColumnNumber(Exp);
  return L;
}

FindingBuilder MatchContext::report(SourceLocation Loc,
                                    const std::map<std::string, std::string> &Args) {
  std::map<std::string, std::string> All = Args;
  for (const auto &F : Filled)
    All.insert(F);
  // The binds the message names, and only those: their text is read from
  // the source.
  for (const std::string &Name : templatePlaceholders(Rule.Spec.Message))
    if (!All.count(Name))
      if (std::optional<std::string> T = bindText(Name))
        All[Name] = *T;
  FindingBuilder F(*this, Loc, formatMessage(Rule.Spec.Message, All));
  for (const auto &N : ConditionNotes)
    F.note(N.first, N.second);
  if (!Refusal.empty())
    F.refuse(Refusal);
  return F;
}

/// The declaration that \p N is, or that it names or calls.
static const NamedDecl *namedDeclOf(const DynTypedNode &N) {
  if (const auto *D = N.get<NamedDecl>())
    return D;
  const auto *E = N.get<Expr>();
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    return R->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getConstructor() ? CE->getConstructor()->getParent() : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  return nullptr;
}

std::optional<std::string> MatchContext::bindText(StringRef Name) const {
  bool WantName = Name.consume_back(".name");
  const DynTypedNode *N = boundNode(Name);
  if (!N) {
    const CharSourceRange *P = WantName ? nullptr : boundPlace(Name);
    if (!P)
      return std::nullopt;
    return sourceText(*P, sm(), lang());
  }
  if (WantName) {
    const NamedDecl *D = namedDeclOf(*N);
    if (!D || !D->getDeclName().isIdentifier())
      return std::nullopt;
    return D->getName().str();
  }
  if (const auto *E = N->get<Expr>())
    return spelledText(E, Ctx);
  std::string T = sourceText(N->getSourceRange(), sm(), lang());
  if (T.empty())
    return std::nullopt;
  return T;
}

FindingBuilder::FindingBuilder(MatchContext &C, SourceLocation Loc,
                               std::string Message)
    : C(&C) {
  F.RuleId = C.rule().id();
  F.Severity = C.rule().Spec.Severity;
  F.Message = std::move(Message);
  F.Loc = C.fileLoc(Loc);
  // The sink needs the clang location to check system headers and NOLINT.
  Anchor = Loc;
  setScope();
}

/// The outermost function definition in \p DC whose text holds \p L (an
/// expansion location), looking into namespaces and classes.
static const FunctionDecl *outermostFunctionAt(const DeclContext *DC,
                                               SourceLocation L,
                                               const SourceManager &SM) {
  FileID File = SM.getFileID(L);
  for (const Decl *D : DC->decls()) {
    SourceLocation B = SM.getExpansionLoc(D->getBeginLoc());
    SourceLocation E = SM.getExpansionLoc(D->getEndLoc());
    if (B.isInvalid() || E.isInvalid() || SM.getFileID(B) != File ||
        SM.isBeforeInTranslationUnit(L, B) ||
        SM.isBeforeInTranslationUnit(E, L))
      continue;
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      D = FT->getTemplatedDecl();
    if (const auto *CT = dyn_cast<ClassTemplateDecl>(D))
      D = CT->getTemplatedDecl();
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    if (isa<NamespaceDecl, CXXRecordDecl, LinkageSpecDecl>(D))
      if (const FunctionDecl *FD =
              outermostFunctionAt(cast<DeclContext>(D), L, SM))
        return FD;
  }
  return nullptr;
}

void FindingBuilder::setScope() {
  const SourceManager &SM = C->sm();
  SourceLocation L = SM.getExpansionLoc(Anchor);
  if (L.isInvalid())
    return;
  const FunctionDecl *Outer =
      outermostFunctionAt(C->ast().getTranslationUnitDecl(), L, SM);
  if (!Outer)
    return;
  FileLoc B = C->fileLoc(Outer->getBeginLoc());
  FileLoc E = C->fileLoc(Outer->getEndLoc());
  if (B.File.empty() || B.File != F.Loc.File || E.File != B.File ||
      E.Offset < B.Offset)
    return;
  F.ScopeBegin = B.Offset;
  F.ScopeEnd = E.Offset + 1;
}

FindingBuilder::~FindingBuilder() {
  if (C)
    emit();
}

FindingBuilder &FindingBuilder::note(SourceLocation Loc, const Twine &Msg) {
  F.Notes.push_back({C->fileLoc(Loc), Msg.str()});
  return *this;
}

FindingBuilder &FindingBuilder::addIncludes(FileID FID,
                                            ArrayRef<std::string> Headers) {
  if (!C || refused())
    return *this;
  std::optional<IncludeEdit> IE = includeEdit(C->ast(), FID, Headers);
  if (!IE)
    return *this;
  if (IE->Why)
    return refuse(IE->Why);
  return insert(IE->Loc, IE->Text);
}

FindingBuilder &FindingBuilder::refuse(const Twine &Reason) {
  if (F.Refusal.empty())
    F.Refusal = Reason.str();
  F.Edits.clear();
  return *this;
}

FindingBuilder &FindingBuilder::refuse(const Refusal &R) {
  if (R.hasNote())
    note(R.Place, R.Note);
  return refuse(R.Reason);
}

FindingBuilder &FindingBuilder::replace(CharSourceRange R, StringRef Text) {
  if (refused())
    return *this;
  const SourceManager &SM = C->sm();
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return refuse("the code is inside a macro expansion");
  CharSourceRange FR = Lexer::makeFileCharRange(R, SM, C->lang());
  if (FR.isInvalid())
    return refuse("the code is inside a macro expansion");
  FileID FID = SM.getFileID(FR.getBegin());
  if (FID != SM.getFileID(FR.getEnd()))
    return refuse("the edit would span two files");
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return refuse("the code is not in a file");
  Edit E;
  E.File = canonicalFileName(*FE, SM);
  E.Offset = SM.getFileOffset(FR.getBegin());
  unsigned End = SM.getFileOffset(FR.getEnd());
  E.Length = End - E.Offset;
  E.Text = Text.str();
  F.Edits.push_back(std::move(E));
  return *this;
}

FindingBuilder &FindingBuilder::insert(SourceLocation Loc, StringRef Text) {
  return replace(CharSourceRange::getCharRange(Loc, Loc), Text);
}

FindingBuilder &FindingBuilder::apply(const SourceChanges &Changes) {
  for (const SourceChanges::Change &Ch : Changes.changes())
    replace(Ch.Range, Ch.Text);
  return *this;
}

void FindingBuilder::emit() {
  if (Emitted || !C)
    return;
  Emitted = true;
  C->sink().add(std::move(F), Anchor, C->sm());
}

} // namespace pitfix
