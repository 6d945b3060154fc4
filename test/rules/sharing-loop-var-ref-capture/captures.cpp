// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++17
#include <future>
#include <string>
#include <thread>
#include <vector>

int results[16];
int square(int x) { return x * x; }
void use(int) {}

void default_ref(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] { results[i] = square(i); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference, but each loop iteration changes or ends it [sharing-loop-var-ref-capture]
}

void explicit_ref(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&i] { use(i); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
}

void copy_default_with_ref(std::vector<std::thread> &threads) {
  int base = 10;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([=, &i] { results[i] = base + i; });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
}

void init_capture(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&r = i] { use(r); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
}

void several(std::vector<std::thread> &threads) {
  for (int row = 0; row < 2; ++row)
    for (int col = 0; col < 2; ++col)
      threads.emplace_back([&] { results[row * 2 + col] = row + col; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: spawned work uses 'row', 'col' by reference, but each loop iteration changes or ends them
}

void range_for_by_value(std::vector<std::thread> &threads,
                        const std::vector<std::string> &names) {
  for (std::string name : names)
    threads.emplace_back([&] { use(static_cast<int>(name.size())); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'name' by reference
}

void body_local(std::vector<std::thread> &threads) {
  int n = 0;
  while (n < 4) {
    int sq = n * n;
    threads.emplace_back([&] { use(sq); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'sq' by reference
    ++n;
  }
}

void nested_lambda(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
      auto twice = [&] { return 2 * i; };
      use(twice());
    });
}

void futures_kept(std::vector<std::future<int>> &futures) {
  for (int i = 0; i < 4; ++i)
    futures.push_back(std::async(std::launch::async, [&] { return square(i); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: spawned work uses 'i' by reference
}

void thread_in_outer_handle() {
  std::thread t;
  for (int i = 0; i < 4; ++i) {
    if (t.joinable())
      t.join();
    t = std::thread([&] { use(i); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: spawned work uses 'i' by reference
  }
  t.join();
}

void named_lambda(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i) {
    auto work = [&] { results[i] = square(i); };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: spawned work uses 'i' by reference
    threads.emplace_back(work);
  }
}

struct Counter {
  int base = 1;
  void spawn(std::vector<std::thread> &threads) {
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([this, & i] { use(base + i); });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: spawned work uses 'i' by reference
  }
};

void generic_lambda(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&](auto scale) { use(scale * i); }, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&](auto step) { i += step; }, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:43: note: 'i' is changed here
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: not rewritten: the work changes 'i'
}
