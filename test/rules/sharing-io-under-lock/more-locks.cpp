// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// Locks beyond std::mutex: Lock()/Unlock() classes, guards that take a
// pointer, C11 mtx_t, sections a try-lock opens; and the blocking reads
// of <cstdio>.
#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace port {
class Mutex {
public:
  void Lock();
  void Unlock();
};
} // namespace port

class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};

typedef struct { int opaque; } mtx_t;
extern "C" int mtx_lock(mtx_t *);
extern "C" int mtx_unlock(mtx_t *);

class Table {
public:
  void refresh() {
    MutexLock l(&mu_);
    ++version_;
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'mu_' is held
  }
  void refresh_by_hand() {
    mu_.Lock();
    usleep(10);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'usleep' blocks while 'mu_' is held
    ++version_;
    mu_.Unlock();
  }

private:
  port::Mutex mu_;
  int version_ = 0;
};

mtx_t cmu;
std::mutex mu;
int chars;

void c11() {
  mtx_lock(&cmu);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'cmu' is held
  ++chars;
  mtx_unlock(&cmu);
}

void count(FILE *in) {
  std::lock_guard<std::mutex> lock(mu);
  ++chars;
  int c = getc(in);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'getc' blocks while 'mu' is held
  chars += c;
}

void tried() {
  if (mu.try_lock()) {
    ++chars;
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'mu' is held
    mu.unlock();
  }
}

// A section that is only output (to a file: console output is not
// blocking), on a mutex that also guards state elsewhere: reported, but the
// output stays together.
void report(FILE *log) {
  std::lock_guard<std::mutex> lock(mu);
  std::fputs("chars:\n", log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fputs' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does only input/output
  std::fprintf(log, "  total\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fprintf' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does only input/output
}

// Above the lock, the call would also run when the try fails.
void tried_first() {
  if (mu.try_lock()) {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'mu' is held
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the section runs only when a try-lock succeeds
    ++chars;
  }
}
