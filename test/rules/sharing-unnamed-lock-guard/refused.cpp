// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++17
#include <mutex>

std::mutex mu;
int value;

void relocked() {
  std::lock_guard<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' is never named
  // CHECK-MESSAGES: :[[@LINE+3]]:31: note: the mutex is locked again here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the rest of the block locks the same mutex again; a named guard would hold it there and deadlock
  ++value;
  std::lock_guard<std::mutex> again(mu);
}

void tries() {
  std::unique_lock<std::mutex>{mu, std::try_to_lock};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' is never named
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the guard only tries to lock
  ++value;
}

void hidden_name_used() {
  std::unique_lock<std::mutex>(mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' is never named
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: this declares a new
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: later code uses 'mu'
  mu.lock();
  ++value;
}

#define LOCK_TEMP(m) std::lock_guard<std::mutex>{m}
void in_macro() {
  LOCK_TEMP(mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' is never named
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the code is inside a macro expansion
  ++value;
}

void suppressed() {
  std::lock_guard<std::mutex>{mu}; // NOLINT(sharing-unnamed-lock-guard)
  ++value;
}
