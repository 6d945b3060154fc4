#include "bank/account.h"

#include <chrono>
#include <fstream>
#include <thread>

namespace bank {

namespace {
std::mutex ledger_mu;
std::vector<std::string> ledger;
} // namespace

// Writes the audit file while holding the ledger lock: every other thread
// that records an entry waits for the disk.
void audit(const std::vector<Account *> &accounts, const std::string &path) {
  std::lock_guard<std::mutex> lock(ledger_mu);
  std::ofstream out(path);
  for (const Account *a : accounts)
    out << a->owner << " " << a->balance << "\n";
  ledger.push_back("audit " + path);
}

void record(const std::string &entry) {
  ledger_mu.lock();
  if (entry.empty())
    return; // returns with the mutex held
  ledger.push_back(entry);
  ledger_mu.unlock();
}

} // namespace bank
