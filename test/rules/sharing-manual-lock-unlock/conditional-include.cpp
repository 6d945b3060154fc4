// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
// <mutex> comes only on one platform: the guard's #include goes after the
// last unconditional one, outside the #ifdef.
#include <vector>
#ifdef __linux__
#include <mutex>
#endif
#ifndef __linux__
#include <mutex>
#endif

std::mutex mu;
std::vector<int> items;

void push(int v) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} [sharing-manual-lock-unlock]
  items.push_back(v);
  mu.unlock();
}
