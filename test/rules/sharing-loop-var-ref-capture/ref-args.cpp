// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++17
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

void print_id(const int &id) {}
void by_value(std::string name, int n) {}

struct Worker {
  void run(const int &slot) {}
};

void ref_to_const_ref(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(print_id, std::ref(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: spawned work uses 'i' by reference, but each loop iteration changes or ends it [sharing-loop-var-ref-capture]
}

void cref_to_value(std::vector<std::thread> &threads,
                   const std::vector<std::string> &names) {
  for (std::string name : names)
    threads.emplace_back(by_value, std::cref(name), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: spawned work uses 'name' by reference
}

void member_function(Worker &w) {
  std::vector<std::thread> threads;
  for (int slot = 0; slot < 4; ++slot)
    threads.emplace_back(&Worker::run, &w, std::ref(slot));
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: spawned work uses 'slot' by reference
  for (std::thread &t : threads)
    t.join();
}

void lambda_parameter(std::vector<std::future<void>> &futures) {
  for (int i = 0; i < 4; ++i)
    futures.push_back(std::async(std::launch::async,
                                 [](const int &v) { print_id(v); }, std::cref(i)));
  // CHECK-MESSAGES: :[[@LINE-1]]:69: warning: spawned work uses 'i' by reference
}
