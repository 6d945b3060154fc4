// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Findings that pitfix reports without a rewrite, and why.
#include <cstdio>
#include <thread>
#include <vector>

void work();
void work_with(int);

// A second thread assigned over one that may still run.
void reassigned(bool again) {
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is assigned a new thread while it may still be joinable: std::thread's move assignment calls std::terminate
  if (again)
    t = std::thread(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assigned here
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: not rewritten: a std::jthread assigned a new thread would wait for the old one there; join it before the assignment
  t.join();
}

// Detached on one path: a std::jthread would be used differently there.
void detached_on_one_path(bool bg) {
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' can reach the end of its scope still joinable
  if (bg)
    t.detach();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: a path that does not join it reaches here
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: not rewritten: 't' is used other than through join(), joinable(), get_id() and native_handle()

// A generic lambda could take the std::stop_token a std::jthread passes.
void generic_work(bool early) {
  std::thread t([](auto... args) { std::printf("%zu\n", sizeof...(args)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is still joinable when the function returns early
  if (early)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: not rewritten: the work may accept a std::stop_token first
  t.join();
}

// Two threads in one declaration.
void declared_together(bool early) {
  std::thread a(work), b(work_with, 1);
  if (early)
    return;
  a.join();
  b.join();
}
// CHECK-MESSAGES: :[[@LINE-6]]:15: warning: 'a' is still joinable when the function returns early
// CHECK-MESSAGES: :[[@LINE-5]]:5: note: returns here
// CHECK-MESSAGES: :[[@LINE-8]]:15: note: not rewritten: 'a' is declared together with other variables
// CHECK-MESSAGES: :[[@LINE-9]]:24: warning: 'b' is still joinable when the function returns early
// CHECK-MESSAGES: :[[@LINE-8]]:5: note: returns here
// CHECK-MESSAGES: :[[@LINE-11]]:24: note: not rewritten: 'b' is declared together with other variables

// The type is deduced.
void deduced(bool early) {
  auto t = std::thread(work);
  if (early)
    return;
  t.join();
}
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 't' is still joinable when the function returns early
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: returns here
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: not rewritten: the type is written as 'auto', not as std::thread

// A member that the destructor joins on one path only.
class Poller {
public:
  Poller() : th_([this] { poll(); }) {}
  ~Poller() {
    if (running_)
      th_.join();
  }

private:
  void poll() {}
  bool running_ = true;
  std::thread th_;
};
// CHECK-MESSAGES: :[[@LINE-2]]:15: warning: 'th_' is not joined on every path of the destructor of 'Poller': std::thread's destructor calls std::terminate
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: the destructor can end here with 'th_' still joinable
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: not rewritten: 'th_' is a member; join it on every path of ~Poller()

// A member that nothing joins, in a class without a destructor.
class Ticker {
public:
  void start() { th_ = std::thread([] { work(); }); }

private:
  std::thread th_;
};
void tick() {
  Ticker t;
  t.start();
}
// CHECK-MESSAGES: :[[@LINE-6]]:15: warning: 'th_' is never joined or detached, and 'Ticker' has no destructor that joins it
// CHECK-MESSAGES: :[[@LINE-10]]:24: note: started here
// CHECK-MESSAGES: :[[@LINE-5]]:10: note: an object of 'Ticker' is destroyed here
// CHECK-MESSAGES: :[[@LINE-9]]:15: note: not rewritten: 'th_' is a member; join it in a destructor of 'Ticker'
