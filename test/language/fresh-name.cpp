// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-named-guard %t -- -std=c++17
// {fresh:lock}: a name the function does not use yet.
#include <mutex>
std::mutex mu;
int balance;

void deposit(int n) {
  std::lock_guard<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the guard on 'mu' unlocks at once [acme-named-guard]
  balance += n;
}

void transfer(int lock) {
  std::lock_guard<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the guard on 'mu' unlocks at once [acme-named-guard]
  balance += lock;
}
