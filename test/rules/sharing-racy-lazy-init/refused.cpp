// RUN: %check_fix %s sharing-racy-lazy-init %t -- -std=c++17
// Racy lazy initialisations that neither a function-local static nor
// std::call_once can replace: reported, with the reason, and left alone.
#include <mutex>
#include <new>
#include <thread>
#include <vector>

struct Config {
  int value = 1;
  void load() {}
};

// Reset elsewhere: a static or call_once would never create it again.
Config *config = nullptr;
std::mutex config_mu;
Config *get_config() {
  if (!config) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'config' races: the check before the lock on 'config_mu' reads it while another thread writes it under the lock (double-checked locking on a plain pointer) [sharing-racy-lazy-init]
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lock shows several threads get here; the inner check is not enough
    std::lock_guard<std::mutex> lock(config_mu);
    if (!config)
      config = new Config();
  }
  return config;
}
void drop_config() {
  std::lock_guard<std::mutex> lock(config_mu);
  delete config;
  config = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'config' is written here too
  // CHECK-MESSAGES: :18:3: note: not rewritten: 'config' is also written elsewhere: neither a function-local static nor std::call_once would create it again
}

// The branch does more than create.
static Config *loaded = nullptr;
static std::mutex loaded_mu;
Config *get_loaded() {
  if (!loaded) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'loaded' races
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lock shows several threads get here
    std::lock_guard<std::mutex> lock(loaded_mu);
    if (!loaded) {
      loaded = new Config();
      loaded->load();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the creation does more than this
    }
  }
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: not rewritten: the branch does more than assign 'loaded = new ...': only a lone creation moves into a static or std::call_once
  return loaded;
}

// A nothrow new may leave it null for the next call to retry.
static Config *maybe = nullptr;
static std::mutex maybe_mu;
Config *get_maybe() {
  if (!maybe) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'maybe' races
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lock shows
    std::lock_guard<std::mutex> lock(maybe_mu);
    if (!maybe)
      maybe = new (std::nothrow) Config();
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: not rewritten: a placement or nothrow 'new' can leave 'maybe' null for another try, which a static or std::call_once would not make
  return maybe;
}

// In a template: each instantiation would get its own static.
static Config *shared = nullptr;
template <typename T> Config *get_shared() {
  if (shared == nullptr)
    shared = new Config();
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: lazy initialisation of 'shared' races: two threads that run 'get_shared' can both see it null and both create it
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'get_shared' runs in work spawned in a loop
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the function is a template: each instantiation would get a static of its own
  return shared;
}

void work() {
  get_shared<int>();
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back(work);
  for (std::thread &t : threads)
    t.join();
  get_config();
  get_loaded();
  get_maybe();
  drop_config();
}
