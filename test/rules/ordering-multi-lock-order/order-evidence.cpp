// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// Two guards one after another deadlock only when some code takes the same
// mutexes the other way round, or the caller decides the order.
#include <mutex>

// Two members of one object, always taken in the same order: no cycle.
class Cache {
public:
  void put(int k) {
    std::lock_guard<std::mutex> a(index_mu_);
    std::lock_guard<std::mutex> b(data_mu_);
    index_ = k;
    data_ = k;
  }
  int get() {
    std::lock_guard<std::mutex> a(index_mu_);
    std::lock_guard<std::mutex> b(data_mu_);
    return index_ + data_;
  }

private:
  std::mutex index_mu_, data_mu_;
  int index_ = 0, data_ = 0;
};

// Two globals in one order everywhere in the file: no cycle either.
std::mutex config_mu, stats_mu;
int config, stats;

void publish() {
  std::lock_guard<std::mutex> a(config_mu);
  std::lock_guard<std::mutex> b(stats_mu);
  stats = config;
}

void publish_again() {
  std::lock_guard<std::mutex> a(config_mu);
  {
    std::lock_guard<std::mutex> b(stats_mu);
    ++stats;
  }
}

// The other order elsewhere in the file: a real cycle.
std::mutex left_mu, right_mu;
int left, right;

void left_then_right() {
  std::lock_guard<std::mutex> a(left_mu);
  std::lock_guard<std::mutex> b(right_mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'right_mu' is locked while 'left_mu' is held; lock them together with std::scoped_lock [ordering-multi-lock-order]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'left_mu' is locked first here
  // CHECK-MESSAGES: :[[@LINE+7]]:35: note: 'left_mu' is locked while 'right_mu' is held here: the other order
  left = right;
}

void right_then_left() {
  right_mu.lock();
  {
    std::lock_guard<std::mutex> a(left_mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'left_mu' is locked while 'right_mu' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'right_mu' is locked first here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: 'right_mu' is held through a call, not by a guard
    right = left;
  }
  right_mu.unlock();
}

// Mutex parameters: the caller decides the order.
void both(std::mutex &x, std::mutex &y) {
  std::lock_guard<std::mutex> a(x);
  std::lock_guard<std::mutex> b(y);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'y' is locked while 'x' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'x' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the order depends on the caller: both are parameters
  ++left;
}
