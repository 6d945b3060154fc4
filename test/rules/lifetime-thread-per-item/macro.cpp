// RUN: %check_fix %s lifetime-thread-per-item %t -- -std=c++17
// Spawns and loops spelled through macros are reported where the macro is
// used.
#include <string>
#include <thread>
#include <vector>

void process(const std::string &item);

#define SPAWN_DETACHED(f, x) std::thread(f, x).detach()
#define FOR_EACH(x, c) for (const auto &x : c)

void run_all(const std::vector<std::string> &items) {
  FOR_EACH(item, items)
    SPAWN_DETACHED(process, item);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each element of 'items': the input decides how many threads run at once [lifetime-thread-per-item]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop visits every element of 'items', whose size nothing here bounds
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
}
