// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// A unique_lock made with std::defer_lock locks its mutex when lock() is
// called: a deadlock when a guard already holds the same mutex.
#include <mutex>

std::mutex m;
int value;

void update() {
  std::lock_guard<std::mutex> guard(m);
  std::unique_lock<std::mutex> later(m, std::defer_lock);
  ++value;
  later.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is locked again while it is held: a thread that locks a non-recursive mutex twice waits for itself forever [ordering-relock-same-mutex]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'm' is locked first here
}

class Store {
public:
  void put(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    v_ = v;
    flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the call to 'flush' locks 'mu_' again while it is held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'flush' locks 'mu_' here
  }

private:
  void flush() {
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    lock.lock();
    saved_ = v_;
  }
  std::mutex mu_;
  int v_ = 0, saved_ = 0;
};

// Correct: deferred guards locked together, or after the first guard ends.
std::mutex a, b;
void both() {
  std::unique_lock<std::mutex> la(a, std::defer_lock);
  std::unique_lock<std::mutex> lb(b, std::defer_lock);
  std::lock(la, lb);
  ++value;
}

void after_scope() {
  {
    std::lock_guard<std::mutex> guard(m);
    ++value;
  }
  std::unique_lock<std::mutex> later(m, std::defer_lock);
  later.lock();
  --value;
}

void other_mutex() {
  std::lock_guard<std::mutex> guard(a);
  std::unique_lock<std::mutex> later(b, std::defer_lock);
  later.lock();
  ++value;
}
