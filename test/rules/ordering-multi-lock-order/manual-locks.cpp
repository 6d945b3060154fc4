// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// Locks taken by hand in one order in one function and in the other order in
// another deadlock as guards do. No std::scoped_lock can replace lock()
// calls, so each is reported without a fix.
#include <mutex>
#include <pthread.h>

// Two members of one class, locked by hand the other way round in another
// method.
class Bank {
public:
  void deposit(int n) {
    accounts_mu_.lock();
    ledger_mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ledger_mu_' is locked while 'accounts_mu_' is held; lock them together with std::scoped_lock [ordering-multi-lock-order]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'accounts_mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE+14]]:5: note: 'accounts_mu_' is locked while 'ledger_mu_' is held here: the other order
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: 'ledger_mu_' is locked by a call, not by a guard: only guards declared one after another in one block become one std::scoped_lock
    balance_ += n;
    entries_ += 1;
    ledger_mu_.unlock();
    accounts_mu_.unlock();
  }

  void audit() {
    ledger_mu_.lock();
    if (entries_ == 0) {
      ledger_mu_.unlock();
      return;
    }
    accounts_mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'accounts_mu_' is locked while 'ledger_mu_' is held
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'ledger_mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'ledger_mu_' is locked while 'accounts_mu_' is held here: the other order
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: 'accounts_mu_' is locked by a call
    checked_ = balance_;
    accounts_mu_.unlock();
    ledger_mu_.unlock();
  }

private:
  std::mutex accounts_mu_, ledger_mu_;
  long balance_ = 0, checked_ = 0;
  int entries_ = 0;
};

// POSIX mutexes: no try_lock() member, so the advice is one order.
pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
int queued, served;

void *producer(void *) {
  pthread_mutex_lock(&queue_mu);
  pthread_mutex_lock(&stats_mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stats_mu' is locked while 'queue_mu' is held; take them in the same order everywhere [ordering-multi-lock-order]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'queue_mu' is locked first here
  // CHECK-MESSAGES: :[[@LINE+12]]:24: note: 'queue_mu' is locked while 'stats_mu' is held here: the other order
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: 'stats_mu' is locked by a call
  ++queued;
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&queue_mu);
  return nullptr;
}

void *consumer(void *) {
  pthread_mutex_lock(&stats_mu);
  ++served;
  if (served > queued) {
    pthread_mutex_lock(&queue_mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'queue_mu' is locked while 'stats_mu' is held; take them in the same order everywhere
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'stats_mu' is locked first here
    // CHECK-MESSAGES: :[[@LINE-18]]:22: note: 'stats_mu' is locked while 'queue_mu' is held here: the other order
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: 'queue_mu' is locked by a call
    queued = served;
    pthread_mutex_unlock(&queue_mu);
  }
  pthread_mutex_unlock(&stats_mu);
  return nullptr;
}

// A deferred unique_lock locked while a guard holds another mutex; a guard
// after a manual lock elsewhere takes them the other way round.
std::mutex config_mu, cache_mu;
int config, cache;

void reload() {
  std::lock_guard<std::mutex> hold_config(config_mu);
  std::unique_lock<std::mutex> cache_lock(cache_mu, std::defer_lock);
  if (config > 0) {
    cache_lock.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cache_mu' is locked while 'config_mu' is held
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'config_mu' is locked first here
    // CHECK-MESSAGES: :[[@LINE+9]]:43: note: 'config_mu' is locked while 'cache_mu' is held here: the other order
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: 'cache_mu' is locked by a call
    cache = config;
  }
}

void invalidate() {
  cache_mu.lock();
  cache = 0;
  std::lock_guard<std::mutex> hold_config(config_mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'config_mu' is locked while 'cache_mu' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'cache_mu' is locked first here
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'cache_mu' is locked while 'config_mu' is held here: the other order
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: 'cache_mu' is held through a call, not by a guard
  config = 0;
  cache_mu.unlock();
}

// The caller decides the order: the same member of two objects.
struct Account {
  std::mutex mu;
  long balance = 0;
};

void transfer(Account &from, Account &to, long n) {
  from.mu.lock();
  to.mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'to.mu' is locked while 'from.mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'from.mu' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the order depends on the caller: both are 'mu' of two objects
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: 'to.mu' is locked by a call
  from.balance -= n;
  to.balance += n;
  to.mu.unlock();
  from.mu.unlock();
}
