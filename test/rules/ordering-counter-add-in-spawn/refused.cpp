// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
// Reported, but not rewritten: the file stays as it is.
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

struct WaitGroup {
  void Add(int n);
  void Done();
  void Wait();
};
// Copyable, so that a by-copy capture compiles (and counts a copy).
struct CopyableWaitGroup {
  std::shared_ptr<int> state;
  void Add(int n);
  void Done();
  void Wait();
};
class ThreadPool {
public:
  void submit(std::function<void()> f);
};
void work();
int batch_size();

void conditional(ThreadPool &pool, bool urgent) {
  WaitGroup wg;
  pool.submit([&] {
    if (urgent)
      wg.Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: not rewritten: 'wg.Add(1)' is conditional: it does not run on every path of the spawned body
    work();
    wg.Done();
  });
  wg.Wait();
}

void in_a_loop_of_the_body(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] {
    for (int i = 0; i < 3; ++i) {
      wg.Add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: not rewritten: 'wg.Add(1)' is inside a loop of the spawned body
      work();
      wg.Done();
    }
  });
  wg.Wait();
}

void after_an_early_return(ThreadPool &pool, bool skip) {
  WaitGroup wg;
  pool.submit([&] {
    if (skip)
      return;
    wg.Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Add(1)' runs inside
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the body can leave before 'wg.Add(1)' (line [[@LINE-3]]), so it does not always run
    work();
    wg.Done();
  });
  wg.Wait();
}

void lambda_parameter() {
  WaitGroup wg;
  std::thread t([&](int n) { wg.Add(n); work(); wg.Done(); }, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'wg.Add(n)' runs inside
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: not rewritten: 'n' is a parameter of the spawned lambda, so the increment cannot run before the spawn
  wg.Wait();
  t.join();
}

void body_local(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] {
    int parts = batch_size();
    wg.Add(parts);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Add(parts)' runs inside
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: 'parts' is declared inside the spawned body
    work();
    wg.Done();
  });
  wg.Wait();
}

void amount_from_a_call(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] { wg.Add(batch_size()); work(); wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'wg.Add(batch_size())' runs inside
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: not rewritten: 'batch_size()' has side effects or calls a function
  wg.Wait();
}

void captured_by_copy(ThreadPool &pool) {
  CopyableWaitGroup wg;
  pool.submit([=]() mutable { wg.Add(1); work(); wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'wg.Add(1)' runs inside
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: not rewritten: the lambda captures 'wg' by copy, so the body counts on a copy, not the counter the spawning code waits on; a copied counter is a bug of its own
  wg.Wait();
}

struct Job {
  CopyableWaitGroup wg;
  void start(ThreadPool &pool) {
    pool.submit([*this]() mutable { wg.Add(1); work(); wg.Done(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'wg.Add(1)' runs inside
    // CHECK-MESSAGES: :[[@LINE-2]]:37: note: not rewritten: the lambda captures '*this' by copy
    wg.Wait();
  }
};

void inside_try(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] {
    try {
      wg.Add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: not rewritten: 'wg.Add(1)' is inside a try block
      work();
    } catch (...) {
    }
    wg.Done();
  });
  wg.Wait();
}

void spawn_on_one_branch(ThreadPool &pool, bool b) {
  WaitGroup wg;
  b ? pool.submit([&] { wg.Add(1); work(); wg.Done(); }) : work();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'wg.Add(1)' runs inside
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: not rewritten: the spawn runs on one branch of a '?:' expression
  wg.Wait();
}

#define COUNT_IN(w) (w).Add(1)
void in_a_macro(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] { COUNT_IN(wg); work(); wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'COUNT_IN(wg)' runs inside
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: not rewritten: the code is inside a macro expansion
  wg.Wait();
}

void suppressed(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] {
    wg.Add(1); // NOLINT(ordering-counter-add-in-spawn)
    work();
    wg.Done();
  });
  wg.Wait();
}
