// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-log-outside-lock %t -- -std=c++17
// insert-before (statement: true) and remove: the log call moves above the
// guard (lock-held fills {held}); a log call outside the lock stays.
#include <mutex>
std::mutex mu;
int balance;
void log_line(const char *s);

void deposit(int n) {
  std::lock_guard<std::mutex> lock(mu);
  log_line("deposit");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'log_line("deposit")' logs while 'mu' is held [acme-log-outside-lock]
  balance += n;
}

void withdraw(int n) {
  log_line("withdraw");
  std::lock_guard<std::mutex> lock(mu);
  balance -= n;
}
