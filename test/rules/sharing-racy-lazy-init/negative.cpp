// RUN: %check_fix %s sharing-racy-lazy-init %t -- -std=c++17
// Lazy initialisations that are safe, or that no second thread reaches:
// nothing is reported.
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

struct Config {
  int value = 1;
};

// A function-local static: initialised once, thread-safe since C++11.
Config *local_static() {
  static Config *config = new Config();
  return config;
}

// std::call_once.
Config *once_config = nullptr;
std::once_flag once_flag;
Config *with_call_once() {
  std::call_once(once_flag, [] { once_config = new Config(); });
  return once_config;
}

// Double-checked locking on an atomic pointer with acquire and release.
std::atomic<Config *> atomic_config{nullptr};
std::mutex atomic_mu;
Config *atomic_dcl() {
  Config *c = atomic_config.load(std::memory_order_acquire);
  if (c == nullptr) {
    std::lock_guard<std::mutex> lock(atomic_mu);
    c = atomic_config.load(std::memory_order_relaxed);
    if (c == nullptr) {
      c = new Config();
      atomic_config.store(c, std::memory_order_release);
    }
  }
  return c;
}

// The whole check-and-create under one lock.
Config *locked_config = nullptr;
std::mutex locked_mu;
Config *locked() {
  std::lock_guard<std::mutex> lock(locked_mu);
  if (!locked_config)
    locked_config = new Config();
  return locked_config;
}

// Initialised only by main before it starts any thread (even with a
// double-checked lock).
Config *early = nullptr;
std::mutex early_mu;
Config *init_early() {
  if (!early) {
    std::lock_guard<std::mutex> lock(early_mu);
    if (!early)
      early = new Config();
  }
  return early;
}

// Lazy, but nothing shows a second thread: one worker calls it, once.
Config *single = nullptr;
Config *get_single() {
  if (single == nullptr)
    single = new Config();
  return single;
}

// A thread_local pointer: one per thread.
thread_local Config *per_thread = nullptr;
Config *get_per_thread() {
  if (!per_thread)
    per_thread = new Config();
  return per_thread;
}

// A local pointer, not shared.
int local_pointer() {
  Config *c = nullptr;
  if (!c)
    c = new Config();
  int v = c->value;
  delete c;
  return v;
}

// A member pointer of an object: not a static.
struct Holder {
  Config *c = nullptr;
  Config *get() {
    if (!c)
      c = new Config();
    return c;
  }
};

void worker() {
  local_static()->value++;
  with_call_once();
  atomic_dcl();
  locked();
  get_per_thread();
  local_pointer();
}

int main() {
  init_early();
  std::thread one([] { get_single(); });
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(worker);
  for (std::thread &t : threads)
    t.join();
  one.join();
  Holder h;
  return h.get()->value + early->value;
}
