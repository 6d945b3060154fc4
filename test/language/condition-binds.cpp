// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-lock-together,acme-stoppable %t -- -std=c++20
// A condition binds several nodes under one name (later_guards: an edit on
// it is made on each) and places where no node spans the text (a lambda's
// missing parameter list, a loop's head).
#include <mutex>
#include <thread>

struct Account {
  std::mutex mu;
  int balance = 0;
};

void settle(Account &a, Account &b, Account &c, int n) {
  std::lock_guard<std::mutex> la(a.mu);
  std::lock_guard<std::mutex> lb(b.mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock a.mu, b.mu, c.mu together [acme-lock-together]
  std::lock_guard<std::mutex> lc(c.mu);
  a.balance -= 2 * n;
  b.balance += n;
  c.balance += n;
}

void tick();

void heartbeat() {
  std::jthread hb([] {
    for (;;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the loop never stops: the std::jthread's destructor waits for it forever [acme-stoppable]
      tick();
      std::this_thread::yield();
    }
  });
}
