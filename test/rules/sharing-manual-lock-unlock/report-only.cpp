// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
#include <mutex>
#include <pthread.h>

pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
std::timed_mutex tmu;
int value;

void c_style(int n) {
  pthread_mutex_lock(&pmu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pmu' is locked with pthread_mutex_lock() and unlocked by hand
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: a C mutex has no standard guard
  if (n < 0)
    return;
  value = n;
  pthread_mutex_unlock(&pmu);
  pthread_mutex_lock(&pmu);
  ++value;
  pthread_mutex_unlock(&pmu);
}

bool tried(int n) {
  if (!tmu.try_lock())
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'tmu' is locked with try_lock() and unlocked by hand
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: not rewritten: the mutex is only tried
    return false;
  value = n;
  tmu.unlock();
  return true;
}

// A pthread lock helper: no unlock in the function, nothing to report.
void c_acquire() { pthread_mutex_lock(&pmu); }
void c_release() { pthread_mutex_unlock(&pmu); }

// A try_lock helper.
bool try_acquire() { return tmu.try_lock(); }
