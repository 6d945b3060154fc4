// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// Condition-variable wrappers whose set-up only builds the wait's lock (from
// a getter defined in another file, with adopt_lock) or whose result goes
// to a check that aborts on an error: each is the wait itself, and its
// callers loop. Wrappers that do more than wait are still reported.
#include <cassert>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <pthread.h>
#include <ctime>

// A mutex whose implementation is reached through a getter defined in
// another file (thrift's concurrency::Mutex).
class Mutex {
public:
  void lock() const;
  void unlock() const;
  void *getUnderlyingImpl() const;
};

class Monitor {
public:
  explicit Monitor(Mutex *mutex) : mutex_(mutex) {}

  // Returns 0 when notified, ETIMEDOUT on a timeout.
  int waitForTimeRelative(const std::chrono::milliseconds &timeout) {
    if (timeout.count() == 0)
      return waitForever();
    assert(mutex_);
    auto *impl = static_cast<std::timed_mutex *>(mutex_->getUnderlyingImpl());
    assert(impl);
    std::unique_lock<std::timed_mutex> lock(*impl, std::adopt_lock);
    bool timedout =
        cv_.wait_for(lock, timeout) == std::cv_status::timeout;
    lock.release();
    return timedout ? ETIMEDOUT : 0;
  }

  int waitForever() {
    assert(mutex_);
    auto *impl = static_cast<std::timed_mutex *>(mutex_->getUnderlyingImpl());
    std::unique_lock<std::timed_mutex> lock(*impl, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
    return 0;
  }

  void notify() { cv_.notify_one(); }

private:
  Mutex *mutex_;
  std::condition_variable_any cv_;
};

// A wait whose result is checked by a helper that aborts on an error
// (rocksdb's port::CondVar).
static int PthreadCall(const char *label, int result) {
  if (result != 0 && result != ETIMEDOUT) {
    fprintf(stderr, "pthread %s: %d\n", label, result);
    abort();
  }
  return result;
}

class PortMutex {
public:
  void Lock() { PthreadCall("lock", pthread_mutex_lock(&mu_)); }
  void Unlock() { PthreadCall("unlock", pthread_mutex_unlock(&mu_)); }

private:
  friend class CondVar;
  pthread_mutex_t mu_;
};

class CondVar {
public:
  explicit CondVar(PortMutex *mu) : mu_(mu) {
    PthreadCall("init cv", pthread_cond_init(&cv_, nullptr));
  }
  void Wait() { PthreadCall("wait", pthread_cond_wait(&cv_, &mu_->mu_)); }
  // Returns true on a timeout.
  bool TimedWait(long long abs_time_us) {
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(abs_time_us / 1000000);
    ts.tv_nsec = static_cast<long>((abs_time_us % 1000000) * 1000);
    int err = pthread_cond_timedwait(&cv_, &mu_->mu_, &ts);
    if (err == ETIMEDOUT)
      return true;
    if (err != 0)
      PthreadCall("timedwait", err);
    return false;
  }
  void Signal() { PthreadCall("signal", pthread_cond_signal(&cv_)); }

private:
  pthread_cond_t cv_;
  PortMutex *mu_;
};

// A wrapper with instrumentation hooks that are compiled out (empty
// bodies), as a portability layer has them.
struct instr_cond {
  int op = 0;
};
struct my_cond {
  pthread_cond_t pcond;
};
struct my_mutex {
  pthread_mutex_t pmutex;
};
inline void instr_wait_start(instr_cond &, int, my_cond &, my_mutex &,
                             const char *, int) {}
inline void instr_wait_end(instr_cond &, int) {}
inline void my_cond_wait(my_cond *cond, my_mutex *mutex, const char *file,
                         int line) {
  instr_cond instr;
  instr_wait_start(instr, 1, *cond, *mutex, file, line);
  const int r = pthread_cond_wait(&cond->pcond, &mutex->pmutex);
  instr_wait_end(instr, r);
  assert(r == 0);
}

// Still reported: the helper that checks the result also changes shared
// state, and the getter's result does more than build the lock.
int failures;
static int CountingCall(int result) {
  if (result != 0)
    ++failures;
  return result;
}

int last_wait_result;
inline void record_wait_end(int r) { last_wait_result = r; }
void counted_cond_wait(my_cond *cond, my_mutex *mutex) {
  const int r = pthread_cond_wait(&cond->pcond, &mutex->pmutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'pthread_cond_wait(&cond->pcond, &mutex->pmutex)' waits without a predicate and its result is taken as the reason it woke
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: not rewritten: the condition this waits for is not visible
  record_wait_end(r);
}

class Queue {
public:
  void WaitCounted() {
    CountingCall(pthread_cond_wait(&cv_, &mu_));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'pthread_cond_wait(&cv_, &mu_)' waits without a predicate and its result is taken as the reason it woke: a spurious wake-up returns too, with nothing changed
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: not rewritten: the condition this waits for is not visible
  }
  int Pop() {
    auto *impl = static_cast<std::timed_mutex *>(mutex_->getUnderlyingImpl());
    std::unique_lock<std::timed_mutex> lock(*impl, std::adopt_lock);
    cv_any_.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv_any_.wait(lock)' waits without a predicate and no loop re-checks a condition after it: a spurious or stolen wake-up runs on as if notified
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the condition this waits for is not visible
    int v = items_.front();
    items_.pop_front();
    lock.release();
    return v;
  }

private:
  pthread_mutex_t mu_;
  pthread_cond_t cv_;
  Mutex *mutex_;
  std::condition_variable_any cv_any_;
  std::deque<int> items_;
};
