//===- UnitCache.cpp ------------------------------------------------------===//
#include "analysis/UnitCache.h"

#include <map>
#include <mutex>
#include <tuple>

using namespace clang;

namespace pitfix {
namespace {
using Key = std::tuple<const ASTContext *, const Vocabulary *, const void *>;
std::mutex EntriesMutex;
std::map<Key, std::shared_ptr<const void>> Entries;

/// Called when an ASTContext is destroyed: its entries go with it.
void forgetUnit(void *Ctx) {
  std::lock_guard<std::mutex> Lock(EntriesMutex);
  auto From = Entries.lower_bound(
      {static_cast<const ASTContext *>(Ctx), nullptr, nullptr});
  auto To = From;
  while (To != Entries.end() && std::get<0>(To->first) == Ctx)
    ++To;
  Entries.erase(From, To);
}
} // namespace

const void *unitEntry(ASTContext &Ctx, const Vocabulary *V, const void *Kind,
                      llvm::function_ref<std::shared_ptr<const void>()> Build) {
  Key K{&Ctx, V, Kind};
  {
    std::lock_guard<std::mutex> Lock(EntriesMutex);
    auto It = Entries.find(K);
    if (It != Entries.end())
      return It->second.get();
  }
  // Built outside the lock: a unit is analysed by one thread, and the other
  // workers' units must not wait for it.
  std::shared_ptr<const void> New = Build();
  std::lock_guard<std::mutex> Lock(EntriesMutex);
  auto Next = Entries.lower_bound({&Ctx, nullptr, nullptr});
  bool FirstOfUnit = Next == Entries.end() || std::get<0>(Next->first) != &Ctx;
  auto [It, Inserted] = Entries.try_emplace(K, std::move(New));
  if (Inserted && FirstOfUnit)
    Ctx.AddDeallocation(forgetUnit, &Ctx);
  return It->second.get();
}

} // namespace pitfix
