// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17
// Correct concurrent code: nothing to report.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

std::mutex mu;
int value;
void work();

// Lock and unlock wrappers: each function holds only one half.
class Resource {
public:
  void lock() { mu_.lock(); }
  void unlock() { mu_.unlock(); }
  bool try_lock() { return mu_.try_lock(); }

private:
  std::mutex mu_;
};

// A helper that returns with the lock held (its caller unlocks); the unlock
// on the error path does not make it a critical section of its own.
bool closed;
void acquire() {
  mu.lock();
  if (closed) {
    mu.unlock();
    throw std::runtime_error("closed");
  }
}

// Releases a lock its caller holds, and takes it back.
void without_lock() {
  mu.unlock();
  work();
  mu.lock();
}

// RAII guards, including a unique_lock unlocked and relocked by hand.
std::condition_variable cv;
void guards() {
  {
    std::lock_guard<std::mutex> guard(mu);
    ++value;
  }
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk, [] { return value > 0; });
  lk.unlock();
  work();
  lk.lock();
  --value;
}

void deferred(std::mutex &a, std::mutex &b) {
  std::unique_lock<std::mutex> la(a, std::defer_lock);
  std::unique_lock<std::mutex> lb(b, std::defer_lock);
  std::lock(la, lb);
  ++value;
}

void adopted(std::mutex &a, std::mutex &b) {
  std::lock(a, b);
  std::lock_guard<std::mutex> ga(a, std::adopt_lock);
  std::lock_guard<std::mutex> gb(b, std::adopt_lock);
  ++value;
}

// lock() of something that is not a mutex.
void weak(std::weak_ptr<int> w) {
  if (std::shared_ptr<int> p = w.lock())
    value = *p;
}

// A reader lock held by a guard.
std::shared_mutex smu;
int read() {
  std::shared_lock<std::shared_mutex> lock(smu);
  return value;
}

// Generic code over the mutex type: not rewritten (the lock and unlock are
// dependent calls).
template <class M> void generic(M &m) {
  m.lock();
  ++value;
  m.unlock();
}
void use_generic() { generic(mu); }
