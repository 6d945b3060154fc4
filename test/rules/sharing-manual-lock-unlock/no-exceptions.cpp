// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17 -fno-exceptions
// Built without exceptions, no call can leave the pair locked by throwing.
#include <mutex>

std::mutex mu;
int balance;
int compute(int n); // defined elsewhere, not noexcept

void deposit(int n) {
  mu.lock();
  balance += compute(n);
  mu.unlock();
}
