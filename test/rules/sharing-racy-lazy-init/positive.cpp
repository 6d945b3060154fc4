// RUN: %check_fix %s sharing-racy-lazy-init %t -- -std=c++17
// Lazy initialisations that several threads reach: each becomes a
// function-local static, or runs under std::call_once when other code uses
// the pointer too.
#include <mutex>
#include <thread>
#include <vector>

struct Config {
  int value = 1;
};

// Double-checked locking on a plain pointer used by this function only:
// the pointer and the mutex go.
static Config *config = nullptr;
static std::mutex config_mu;

Config *get_config() {
  if (config == nullptr) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'config' races: the check before the lock on 'config_mu' reads it while another thread writes it under the lock (double-checked locking on a plain pointer) [sharing-racy-lazy-init]
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lock shows several threads get here; the inner check is not enough
    std::lock_guard<std::mutex> lock(config_mu);
    if (config == nullptr)
      config = new Config();
  }
  return config;
}

// A singleton of a class that holds a mutex: several threads use it.
class Registry {
public:
  static Registry *instance();
  void add(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    values_.push_back(v);
  }

private:
  static Registry *instance_;
  std::mutex mu_;
  std::vector<int> values_;
};

Registry *Registry::instance_ = nullptr;

Registry *Registry::instance() {
  if (!instance_)
    instance_ = new Registry;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: lazy initialisation of 'instance_' races: 'Registry' holds the mutex 'mu_', so several threads use it, and two of them can both see it null and both create it
  // CHECK-MESSAGES: :{{[0-9]+}}:14: note: 'Registry' is shared between threads: it holds a mutex
  return Registry::instance_;
}

// Reached from work spawned in a loop, and read elsewhere: std::call_once.
struct Cache {
  int hits = 0;
};
Cache *cache = nullptr;

Cache *get_cache() {
  if (cache == nullptr)
    cache = new Cache{};
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: lazy initialisation of 'cache' races: two threads that run 'get_cache' can both see it null and both create it
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'get_cache' runs in work spawned in a loop
  return cache;
}

bool cache_ready() { return cache != nullptr; }

// A function-local static pointer, set on first use.
struct Table {
  int size = 0;
};

Table *get_table() {
  static Table *table = nullptr;
  if (!table)
    table = new Table();
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: lazy initialisation of 'table' races: two threads that run 'get_table' can both see it null and both create it
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'get_table' runs in work spawned in a loop
  return table;
}

// Double-checked, with a mutex that other code also uses: it stays.
static Config *defaults = nullptr;
static std::mutex defaults_mu;
static int reloads = 0;

Config *get_defaults() {
  if (!defaults) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'defaults' races: the check before the lock on 'defaults_mu'
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lock shows several threads get here
    std::lock_guard<std::mutex> lock(defaults_mu);
    if (!defaults)
      defaults = new Config();
  }
  return defaults;
}

void reload() {
  std::lock_guard<std::mutex> lock(defaults_mu);
  ++reloads;
}

void work() {
  get_cache()->hits++;
  get_table();
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(work);
  for (std::thread &t : threads)
    t.join();
  Registry::instance()->add(get_config()->value + get_defaults()->value);
  reload();
  return cache_ready() ? 0 : 1;
}
