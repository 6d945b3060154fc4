// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17
// Mutexes beyond std::mutex: classes with Lock()/Unlock() or
// ReaderLock()/ReaderUnlock(), C11 mtx_t, and sections a try-lock opens.
#include <mutex>
#include <stdexcept>

namespace port {
class Mutex {
public:
  void Lock();
  void Unlock();
  void ReaderLock();
  void ReaderUnlock();
};
} // namespace port

typedef struct { int opaque; } mtx_t;
enum { thrd_success = 0, thrd_busy = 1 };
extern "C" int mtx_lock(mtx_t *);
extern "C" int mtx_trylock(mtx_t *);
extern "C" int mtx_unlock(mtx_t *);

port::Mutex pmu;
mtx_t cmu;
std::mutex mu;
int value;

int checked(int n) {
  if (n < 0)
    throw std::out_of_range("n");
  return n;
}

bool capitalised(int n) {
  pmu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pmu' is locked with Lock() and unlocked by hand: a return in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the standard guards call lock() and unlock(), which 'port::Mutex' does not have
  if (n < 0)
    return false;
  value = n;
  pmu.Unlock();
  return true;
}

int reader(int n) {
  pmu.ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pmu' is locked with ReaderLock() and unlocked by hand: an exception in between leaves it locked ('checked' may throw)
  // CHECK-MESSAGES: :[[@LINE+1]]:11: note: 'pmu' stays locked when this throws
  int v = checked(value + n);
  pmu.ReaderUnlock();
  return v;
}

bool c11(int n) {
  mtx_lock(&cmu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cmu' is locked with mtx_lock() and unlocked by hand: a return in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: a C mutex has no standard guard
  if (n < 0)
    return false;
  value = n;
  mtx_unlock(&cmu);
  return true;
}

bool tried(int n) {
  if (mu.try_lock()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mu' is locked with try_lock() and unlocked by hand: a return in between leaves it locked
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: not rewritten: the mutex is only tried
    if (n < 0)
      return false;
    value = n;
    mu.unlock();
  }
  return true;
}

bool c11_tried(int n) {
  if (mtx_trylock(&cmu) != thrd_success)
    return false;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'cmu' is locked with mtx_trylock() and unlocked by hand: a throw in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: not rewritten: the mutex is only tried
  if (n < 0)
    throw std::invalid_argument("n");
  value = n;
  mtx_unlock(&cmu);
  return true;
}

// Tried and released at once, or with nothing that leaves: silent.
bool probe() {
  if (mu.try_lock()) {
    mu.unlock();
    return false;
  }
  return true;
}

void tried_quietly(int n) {
  if (mtx_trylock(&cmu) == 0) {
    value = n;
    mtx_unlock(&cmu);
  }
}
