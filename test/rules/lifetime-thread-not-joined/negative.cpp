// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Threads that are joined or detached on every path, handed on, or that
// join themselves: nothing to report.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

void work();
void risky();
int twice(int v) { return 2 * v; }

void joined_on_every_path(bool fast) {
  std::thread t(work);
  if (fast) {
    t.join();
    return;
  }
  int v = twice(3); // visibly does not throw
  std::printf("%d\n", v);
  t.join();
}

void detached() {
  std::thread t(work);
  t.detach();
}

void detached_temporary() { std::thread(work).detach(); }

std::thread returned() {
  std::thread t(work);
  return t;
}

void moved_into_container(std::vector<std::thread> &pool) {
  std::thread t(work);
  pool.push_back(std::move(t));
}

void join_thread(std::thread &t) {
  if (t.joinable())
    t.join();
}

void joined_by_helper(bool early) {
  std::thread t(work);
  if (early) {
    join_thread(t);
    return;
  }
  join_thread(t);
}

void joinable_check() {
  std::thread t;
  if (std::rand() % 2)
    t = std::thread(work);
  if (t.joinable())
    t.join();
}

void not_started() {
  std::thread t;
  std::printf("%d\n", t.joinable() ? 1 : 0);
}

void exception_caught_in_scope() {
  std::thread t(work);
  try {
    risky();
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

void exits_the_process(bool bad) {
  std::thread t(work);
  if (bad)
    std::exit(1); // no destructor runs
  t.join();
}

void swapped(std::thread &out) {
  std::thread t(work);
  t.swap(out);
}

void jthread_joins_itself(bool early) {
  std::jthread t(work);
  if (early)
    return;
}

void loop_joined_each_iteration(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t([i] { std::printf("%d\n", i); });
    if (i == 3) {
      t.join();
      break;
    }
    t.join();
  }
}

// A member joined in the destructor, directly or through stop().
class Poller {
public:
  Poller() : th_([this] { poll(); }) {}
  ~Poller() {
    if (th_.joinable())
      th_.join();
  }

private:
  void poll() {}
  std::thread th_;
};

class Service {
public:
  void start() { th_ = std::thread([] { work(); }); }
  void stop() {
    std::lock_guard<std::mutex> lock(mu_);
    if (th_.joinable())
      th_.join();
  }
  ~Service() { stop(); }

private:
  std::mutex mu_;
  std::thread th_;
};

// No destructor, but the owner joins it: whoever does is trusted.
struct Task {
  std::thread th;
  void start() { th = std::thread(work); }
};
void run_task() {
  Task t;
  t.start();
  t.th.join();
}

// A member never started here.
struct Holder {
  std::thread th;
};

// A singleton created with new and leaked on purpose: its destructor never
// runs, so its thread never terminates the process.
struct InputThread {
  InputThread() : thr(run, this) {}
  static void run(InputThread *self) { (void)self; }
  static InputThread &instance() {
    static InputThread *input = new InputThread();
    return *input;
  }
  std::thread thr;
};

// An exception path counts only with evidence: a call that visibly cannot
// throw between the spawn and the join.
void no_throw_between() {
  std::thread t(work);
  int v = twice(2);
  std::printf("%d\n", v);
  t.join();
}

// An RAII joiner built on the handle before the thread starts.
struct thread_guard {
  std::thread &t;
  ~thread_guard() {
    if (t.joinable())
      t.join();
  }
};
void guarded(bool early) {
  std::thread t;
  thread_guard g{t};
  t = std::thread(work);
  if (early)
    return;
}

// The joiner is built in a lambda that captures the handle by reference:
// the lambda's body hands out a reference to it before the thread starts.
thread_guard guard_of(std::thread &t) { return thread_guard{t}; }
void guarded_in_lambda(bool early) {
  std::thread t;
  auto make = [&] { return guard_of(t); };
  thread_guard g = make();
  t = std::thread(work);
  if (early)
    return;
}

// A lambda that does not capture the handle takes its address in an
// init-capture, which runs where the lambda is written.
void guarded_by_init_capture(bool early) {
  std::thread t;
  auto joiner = [p = &t] {
    if (p->joinable())
      p->join();
  };
  struct at_exit {
    decltype(joiner) &f;
    ~at_exit() { f(); }
  } e{joiner};
  t = std::thread(work);
  if (early)
    return;
}
