// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

std::mutex a, b;
std::shared_mutex rw;
std::condition_variable cv;
int x;
bool ready;

void work_between() {
  std::lock_guard<std::mutex> la(a);
  ++x;
  std::lock_guard<std::mutex> lb(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' is locked while 'a' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'a' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: other statements run between the acquisitions
  ++x;
}

void guard_used_later() {
  std::unique_lock<std::mutex> la(a);
  std::unique_lock<std::mutex> lb(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' is locked while 'a' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'a' is locked first here
  // CHECK-MESSAGES: :[[@LINE+2]]:11: note: 'la' is used here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the guard 'la' is used later
  cv.wait(la, [] { return ready; });
}

void reader_and_writer() {
  std::shared_lock<std::shared_mutex> r(rw);
  std::lock_guard<std::mutex> la(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' is locked while 'rw' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'rw' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'r' is a shared (reader) lock
  ++x;
}

// Elsewhere the same mutexes are taken the other way round, which is what
// makes the orders above deadlock-prone.
void b_then_a() {
  std::lock_guard<std::mutex> lb(b);
  {
    std::lock_guard<std::mutex> la(a);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is locked while 'b' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'b' is locked first here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the guards are in different blocks
    ++x;
  }
}

void a_then_rw() {
  std::lock_guard<std::mutex> la(a);
  {
    std::shared_lock<std::shared_mutex> r(rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'rw' is locked while 'a' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'a' is locked first here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the guards are in different blocks
    ++x;
  }
}
