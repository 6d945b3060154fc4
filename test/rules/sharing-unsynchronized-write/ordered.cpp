// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// Writes that other threads cannot see half-done: published by a release
// that the reader observes with an acquire, made after a successful
// try-lock, or run by a serial executor one item at a time. No finding.
#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

// Release/acquire: the payload is written before the store and read after
// the load that sees it.
int payload;
std::atomic<bool> ready{false};
void produce() {
  payload = 42;
  ready.store(true, std::memory_order_release);
}
void consume() {
  while (!ready.load(std::memory_order_acquire)) {
  }
  std::printf("%d\n", payload);
}
void publish() {
  std::thread a(produce), b(consume);
  a.join();
  b.join();
}

// The same with the spawner as the reader, and a seq_cst flag.
std::vector<int> results;
std::atomic<int> finished{0};
void compute() {
  results.push_back(1);
  finished = 1;
}
void wait_for_results() {
  std::thread t(compute);
  while (finished == 0)
    std::this_thread::yield();
  std::printf("%zu\n", results.size());
  t.join();
}

// A try-lock whose failure leaves: the write holds the lock.
std::mutex stats_mu;
long samples;
void sample() {
  std::unique_lock<std::mutex> lock(stats_mu, std::try_to_lock);
  if (!lock.owns_lock())
    return;
  ++samples;
}
void sample_manual() {
  if (!stats_mu.try_lock())
    return;
  ++samples;
  stats_mu.unlock();
}
long read_samples() {
  std::lock_guard<std::mutex> lock(stats_mu);
  return samples;
}
void sampling() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(sample);
    threads.emplace_back(sample_manual);
  }
  for (std::thread &t : threads)
    t.join();
}

// Work posted to a serial executor runs one item at a time.
class SerialExecutor {
public:
  void add(std::function<void()> f);
};
class Session {
public:
  void receive(int bytes) {
    for (int i = 0; i < 3; ++i)
      executor_.add([this, bytes] { received_ += bytes; });
    executor_.add([this] { received_ = 0; });
  }

private:
  SerialExecutor executor_;
  long received_ = 0;
};
