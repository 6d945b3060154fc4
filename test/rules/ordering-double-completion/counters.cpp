// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// Spawned work that counts itself down twice on one path: one run of the
// work is one count, so the waiter goes on before the other work is done.
#include <latch>
#include <thread>
#include <vector>

struct WaitGroup {
  void Add(int n);
  void Done();
  void Wait();
};

bool failed(int i);
void process(int i);

void latch_twice(int n) {
  std::latch done(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&done, i] {
      if (failed(i))
        done.count_down();
      process(i);
      done.count_down();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'done.count_down()' runs when 'done' was already counted down: one run of the work is one count, so the waiter goes on before the other work is done (below zero a std::latch is undefined behaviour) [ordering-double-completion]
      // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'done' is counted down here first
    });
  done.wait();
  for (std::thread &t : threads)
    t.join();
}

WaitGroup wg;

void worker(int i) {
  process(i);
  wg.Done();
  if (failed(i))
    wg.Done();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Done()' runs when 'wg' was already counted down
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'wg' is counted down here first
}

void wait_group(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    wg.Add(1);
    threads.emplace_back(worker, i);
  }
  wg.Wait();
  for (std::thread &t : threads)
    t.join();
}

// A count-down in a loop that breaks out to the final one.
void loop_then_final(std::latch &l, const std::vector<int> &items) {
  std::thread t([&] {
    for (int v : items)
      if (failed(v)) {
        l.count_down(1);
        break;
      }
    l.count_down(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'l.count_down(1)' runs when 'l' was already counted down
    // CHECK-MESSAGES: :[[@LINE-5]]:9: note: 'l' is counted down here first
  });
  t.join();
}
