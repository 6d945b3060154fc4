// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// Work that reaches the spawner's variables through reference parameters
// bound with std::ref: the writes race like those of a by-reference
// capture. std::ref binds a reference, so the counter cannot become an
// atomic, and the spawner's mutex is not in scope in the work.
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

void count(long &n, int times) {
  for (int i = 0; i < times; ++i)
    ++n;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'total' is written by spawned work with no lock held, and the work is spawned in a loop, so several threads run it at once [sharing-unsynchronized-write]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: the spawning loop
  // CHECK-MESSAGES: :[[@LINE+9]]:42: note: not a std::atomic: 'total' is used here in a way std::atomic does not support
  // CHECK-MESSAGES: :[[@LINE+5]]:8: note: no lock_guard: no mutex is declared beside 'total'
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: not rewritten: 'total' is used here in a way std::atomic does not support; no mutex is declared beside 'total'
}

long run_counters() {
  long total = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(count, std::ref(total), 1000);
  for (std::thread &t : threads)
    t.join();
  return total;
}

void collect(std::vector<int> &out, int v) { out.push_back(v); }
// CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'results' is written by spawned work with no lock held, and 'gather' writes it before waiting
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: the other access
// CHECK-MESSAGES: :[[@LINE-3]]:46: note: not rewritten: the work reaches 'results' through its parameter 'out' (std::ref): the mutex beside it is not in scope there

std::size_t gather() {
  std::mutex mu;
  std::vector<int> results;
  std::thread t(collect, std::ref(results), 1);
  {
    std::lock_guard<std::mutex> lock(mu);
    results.push_back(2);
  }
  t.join();
  return results.size();
}

// Silent: each thread gets its own slot, or its own variable.
void fill(int &slot, int v) { slot = v; }

int slots() {
  int out[4] = {};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(fill, std::ref(out[i]), i);
  for (std::thread &t : threads)
    t.join();
  return out[0] + out[3];
}

int own_variables() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    int mine = 0;
    std::thread t(fill, std::ref(mine), i);
    t.join();
    threads.push_back(std::thread(fill, std::ref(mine), i + 1));
    threads.back().join();
  }
  return 0;
}

// Silent: a copy, not a reference.
void bump(long n) { ++n; }
void copies() {
  long n = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(bump, n);
  for (std::thread &t : threads)
    t.join();
}

// A method called on the object bound with std::ref runs on the shared
// object.
struct Tally {
  int n = 0;
  void add() { ++n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'n' is written by spawned work with no lock held, and the work is spawned in a loop, so several threads run it at once
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the spawning loop
};
void tally(Tally &t) { t.add(); }
int run_tally() {
  Tally t;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(tally, std::ref(t));
  for (std::thread &th : threads)
    th.join();
  return t.n;
}
