// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// A value kept with its mutex (dnsdist's LockGuarded, folly's Synchronized):
// `auto v = state.lock();` returns a holder whose guard member keeps the
// mutex locked for the holder's scope. Writes made while it lives are
// under the lock, also in a function called there; a write after the
// holder's scope, or with a holder that only tries, is not.
#include <mutex>
#include <string>
#include <thread>
#include <vector>

template <typename T> class LockedHolder {
public:
  LockedHolder(T &value, std::mutex &mutex) : lock_(mutex), value_(value) {}
  T *operator->() const noexcept { return &value_; }

private:
  std::lock_guard<std::mutex> lock_;
  T &value_;
};

template <typename T> class TryHolder {
public:
  TryHolder(T &value, std::mutex &mutex)
      : lock_(mutex, std::try_to_lock), value_(value) {}
  bool owns() const { return lock_.owns_lock(); }
  T *operator->() const noexcept { return &value_; }

private:
  std::unique_lock<std::mutex> lock_;
  T &value_;
};

template <typename T> class Locked {
public:
  LockedHolder<T> lock() { return LockedHolder<T>(value_, mutex_); }
  TryHolder<T> try_lock() { return TryHolder<T>(value_, mutex_); }

private:
  T value_;
  std::mutex mutex_;
};

struct Interpreter {
  void run(const std::string &) {}
};

Locked<Interpreter> interpreter;
std::vector<std::string> history;
std::string output;
long tries = 0;

// The caller holds the interpreter's lock.
static void record(const std::string &line) { history.push_back(line); }

void serve(std::string line) {
  {
    auto it = interpreter.lock();
    output.clear();
    it->run(line);
    record(line);
  }
  auto maybe = interpreter.try_lock();
  tries++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tries' is written by spawned work with no lock held, and the work is spawned in a loop, so several threads run it at once
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the spawning loop
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: fixed
}

void accept_all(const std::vector<std::string> &lines) {
  std::vector<std::thread> workers;
  for (const std::string &l : lines) {
    workers.emplace_back(serve, l);
  }
  for (std::thread &w : workers)
    w.join();
}
