// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
#include <mutex>

std::mutex mu;
int value;
void work();

// The unlock after the block: a guard in the block would release too early.
void unlocked_outside(bool flag) {
  {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock() and unlocked by hand
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: 'mu' can still be locked when the block ends; a guard declared here would release it too early
    ++value;
  }
  work();
  mu.unlock();
}

// Unlocked only on one branch, then kept to the block's end.
void conditional_unlock(bool flag) {
  if (flag) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock()
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: 'mu' can still be locked when the block ends
    if (value > 0)
      mu.unlock();
  }
  work();
}

// Unlocked twice on one path.
void unlock_twice(bool flag) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'mu' may not be locked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'mu' is unlocked on a path where it may not be locked
  if (flag)
    mu.unlock();
  mu.unlock();
}

// The lock state differs between iterations.
void loop_changes(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the loop starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: whether 'mu' is held changes from one iteration of the loop to the next
  for (int i = 0; i < n; ++i) {
    if (i == 3)
      mu.unlock();
  }
  value = n;
}

// goto in the function: it jumps past the unlock.
void with_goto(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: a goto in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the function uses goto
  if (n < 0)
    goto out;
  value = n;
  mu.unlock();
out:
  ++value;
}

// The unlock is part of an expression.
bool in_expression(bool flag) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+2]]:11: note: 'mu' is locked or unlocked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: a lock or unlock of 'mu' is part of a larger statement or expression
  return (mu.unlock(), flag);
}

// A switch with the unlock in one case.
void in_switch(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'mu' is locked or unlocked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: a lock or unlock of 'mu' is part of a larger statement
  switch (n) {
  case 0:
    mu.unlock();
    return;
  default:
    break;
  }
  mu.unlock();
}

// The mutex handed to a function in between.
void release_later(std::mutex &m);
void handed_over() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+3]]:19: note: 'mu' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'mu' is used other than by lock() and unlock()
  if (value < 0) {
    release_later(mu);
    return;
  }
  mu.unlock();
}

// Adopted by another guard.
void adopted() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+3]]:35: note: 'mu' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'mu' is used other than by lock() and unlock()
  if (value < 0) {
    std::lock_guard<std::mutex> g(mu, std::adopt_lock);
    return;
  }
  mu.unlock();
}

// A helper of this file that unlocks the mutex.
void release_and_log() { mu.unlock(); }
void helper_unlocks() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'release_and_log' locks or unlocks 'mu'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: a function called while the guard would exist locks or unlocks 'mu' itself
  if (value < 0) {
    release_and_log();
    return;
  }
  mu.unlock();
}

// The pointer to the mutex changes before the unlock.
struct Node {
  std::mutex mu;
  Node *next = nullptr;
};
void walk(Node *n) {
  n->mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n->mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'n' may change here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'n' may point elsewhere by the time of the unlock
  work();
  n = n->next;
  n->mu.unlock();
}

// The lock is not a statement of its own block.
void conditional_lock(bool flag) {
  if (flag)
    mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the lock is not a statement of its own in a block
  work();
  if (flag)
    mu.unlock();
}

// Locked again while held.
std::recursive_mutex rmu;
void nested_recursive() {
  rmu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rmu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'rmu' may already be locked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'rmu' is locked again on a path where it is already held
  rmu.lock();
  ++value;
  rmu.unlock();
  rmu.unlock();
}

// The mutex used inside a lambda.
void in_lambda() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: 'mu' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'mu' is used other than by lock() and unlock()
  auto release = [] { mu.unlock(); };
  if (value < 0) {
    release();
    return;
  }
  mu.unlock();
}

// Inside a macro.
#define LOCKED(m, stmt) do { m.lock(); stmt; m.unlock(); } while (0)
void in_macro() {
  LOCKED(mu, ++value);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the code is inside a macro expansion
}

void suppressed() {
  mu.lock(); // NOLINT(sharing-manual-lock-unlock)
  ++value;
  mu.unlock();
}

// The loop is left with the mutex held on purpose; it is unlocked after it.
bool done();
void leave_loop_locked() {
  while (true) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock()
    // CHECK-MESSAGES: :[[@LINE+8]]:3: note: 'mu' is unlocked here, outside the block that locks it
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: 'mu' is also unlocked outside the block, so some path leaves the block with it locked on purpose
    if (done())
      break;
    mu.unlock();
    work();
  }
  ++value;
  mu.unlock();
}

// A catch handler unlocks when the critical section throws.
void unlock_in_handler() {
  try {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock()
    // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'mu' is unlocked here, outside the block that locks it
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: 'mu' is also unlocked outside the block
    work();
    mu.unlock();
  } catch (...) {
    mu.unlock();
    throw;
  }
}
