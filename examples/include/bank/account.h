#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace bank {

struct Account {
  std::string owner;
  long balance = 0;
  std::mutex mu;
};

// Included by several translation units: pitfix edits it once.
inline void deposit(Account &a, long amount) {
  std::lock_guard<std::mutex>{a.mu};
  a.balance += amount;
}

void transfer(Account &from, Account &to, long amount);
void audit(const std::vector<Account *> &accounts, const std::string &path);
long run_workers(std::vector<Account> &accounts);

} // namespace bank
