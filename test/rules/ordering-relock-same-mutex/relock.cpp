// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// A mutex locked again by the thread that holds it: in one function, and
// through calls. Reported only.
#include <map>
#include <mutex>
#include <shared_mutex>

std::mutex m;
int tries;

void nested_guard(bool retry) {
  std::lock_guard<std::mutex> a(m);
  if (retry) {
    std::lock_guard<std::mutex> b(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is locked again while it is held: a thread that locks a non-recursive mutex twice waits for itself forever [ordering-relock-same-mutex]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'm' is locked first here
    ++tries;
  }
}

void manual_twice() {
  m.lock();
  ++tries;
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is locked again while it is held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'm' is locked first here
  m.unlock();
  m.unlock();
}

void guard_then_manual() {
  std::unique_lock<std::mutex> lk(m);
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is locked again while it is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'm' is locked first here
}

class Cache {
public:
  void put(int k, int v) {
    std::lock_guard<std::mutex> lock(mu_);
    if (map_.size() > 100)
      evict();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the call to 'evict' locks 'mu_' again while it is held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE+14]]:5: note: 'evict' locks 'mu_' here
    map_[k] = v;
  }
  int get(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    return lookup(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the call to 'lookup' locks 'mu_' again while it is held
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE+12]]:12: note: 'lookup' calls 'count' here
    // CHECK-MESSAGES: :[[@LINE+14]]:5: note: 'count' locks 'mu_' here
  }

private:
  void evict() {
    std::lock_guard<std::mutex> lock(mu_);
    map_.clear();
  }
  int lookup(int k) {
    if (map_.empty())
      return 0;
    return count(k);
  }
  int count(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(map_.count(k));
  }
  std::mutex mu_;
  std::map<int, int> map_;
};

// A global mutex through a free function.
std::mutex log_mu;
int lines;
void log_line() {
  std::lock_guard<std::mutex> g(log_mu);
  ++lines;
}
void log_twice() {
  std::lock_guard<std::mutex> g(log_mu);
  log_line();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the call to 'log_line' locks 'log_mu' again while it is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'log_mu' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'log_line' locks 'log_mu' here
}

// Reader locks taken twice: a waiting writer between them deadlocks.
std::shared_mutex rw;
int value;
int read_once() {
  std::shared_lock<std::shared_mutex> r(rw);
  return value;
}
int read_twice() {
  std::shared_lock<std::shared_mutex> r(rw);
  return value + read_once();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the call to 'read_once' locks 'rw' again while it is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'rw' is locked first here
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'read_once' locks 'rw' here
}

// A C mutex with the default (non-recursive) kind.
#include <pthread.h>
pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
void c_relock() {
  pthread_mutex_lock(&plain);
  pthread_mutex_lock(&plain);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'plain' is locked again while it is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'plain' is locked first here
  pthread_mutex_unlock(&plain);
  pthread_mutex_unlock(&plain);
}

// The same helper called with the lock switched on.
class Store {
public:
  void put(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    size_ = k;
    evict(true);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the call to 'evict' locks 'mu_' again while it is held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE+6]]:7: note: 'evict' locks 'mu_' here
  }

private:
  void evict(bool need_lock) {
    if (need_lock)
      mu_.lock();
    size_ = 0;
    if (need_lock)
      mu_.unlock();
  }
  std::mutex mu_;
  int size_ = 0;
};

// A pthread mutex wrapper that stays the default kind.
class PlainMutex {
public:
  PlainMutex() { pthread_mutex_init(&mu_, nullptr); }
  void lock() { pthread_mutex_lock(&mu_); }
  void unlock() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_;
};
PlainMutex pmu;
void plain_relock() {
  std::lock_guard<PlainMutex> a(pmu);
  std::lock_guard<PlainMutex> b(pmu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pmu' is locked again while it is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pmu' is locked first here
}
