// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++17
#include <atomic>
#include <mutex>
#include <string>
#include <thread>

void run(const std::string &name, int id) {}
void fill(std::string &out) { out = "filled"; }

void not_copyable() {
  std::mutex mu;
  std::thread([&] { std::lock_guard<std::mutex> lock(mu); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'mu' by reference and may outlive it [lifetime-detached-ref-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: not rewritten: 'mu' has type 'std::mutex', which cannot be copied
}

void written_by_work() {
  int progress = 0;
  std::thread([&progress] { progress = 100; }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'progress' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: 'progress' is changed here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: the work changes 'progress'
}

void changed_after_spawn() {
  bool stop = false;
  std::thread([&] { run("poll", stop ? 1 : 0); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'stop' by reference
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'stop' is changed here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: 'stop' is changed after the spawn
  stop = true;
}

void non_const_reference_parameter() {
  std::string out;
  std::thread(fill, std::ref(out)).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: detached work uses 'out' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: not rewritten: the work takes 'out' by non-const reference
}

#define DETACH(body) std::thread([&] { body; }).detach()
void in_macro() {
  int id = 1;
  DETACH(run("macro", id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached work uses 'id' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the code is inside a macro expansion
}
