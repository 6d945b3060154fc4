// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// A container of threads whose joining loop a return or an exception skips:
// its destructor destroys joinable threads, which calls std::terminate.
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

void work(int i);
int parse(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
  return static_cast<int>(s.size());
}

// An early return between the spawns and the joins.
int early_return(int n, bool cancel) {
  std::vector<std::thread> threads;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'threads' still holds joinable threads when the function returns early: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  if (cancel)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here before the threads of 'threads' are joined
  for (auto &t : threads)
    t.join();
  return 0;
}

// A call that throws between the spawns and the joins.
int exception_path(const std::string &arg) {
  std::vector<std::thread> pool;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'pool' still holds joinable threads when an exception leaves its scope
  pool.reserve(4);
  for (int i = 0; i < 4; ++i)
    pool.emplace_back([i] { work(i); });
  int v = parse(arg);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: {{.*}}; an exception here skips the join of the threads of 'pool'
  for (size_t i = 0; i < pool.size(); ++i)
    if (pool[i].joinable())
      pool[i].join();
  return v;
}

// Never joined at all.
void never_joined() {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' holds threads that are never joined or detached
  ts.emplace_back(work, 1);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: its scope ends here
}
