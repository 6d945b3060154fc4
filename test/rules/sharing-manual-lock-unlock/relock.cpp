// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
#include <mutex>
#include <vector>

std::mutex mu;
std::vector<int> queue;
int handled;

void slow_io(int);

// Two critical sections on one mutex in one block: one guard, relocked.
void process() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  int item = queue.back();
  queue.pop_back();
  mu.unlock();
  slow_io(item);
  mu.lock();
  ++handled;
  mu.unlock();
}

// Unlocked for slow work inside a loop, locked again before the next round.
void drain() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  while (!queue.empty()) {
    int item = queue.back();
    queue.pop_back();
    mu.unlock();
    slow_io(item);
    mu.lock();
  }
  mu.unlock();
}

// Locked in a nested block whose unlock is not the last statement.
void nested(bool flag) {
  if (flag) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock() and unlocked by hand
    ++handled;
    mu.unlock();
    slow_io(handled);
  }
}

// Two mutexes held at once: each guard gets its own name.
std::mutex other;
void both() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  other.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'other' is locked with lock() and unlocked by hand
  ++handled;
  other.unlock();
  mu.unlock();
}

// The name 'lock' is taken.
void name_taken(int lock) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  handled += lock;
  mu.unlock();
}

// The calls cast to void.
void cast_to_void(int n) {
  (void)mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'mu' is locked with lock() and unlocked by hand
  if (n < 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'mu' stays locked when this returns
  handled += n;
  (void)mu.unlock();
}
