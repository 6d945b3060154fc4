// RUN: %check_fix %s sharing-loop-var-ref-capture,lifetime-detached-ref-capture %t -- -std=c++17
// A detached thread in a loop that uses a loop variable and a local of the
// function: each rule reports its own variable, and both agree on one edit.
#include <string>
#include <thread>

void run(const std::string &name, int id) {}

void start_all(int count) {
  std::string name = "worker";
  for (int i = 0; i < count; ++i)
    std::thread([&] { run(name, i); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: detached work uses 'name' by reference and may outlive it [lifetime-detached-ref-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: warning: spawned work uses 'i' by reference, but each loop iteration changes or ends it [sharing-loop-var-ref-capture]
}
