// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++17
// One template, instantiated twice: one finding, one edit.
#include <thread>
#include <vector>

template <class T> void consume(T) {}

template <class T> void spawn_all(std::vector<std::thread> &threads, T n) {
  for (T i = 0; i < n; ++i)
    threads.emplace_back([&] { consume(i); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'i' by reference, but each loop iteration changes or ends it [sharing-loop-var-ref-capture]
}

void start() {
  std::vector<std::thread> threads;
  spawn_all(threads, 4);
  spawn_all(threads, 4L);
  for (std::thread &t : threads)
    t.join();
}
