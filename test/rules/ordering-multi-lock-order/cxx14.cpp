// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++14
// std::scoped_lock needs C++17: report only.
#include <mutex>

std::mutex a, b;
int x;

void f() {
  std::lock_guard<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' is locked while 'a' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'a' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: std::scoped_lock needs C++17
  ++x;
}

// Elsewhere b is held while a is taken.
void g() {
  std::lock_guard<std::mutex> lb(b);
  {
    std::lock_guard<std::mutex> la(a);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is locked while 'b' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'b' is locked first here
    // CHECK-MESSAGES: :[[@LINE-14]]:34: note: 'b' is locked while 'a' is held here: the other order
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: the guards are in different blocks
    ++x;
  }
}
