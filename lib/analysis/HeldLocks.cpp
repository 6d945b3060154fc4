//===- HeldLocks.cpp ------------------------------------------------------===//
#include "analysis/HeldLocks.h"

#include "analysis/CriticalSections.h"
#include "analysis/Locks.h"

#include "llvm/ADT/STLExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

HeldLocks locksHeldAt(const Stmt *S, ASTContext &Ctx, const Vocabulary &V) {
  HeldLocks H;
  const Stmt *At = S;
  // Each section is a run of one block; the sections around that block hold
  // their mutexes too.
  for (int Depth = 0; At && Depth < 32; ++Depth) {
    std::optional<CriticalSection> CS = innermostSection(At, Ctx, V);
    if (!CS)
      break;
    H.Any = true;
    for (const clang::Expr *M : CS->Mutexes)
      if (const ValueDecl *D = mutexDecl(M))
        if (!is_contained(H.Mutexes, D))
          H.Mutexes.push_back(D);
    At = CS->Block;
  }
  return H;
}

bool usedUnder(const ValueDecl *D, const ValueDecl *Mutex, ASTContext &Ctx,
               const Vocabulary &V, SourceLocation *Where) {
  MapVector<const ValueDecl *, SourceLocation> Guarded =
      guardedState({Mutex}, nullptr, Ctx, V);
  auto It = Guarded.find(D);
  if (It == Guarded.end())
    return false;
  if (Where)
    *Where = It->second;
  return true;
}

} // namespace pitfix
