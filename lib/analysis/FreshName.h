//===- FreshName.h - names for new declarations ---------------------------===//
#pragma once

#include "analysis/AstWalk.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringSet.h"

#include <map>

#include <string>
#include <vector>

namespace pitfix {

/// The names that the rewrites of one translation unit give to new
/// declarations, per function (all instantiations of a template count as
/// one): two rewrites in one function never pick the same name, and a
/// declaration asked about again (another instantiation) keeps its name.
class NameReservations {
public:
  /// The names given so far in \p Fn to declarations other than the one
  /// at \p Anchor.
  llvm::StringSet<> takenByOthers(const clang::FunctionDecl *Fn,
                                  clang::SourceLocation Anchor,
                                  const clang::SourceManager &SM) const;
  /// The first name given to the declaration at \p Anchor, or "".
  std::string nameOf(const clang::FunctionDecl *Fn, clang::SourceLocation Anchor,
                     const clang::SourceManager &SM) const;
  /// Records that the declaration at \p Anchor takes \p Names.
  void reserve(const clang::FunctionDecl *Fn, clang::SourceLocation Anchor,
               const clang::SourceManager &SM,
               const std::vector<std::string> &Names);

private:
  /// Function -> name -> the declaration that took it.
  std::map<unsigned, std::map<std::string, unsigned>> Taken;
  std::map<std::pair<unsigned, unsigned>, std::string> First;
};

/// A name from \p Candidates (then Candidates[0] with a number appended) that
/// no token of \p Fn's text spells and no member of its class declares: a
/// new local with that name shadows nothing that the function uses. With
/// \p Reserved, the name is also none that another rewrite of this unit gave
/// a declaration in \p Fn, and is recorded for the declaration at
/// \p Anchor.
std::string freshName(const clang::FunctionDecl *Fn, clang::ASTContext &Ctx,
                      const std::vector<std::string> &Candidates,
                      NameReservations *Reserved = nullptr,
                      clang::SourceLocation Anchor = {});

} // namespace pitfix
