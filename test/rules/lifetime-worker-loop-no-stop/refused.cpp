// RUN: %check_fix %s lifetime-worker-loop-no-stop %t -- -std=c++20
// Endless loops that pitfix reports without a rewrite, and why.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

void step() noexcept;
int next_id();

void plain_thread() {
  std::thread t([] {
    for (;;)
      step();
  });
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: the spawned work loops forever, with no break, return or stop check: whoever joins or waits for it waits forever
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: only a std::jthread hands its work a std::stop_token
  t.join();
}

void detached() {
  std::thread([] {
    do {
      step();
    } while (true);
  }).detach();
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: the spawned work loops forever, with no break, return or stop check: the detached work runs until the process ends
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: not rewritten: only a std::jthread
}

void with_async() {
  auto f = std::async(std::launch::async, [] {
    while (true)
      step();
  });
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: the spawned work loops forever
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: only a std::jthread
}

std::mutex mu;
std::condition_variable cv;
bool ready = false;

void cv_wait() {
  std::jthread t([] {
    while (true) {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [] { return ready; });
      step();
    }
  });
  // CHECK-MESSAGES: :[[@LINE-6]]:5: warning: the spawned work loops forever
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: waits here
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: not rewritten: the loop waits on a condition variable, which a stop request does not wake; a std::condition_variable_any waiting with the token is needed
}

void named_lambda() {
  auto work = [] {
    while (true)
      step();
  };
  std::jthread t(work);
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: the spawned work loops forever
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: not rewritten: the work is not a lambda written at the construction
}

void with_parameter() {
  std::jthread t([](int n) {
    while (true)
      step();
  }, 3);
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: the spawned work loops forever
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: the lambda already takes parameters
}

#define FOREVER for (;;)
void in_macro() {
  std::jthread t([] {
    FOREVER step();
  });
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the spawned work loops forever
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the code is inside a macro expansion
}
