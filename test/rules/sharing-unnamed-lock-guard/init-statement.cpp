// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++20
// A temporary guard as the init-statement of if, switch and range-for, and
// as the init of a for loop, unlocks before the condition runs.
#include <mutex>
#include <vector>

std::mutex mu;
int balance;
std::vector<int> items;

bool in_if(int n) {
  if (std::lock_guard<std::mutex>{mu}; balance >= n) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::lock_guard<std::mutex>' is never named: the mutex 'mu' is not held after this statement [sharing-unnamed-lock-guard]
    balance -= n;
    return true;
  }
  return false;
}

int in_switch() {
  switch (std::lock_guard<std::mutex>{mu}; balance) {
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::lock_guard<std::mutex>' is never named
  case 0:
    return 0;
  default:
    return 1;
  }
}

int in_range_for() {
  int sum = 0;
  for (std::scoped_lock<std::mutex>{mu}; int i : items)
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::scoped_lock<std::mutex>' is never named
    sum += i;
  return sum;
}

int in_for() {
  int sum = 0;
  for (std::lock_guard<std::mutex>{mu}; sum < balance; ++sum) {
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::lock_guard<std::mutex>' is never named
  }
  return sum;
}

// Named guards in the same places are right.
bool named(int n) {
  if (std::lock_guard<std::mutex> lock{mu}; balance >= n) {
    balance -= n;
    return true;
  }
  return false;
}
