// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// Correct, idiomatic concurrent code: nothing to report.
#include <atomic>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

// Every write holds the lock that every other access holds too.
std::mutex mu;
long guarded_total = 0;
std::vector<int> guarded_items;
void add_locked(int n) {
  std::lock_guard<std::mutex> lock(mu);
  guarded_total += n;
  guarded_items.push_back(n);
}
void helper_called_under_lock() { guarded_total++; }
void run_locked() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([i] {
      add_locked(i);
      std::unique_lock<std::mutex> lk(mu);
      helper_called_under_lock();
    });
  for (std::thread &t : threads)
    t.join();
}

// Per-thread slots: each thread writes its own element.
std::vector<long> partial_sums(const std::vector<int> &data, int n) {
  std::vector<long> out(n);
  long raw[8] = {};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      for (std::size_t j = i; j < data.size(); j += n)
        out[i] += data[j];
      raw[i] = out[i];
    });
  for (std::thread &t : threads)
    t.join();
  out.push_back(raw[0]); // after the last join
  return out;
}

// Atomics and thread-safe classes need no lock.
std::atomic<int> done{0};
std::atomic_flag busy = ATOMIC_FLAG_INIT;
void run_atomics() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([] { ++done; busy.test_and_set(); });
  for (std::thread &t : threads)
    t.join();
}

// Writes before the first spawn and after the last join.
int configured = 0;
void run_once() {
  configured = 1;
  int result = 0;
  std::thread t([&] { result = configured * 2; });
  t.join();
  result += 1;
  configured = result;
}

// One thread only, joined before anyone else looks.
void single_worker() {
  std::vector<int> produced;
  std::thread t([&] { produced.push_back(1); produced.push_back(2); });
  t.join();
  produced.clear();
}

// Each iteration's own variable; the work is joined in the iteration.
void per_iteration() {
  for (int i = 0; i < 3; ++i) {
    int local = 0;
    std::thread t([&] { local += i; });
    t.join();
  }
}

// Locals of the work and by-value copies are private to each thread.
void private_state() {
  int seed = 3;
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([seed]() mutable {
      int mine = 0;
      ++mine;
      seed += mine;
    });
  for (std::thread &t : threads)
    t.join();
}

// A future carries the result; the spawner waits before reading.
int compute() {
  int value = 0;
  auto f = std::async(std::launch::async, [&] { value = 42; });
  f.get();
  return value;
}

// The spawner polls an atomic flag the work sets after its write.
int published = 0;
std::atomic<bool> ready{false};
void publish() {
  std::thread t([] {
    published = 7;
    ready.store(true);
  });
  while (!ready.load()) {
  }
  int seen = published;
  (void)seen;
  t.join();
}

thread_local int per_thread_calls = 0;
void run_thread_local() {
  std::thread a([] { ++per_thread_calls; }), b([] { ++per_thread_calls; });
  a.join();
  b.join();
}
