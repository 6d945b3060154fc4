// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// Sleeps that do not stand in for a join.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

int compute();
std::atomic<bool> done{false};

void joined_first() {
  std::thread t([] { compute(); });
  t.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void polls_a_flag() {
  std::thread t([] {
    compute();
    done = true;
  });
  while (!done.load())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  t.join();
}

void polls_a_future() {
  std::future<int> f = std::async(std::launch::async, compute);
  while (f.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void rate_limited_work() {
  std::thread t([] {
    for (int i = 0; i < 3; ++i) {
      compute();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  t.join();
}

void all_joined(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(compute);
  for (std::thread &t : threads)
    t.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void no_spawn() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

// The first sleep after the spawn is the finding; later ones wait for
// other things and are not reported again.
void second_sleep() {
  std::thread t([] { compute(); });
  while (!done.load())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  t.join();
}
