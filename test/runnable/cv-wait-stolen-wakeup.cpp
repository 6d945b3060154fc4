// Four consumers each take one item from a queue; the producer adds one item
// at a time and wakes everyone with notify_all. Each consumer checks the
// queue once, under `if`, before it waits: all four wake for the first item,
// one takes it, and the other three take the front of an empty deque, which
// _GLIBCXX_ASSERTIONS stops with an abort. After `pitfix --fix` each wait
// has the predicate `!q.empty()`: a consumer that finds the queue empty
// again goes back to sleep, every consumer gets one item, and the run is
// clean under ThreadSanitizer.
//
// RUN: %clangxx -std=c++17 -D_GLIBCXX_ASSERTIONS -g -O1 %s -o %t.before
// RUN: not timeout 20 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,ordering-cv-wait-no-predicate %t.cpp -- -std=c++17
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.cpp
// RUN: %clangxx -std=c++17 -D_GLIBCXX_ASSERTIONS -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// BEFORE: Assertion '!this->empty()' failed
// FIXED: cv.wait(lk, [&] { return !q.empty(); });
// CHECK: sum 10
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

std::mutex m;
std::condition_variable cv;
std::deque<int> q;
std::atomic<int> waiting{0};
std::atomic<int> sum{0};

void consume() {
  std::unique_lock<std::mutex> lk(m);
  waiting.fetch_add(1);
  if (q.empty())
    cv.wait(lk);
  sum.fetch_add(q.front());
  q.pop_front();
}

// Adds 1, 2, 3, 4, one at a time, once every consumer waits; the pause
// after each notify lets every woken consumer run before the next item.
void produce() {
  while (waiting.load() < 4)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  for (int i = 1; i <= 4; ++i) {
    {
      std::lock_guard<std::mutex> g(m);
      q.push_back(i);
    }
    cv.notify_all();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

int main() {
  std::vector<std::thread> consumers;
  for (int i = 0; i < 4; ++i)
    consumers.emplace_back(consume);
  produce();
  for (std::thread &t : consumers)
    t.join();
  std::printf("sum %d\n", sum.load());
}
