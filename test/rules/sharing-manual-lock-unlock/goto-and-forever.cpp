// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17
// Exits that a path walk must follow to the end: a goto leaves the section
// locked only when it runs while the mutex is held and lands outside it (or
// past the unlock); a `for (;;)` ends only by its breaks.
#include <cstddef>
#include <list>
#include <mutex>
#include <string>

std::mutex mu;
int max_sockets, io_threads, value;
std::list<std::string> files;

int check(const std::string &file) { return static_cast<int>(file.size()); }

// The options are read under the lock; every goto comes after the unlock
// (the error exits of a start() that allocates).
bool start(int *slots) {
  mu.lock();
  const int sockets = max_sockets;
  const int ios = io_threads;
  mu.unlock();
  if (sockets + ios <= 0)
    goto fail;
  slots[0] = sockets + ios;
  return true;
fail:
  return false;
}

// A goto forward inside the section, to the unlock.
void skip_to_unlock(int n) {
  mu.lock();
  if (n < 0)
    goto out;
  value = n;
out:
  mu.unlock();
}

// A worker that takes the next file under the lock; the loop leaves only by
// the break, which unlocks first, and the return follows it.
int worker() {
  int result = 0;
  mu.lock();
  for (;;) {
    if (files.empty()) {
      mu.unlock();
      break;
    }
    std::string file = files.front();
    files.pop_front();
    mu.unlock();
    result += check(file);
    mu.lock();
    ++value;
  }
  return result;
}

// The same worker with a while (true) loop.
int worker_while() {
  int result = 0;
  mu.lock();
  while (true) {
    if (files.empty()) {
      mu.unlock();
      break;
    }
    files.pop_front();
    mu.unlock();
    ++result;
    mu.lock();
  }
  return result;
}

// A goto that jumps past the unlock, to a return with the mutex held.
bool leaves_by_goto(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: a return in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the function uses goto
  if (n < 0)
    goto fail;
  value = n;
  mu.unlock();
  return true;
fail:
  return false;
}

// A forever loop whose break leaves with the mutex held.
int breaks_held() {
  int result = 0;
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: a return in between leaves it locked
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: 'mu' stays locked when this returns
  for (;;) {
    if (files.empty())
      break;
    files.pop_front();
    mu.unlock();
    ++result;
    mu.lock();
  }
  return result;
}
