// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// The counterparts of negative.cpp's invariants, rethrows and checked
// holders: here the exception can really end the process.
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

template <typename T> class TryHolder {
public:
  TryHolder(T &v, std::mutex &m) : lock_(m, std::try_to_lock), value_(v) {}
  bool owns_lock() const noexcept { return lock_.owns_lock(); }
  T &operator*() const {
    if (!owns_lock())
      throw std::runtime_error("access without the lock");
    return value_;
  }

private:
  std::unique_lock<std::mutex> lock_;
  T &value_;
};

// The holder is used whether or not the lock was taken.
void unchecked_insert(std::vector<int> &ring, std::mutex &m, int v) {
  std::thread t([&ring, &m, v] {
    TryHolder<std::vector<int>> h(ring, m);
    (*h).push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'operator*' may throw, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
    // CHECK-MESSAGES: :17:7: note: the exception starts here: a throw expression
  });
  t.join();
}

// Tested, but the access runs when the lock was not taken.
void inverted_check(std::vector<int> &ring, std::mutex &m, int v) {
  std::thread t([&ring, &m, v] {
    TryHolder<std::vector<int>> h(ring, m);
    if (!h.owns_lock())
      (*h).push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'operator*' may throw, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
  });
  t.join();
}

// A throw on bad input, not an invariant.
int read_header(int fd);
void header_worker(int fd) {
  std::thread t([fd] {
    if (read_header(fd) < 0)
      throw std::runtime_error("bad header");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a throw expression, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
  });
  t.join();
}

// A helper's clean-up handler rethrows into the work, which does not catch.
int parse(const std::string &s) { return std::stoi(s); }
void cleanup();
int step(const std::string &s) {
  try {
    return parse(s);
  } catch (...) {
    cleanup();
    throw;
  }
}
void step_worker(const std::string &s) {
  std::thread t([s] { step(s); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'step' may throw, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: the exception starts here: a rethrow
  t.join();
}
