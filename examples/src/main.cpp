#include "bank/account.h"

#include <cstdio>
#include <thread>

int main() {
  std::vector<bank::Account> accounts(4);
  for (size_t i = 0; i < accounts.size(); ++i) {
    accounts[i].owner = "owner" + std::to_string(i);
    bank::deposit(accounts[i], 1000);
  }
  std::thread a([&] { bank::transfer(accounts[0], accounts[1], 10); });
  std::thread b([&] { bank::transfer(accounts[1], accounts[0], 20); });
  a.join();
  b.join();
  long total = bank::run_workers(accounts);
  std::printf("total %ld\n", total);
}
