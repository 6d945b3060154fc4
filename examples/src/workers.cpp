#include "bank/account.h"

#include <atomic>
#include <thread>

namespace bank {

// Each worker should add interest to its own account, but the loop index is
// captured by reference and may already have moved on.
long run_workers(std::vector<Account> &accounts) {
  std::vector<std::thread> threads;
  std::atomic<int> pending{0};
  for (size_t i = 0; i < accounts.size(); ++i) {
    threads.emplace_back([&] {
      pending.fetch_add(1);
      deposit(accounts[i], accounts[i].balance / 100);
      pending.fetch_sub(1);
    });
  }
  while (pending.load() != 0)
    std::this_thread::yield();
  long total = 0;
  for (Account &a : accounts)
    total += a.balance;
  for (std::thread &t : threads)
    t.join();
  return total;
}

} // namespace bank
