// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17
// Pairs that no path leaves locked: nothing between the lock and the unlock
// returns, jumps or throws by evidence. Not reported (strict mode reports
// them, see strict.cpp).
#include <mutex>
#include <stdexcept>

std::mutex mu;
int balance;
int history[16];

int clamp(int n) { return n < 0 ? 0 : n; }

void straight_line(int n) {
  mu.lock();
  balance += clamp(n);
  history[balance & 15] = n;
  mu.unlock();
}

void branches(int n) {
  mu.lock();
  if (n > 0)
    balance += n;
  else
    balance -= 1;
  for (int i = 0; i < 4; ++i) {
    if (history[i] == n)
      continue; // the loop's own continue: it stays inside the section
    history[i] = 0;
  }
  mu.unlock();
}

// The exception path is covered: the handler unlocks and rethrows.
int parse(int n) {
  if (n < 0)
    throw std::invalid_argument("negative");
  return n;
}

void covered(int n) {
  mu.lock();
  try {
    balance += parse(n);
  } catch (...) {
    mu.unlock();
    throw;
  }
  mu.unlock();
}

// An unlock of the caller's lock, then a try_lock loop that takes it back:
// the unlock comes first, so it is not the pair of the try_lock.
void yield_lock() {
  mu.unlock();
  while (!mu.try_lock()) {
  }
}

// A class with Lock()/Unlock() (leveldb's port::Mutex, absl::Mutex).
namespace port {
class Mutex {
public:
  void Lock();
  void Unlock();
};
} // namespace port

port::Mutex pmu;

void capitalised(int n) {
  pmu.Lock();
  balance += n;
  pmu.Unlock();
}
