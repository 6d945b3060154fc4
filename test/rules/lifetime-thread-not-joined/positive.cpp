// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

void process(const std::vector<int> &items);
int parse(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
  return static_cast<int>(s.size());
}

// An early return leaves the thread joinable.
int early_return(const std::vector<int> &items) {
  std::thread worker(process, std::cref(items));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'worker' is still joinable when the function returns early: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  if (items.empty())
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here with 'worker' still joinable
  worker.join();
  return 1;
}

// An exception from a call that throws, between the spawn and the join.
int exception_path(const std::string &s) {
  int n = 0;
  std::thread t([&n] { n = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is still joinable when an exception leaves its scope
  int m = parse(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: {{.*}}; an exception here leaves 't' joinable
  t.join();
  return n + m;
}

// A break out of the loop skips the join of this iteration's thread.
void loop_break(const std::vector<int> &items) {
  for (int i : items) {
    std::thread t([i] { std::printf("%d\n", i); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 't' is still joinable when this jump leaves its scope
    if (i < 0)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaves the scope of 't'
    t.join();
  }
}

// No join at all.
void never_joined() {
  std::thread t([] { std::puts("hello"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is never joined or detached
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: its scope ends here
  std::printf("id %d\n", t.joinable() ? 1 : 0);
}

// The join only on one branch.
void one_branch(bool wait) {
  std::thread t([] {});
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' can reach the end of its scope still joinable
  if (wait)
    t.join();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: a path that does not join it reaches here

// Written without the namespace.
using namespace std;
void unqualified(bool stop) {
  thread t([] {});
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 't' is still joinable when the function returns early
  if (stop)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  t.join();
}
