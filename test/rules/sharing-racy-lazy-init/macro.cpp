// RUN: %check_fix %s sharing-racy-lazy-init %t -- -std=c++17
// Lazy initialisation written by a macro is reported, not rewritten; one
// whose creation only uses a macro is rewritten.
#include <mutex>
#include <thread>
#include <vector>

struct Config {
  int value = 1;
};

#define LAZY(p, T)                                                             \
  if (!p)                                                                      \
    p = new T()

static Config *config = nullptr;
Config *get_config() {
  LAZY(config, Config);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy initialisation of 'config' races: two threads that run 'get_config' can both see it null
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'get_config' runs in work spawned in a loop
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: inside macro expansion
  return config;
}

#define MAKE_CONFIG new Config()
static Config *other = nullptr;
Config *get_other() {
  if (!other)
    other = MAKE_CONFIG;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: lazy initialisation of 'other' races
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'get_other' runs in work spawned in a loop
  return other;
}

void work() {
  get_config();
  get_other();
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back(work);
  for (std::thread &t : threads)
    t.join();
}
