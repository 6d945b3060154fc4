// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++17
// A local flag that records the join rules out the path on which the
// thread would stay joinable: nothing to report there. A flag that another
// function may change, or that is not set where the join is, does not help.
#include <thread>

void work();
bool ready();
void inspect(bool &);

void joined_flag(bool early) {
  std::thread t(work);
  bool joinable = true;
  if (early) {
    t.join();
    joinable = false;
  }
  if (joinable)
    t.join();
}

void joined_in_loop() {
  std::thread t(work);
  bool joined = false;
  while (!joined) {
    if (ready()) {
      t.join();
      joined = true;
    }
  }
}

void flag_escapes(bool early) {
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' can reach the end of its scope still joinable: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  bool joinable = true;
  if (early) {
    t.join();
    joinable = false;
  }
  inspect(joinable);
  if (!joinable)
    t.join();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: a path that does not join it reaches here
// CHECK-MESSAGES: :[[@LINE-12]]:15: note: not rewritten: std::jthread, whose destructor joins, needs C++20; join 't' on every path

void flag_set_elsewhere(bool early) {
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' can reach the end of its scope still joinable: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  bool joined = false;
  if (early)
    joined = true;
  if (!joined)
    t.join();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: a path that does not join it reaches here
// CHECK-MESSAGES: :[[@LINE-9]]:15: note: not rewritten: std::jthread, whose destructor joins, needs C++20; join 't' on every path
