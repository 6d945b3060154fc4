// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// pthread mutexes made recursive by their attribute before the threads
// start, and helpers that lock only when the caller asks them to: locking
// again is what they are for, or does not happen. No finding.
#include <mutex>
#include <pthread.h>

// A project mutex over pthread, recursive by its constructor.
class Mutex {
public:
  Mutex() {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mu_, &attr);
    pthread_mutexattr_destroy(&attr);
  }
  ~Mutex() { pthread_mutex_destroy(&mu_); }
  void lock() { pthread_mutex_lock(&mu_); }
  void unlock() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_;
};

class Registry {
public:
  void add(int v) {
    std::lock_guard<Mutex> lock(mu_);
    values_ = v;
    notify();
  }

private:
  void notify() {
    std::lock_guard<Mutex> lock(mu_);
    ++notified_;
  }
  Mutex mu_;
  int values_ = 0;
  int notified_ = 0;
};

// A global pthread mutex re-initialised as recursive in main(), before any
// thread starts.
pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
int lines;
void log_line() {
  pthread_mutex_lock(&log_mu);
  ++lines;
  pthread_mutex_unlock(&log_mu);
}
void log_block() {
  pthread_mutex_lock(&log_mu);
  log_line();
  log_line();
  pthread_mutex_unlock(&log_mu);
}
int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&log_mu, &attr);
  log_block();
}

// A helper that locks only when told to: its caller, which holds the lock,
// passes false.
class Cache {
public:
  void put(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    size_ = k;
    evict(/*need_lock=*/false);
    trim(true);
  }
  void evict(bool need_lock = true) {
    if (need_lock)
      mu_.lock();
    size_ = 0;
    if (need_lock)
      mu_.unlock();
  }
  void trim(bool is_locked) {
    if (!is_locked) {
      std::lock_guard<std::mutex> lock(mu_);
      size_ /= 2;
      return;
    }
    size_ /= 2;
  }

private:
  std::mutex mu_;
  int size_ = 0;
};
