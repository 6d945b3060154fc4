// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// Waits whose wake-up something re-checks, although not in a loop around
// the wait itself: each is correct and stays silent.
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <sys/time.h>

// A dequeue that checks for an empty queue itself and returns "nothing"
// into a loop that waits again.
class WorkQueue {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(v);
    cv_.notify_one();
  }
  void serve() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock);
      std::optional<int> item = take();
      if (!item)
        continue;
      lock.unlock();
      handle(*item);
    }
  }
  void drain() {
    std::unique_lock<std::mutex> lock(mu_);
    while (open_) {
      cv_.wait(lock);
      while (take()) {
      }
    }
  }

private:
  std::optional<int> take() {
    if (items_.empty())
      return std::nullopt;
    int v = items_.front();
    items_.pop_front();
    return v;
  }
  void handle(int) {}
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> items_;
  bool open_ = true;
};

// A blocking pop that gives "nothing" when woken with nothing to give; its
// caller loops.
std::mutex m;
std::condition_variable cv;
std::deque<std::function<void()>> tasks;
bool stopping;

std::function<void()> next_task() {
  std::unique_lock<std::mutex> lock(m);
  if (tasks.empty() && !stopping)
    cv.wait(lock);
  if (tasks.empty())
    return nullptr;
  std::function<void()> t = std::move(tasks.front());
  tasks.pop_front();
  return t;
}
std::function<void()> next_task_bare() {
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock);
  if (tasks.empty())
    return nullptr;
  std::function<void()> t = std::move(tasks.front());
  tasks.pop_front();
  return t;
}
void worker() {
  while (!stopping)
    if (std::function<void()> t = next_task())
      t();
}

// The re-check after the `if` sends the loop back to wait.
void worker_continue() {
  for (;;) {
    std::unique_lock<std::mutex> lock(m);
    if (tasks.empty())
      cv.wait(lock);
    if (tasks.empty())
      continue;
    std::function<void()> t = std::move(tasks.front());
    tasks.pop_front();
    lock.unlock();
    t();
  }
}

// A timer loop: after every wake-up it reads the clock and runs what is due.
std::multimap<std::chrono::steady_clock::time_point, std::function<void()>>
    timers;
bool timers_stop;
void timer_loop() {
  std::unique_lock<std::mutex> lock(m);
  while (!timers_stop) {
    if (timers.empty())
      cv.wait(lock);
    else
      cv.wait_until(lock, timers.begin()->first);
    auto now = std::chrono::steady_clock::now();
    while (!timers.empty() && timers.begin()->first <= now) {
      std::function<void()> f = std::move(timers.begin()->second);
      timers.erase(timers.begin());
      f();
    }
  }
}

// Condition-variable wrappers: the function is the wait, returning its raw
// result, and its callers loop.
class CondVar {
public:
  explicit CondVar(pthread_mutex_t *mu) : mu_(mu) {
    pthread_cond_init(&cv_, nullptr);
  }
  ~CondVar() { pthread_cond_destroy(&cv_); }
  void Wait() { pthread_cond_wait(&cv_, mu_); }
  // Returns true on a timeout.
  bool TimedWait(long long abs_time_us) {
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(abs_time_us / 1000000);
    ts.tv_nsec = static_cast<long>((abs_time_us % 1000000) * 1000);
    int err = pthread_cond_timedwait(&cv_, mu_, &ts);
    if (err == ETIMEDOUT)
      return true;
    return false;
  }
  int WaitFor(int millis) {
    struct timeval now;
    gettimeofday(&now, nullptr);
    struct timespec ts;
    ts.tv_sec = now.tv_sec + millis / 1000;
    ts.tv_nsec = now.tv_usec * 1000 + (millis % 1000) * 1000000L;
    return pthread_cond_timedwait(&cv_, mu_, &ts);
  }
  void Signal() { pthread_cond_signal(&cv_); }

private:
  pthread_cond_t cv_;
  pthread_mutex_t *mu_;
};

// A wrapper over a caller's mutex that chooses how to wait by its timeout
// parameter and returns why it woke through errno (libzmq's
// condition_variable_t::wait).
class condition_variable_t {
public:
  int wait(std::mutex *mutex_, int timeout_) {
    // the caller holds mutex_
    int res = 0;
    if (timeout_ == -1) {
      _cv.wait(*mutex_);
    } else if (_cv.wait_for(*mutex_, std::chrono::milliseconds(timeout_)) ==
               std::cv_status::timeout) {
      errno = EAGAIN;
      res = -1;
    }
    return res;
  }
  void broadcast() { _cv.notify_all(); }

private:
  std::condition_variable_any _cv;
};

class Event {
public:
  bool wait_for(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, d) == std::cv_status::no_timeout;
  }
  void notify() { cv_.notify_all(); }

private:
  std::mutex mu_;
  std::condition_variable cv_;
};

// A receive that waits for its handler with a timeout, takes a timeout as
// "nothing received", and then tests the flag again, waiting for the
// handler when it has not run: a spurious wake-up ends up there too.
void start_receive(std::function<void(int)> handler);
int receive_with_timeout(int seconds) {
  int received = 0;
  bool done = false;
  std::condition_variable arrived;
  std::mutex arrived_mutex;
  start_receive([&](int n) {
    std::unique_lock<std::mutex> l(arrived_mutex);
    received = n;
    done = true;
    arrived.notify_all();
  });
  {
    std::unique_lock<std::mutex> l(arrived_mutex);
    if (!done && arrived.wait_for(l, std::chrono::seconds(seconds)) ==
                     std::cv_status::timeout)
      received = 0;
  }
  std::unique_lock<std::mutex> l(arrived_mutex);
  while (!done)
    arrived.wait(l);
  return received;
}
