// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++17
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

void use(int) {}
void bump(int &n) { ++n; }

void written_by_work(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&i] { ++i; });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: 'i' is changed here
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: not rewritten: the work changes 'i'; with a copy the change would no longer be seen outside
}

void not_copyable(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i) {
    std::unique_ptr<int> p = std::make_unique<int>(i);
    threads.emplace_back([&] { use(*p); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'p' by reference
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: not rewritten: 'p' has type 'std::unique_ptr<int>', which cannot be copied
  }
}

void non_const_reference_parameter(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(bump, std::ref(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: not rewritten: the work takes 'i' by non-const reference and may change it
}

void address_passed(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([](const int *p) { use(*p); }, &i);
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:57: note: not rewritten: the work receives the address of 'i'
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([p = &i] { use(*p); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: not rewritten: the work receives the address of 'i'
}

void changed_after_spawn(std::vector<std::thread> &threads) {
  int n = 0;
  while (n < 4) {
    int value = n;
    threads.emplace_back([&] { use(value); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'value' by reference
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'value' is changed here
    // CHECK-MESSAGES: :[[@LINE-3]]:26: note: not rewritten: 'value' is changed after the spawn
    value = -1;
    ++n;
  }
}

#define SPAWN_USING(x) threads.emplace_back([&] { use(x); })
void in_macro(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    SPAWN_USING(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the code is inside a macro expansion
}

void suppressed(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] { use(i); }); // NOLINT(sharing-loop-var-ref-capture)
}
