// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
#include <map>
#include <shared_mutex>
#include <string>

std::shared_mutex table_mu;
std::map<std::string, int> table;

int lookup(const std::string &key) {
  table_mu.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mu' is locked with lock_shared() and unlocked by hand
  auto it = table.find(key);
  if (it == table.end())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'table_mu' stays locked when this returns
  int v = it->second;
  table_mu.unlock_shared();
  return v;
}

// The only unlock ends the block: still a shared_lock (there is no shared
// lock_guard in the standard library).
int size() {
  table_mu.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mu' is locked with lock_shared() and unlocked by hand
  int n = static_cast<int>(table.size());
  table_mu.unlock_shared();
  return n;
}

// Exclusive use of the same mutex: a unique_lock.
void insert(const std::string &key, int v) {
  table_mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mu' is locked with lock() and unlocked by hand
  table[key] = v;
  table_mu.unlock();
}

// Shared and exclusive mixed: reported only.
void upgrade(const std::string &key) {
  table_mu.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mu' is locked with lock_shared()
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'table_mu' is locked or unlocked exclusively here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'table_mu' is taken both shared and exclusively; one guard cannot follow both
  if (table.count(key) == 0) {
    table_mu.unlock_shared();
    table_mu.lock();
    table[key] = 0;
    table_mu.unlock();
    return;
  }
  table_mu.unlock_shared();
}
