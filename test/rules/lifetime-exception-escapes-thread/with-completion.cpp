// RUN: %check_fix %s lifetime-exception-escapes-thread,lifetime-completion-not-guarded %t -- -std=c++17
// Both lifetime rules on one body, verified one after the other: the scope
// guard is declared first in the body, before the try, so the signal is
// made on every path (after the handlers ran), and the handlers catch the
// exception.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

class WaitGroup {
public:
  void Done() {
    std::lock_guard<std::mutex> lock(mu_);
    --count_;
    cv_.notify_all();
  }
private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_ = 1;
};

void both(WaitGroup &wg, const std::string &s, int &out) {
  std::thread t([&] {
    if (s.empty())
      return;
    out = std::stoi(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'stoi' is not declared noexcept, and nothing on the spawned thread catches it
    wg.Done();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Done()' is skipped when the spawned body returns early
  });
  t.join();
}
