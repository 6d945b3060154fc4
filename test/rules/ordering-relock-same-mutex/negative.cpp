// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// Correct code that takes one mutex more than once: nothing to report.
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <thread>

std::mutex m, other;
std::recursive_mutex rm;
std::condition_variable cv;
bool ready;
int n;

void sequential() {
  {
    std::lock_guard<std::mutex> a(m);
    ++n;
  }
  std::lock_guard<std::mutex> b(m);
  ++n;
}

void unlock_then_lock() {
  m.lock();
  ++n;
  m.unlock();
  m.lock();
  ++n;
  m.unlock();
}

void guard_unlocked() {
  std::unique_lock<std::mutex> lk(m);
  ++n;
  if (n > 3) {
    lk.unlock();
    std::lock_guard<std::mutex> again(m);
    ++n;
  }
}

void recursive() {
  std::lock_guard<std::recursive_mutex> a(rm);
  std::lock_guard<std::recursive_mutex> b(rm);
  ++n;
}

void checked_try() {
  std::lock_guard<std::mutex> a(m);
  if (m.try_lock()) {
    ++n;
    m.unlock();
  }
}

void deferred_and_adopted() {
  m.lock();
  std::lock_guard<std::mutex> adopt(m, std::adopt_lock);
  std::unique_lock<std::mutex> later(other, std::defer_lock);
  later.lock();
}

void waits() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  ++n;
}

// The lambda runs on another thread, after this function let go.
void spawns() {
  std::lock_guard<std::mutex> g(m);
  std::thread t([] {
    std::lock_guard<std::mutex> inner(m);
    ++n;
  });
  t.detach();
}

// Members of other objects are other mutexes.
struct Node {
  std::mutex mu;
  Node *next = nullptr;
  int v = 0;
  void bump() {
    std::lock_guard<std::mutex> g(mu);
    ++v;
  }
  void bump_next() {
    std::lock_guard<std::mutex> g(mu);
    if (next)
      next->bump();
  }
};

// A "Locked" helper that expects the caller's lock.
class Counter {
public:
  void add() {
    std::lock_guard<std::mutex> g(mu_);
    addLocked();
  }
  void add_moved() {
    std::unique_lock<std::mutex> g(mu_);
    hand_over(std::move(g));
    add();
  }

private:
  void addLocked() { ++count_; }
  void hand_over(std::unique_lock<std::mutex> lock) { lock.unlock(); }
  std::mutex mu_;
  int count_ = 0;
};

// A C mutex whose kind is not visible: it may be recursive.
pthread_mutex_t pm;
pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
void c_mutex() {
  pthread_mutex_lock(&pm);
  pthread_mutex_lock(&pm);
  pthread_mutex_unlock(&pm);
  pthread_mutex_unlock(&pm);
  pthread_mutex_lock(&plain);
  pthread_mutex_unlock(&plain);
  pthread_mutex_lock(&plain);
  pthread_mutex_unlock(&plain);
}
