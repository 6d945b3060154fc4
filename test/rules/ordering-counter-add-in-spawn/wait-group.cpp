// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

struct WaitGroup {
  void Add(int n);
  void Done();
  void Wait();
};
struct wait_group {
  void add(int n);
  void done();
  void wait();
};
class ThreadPool {
public:
  void submit(std::function<void()> f);
};
void work();

void threads_in_a_loop() {
  WaitGroup wg;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      wg.Add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside the spawned work: a wait on 'wg' can return before the work is counted [ordering-counter-add-in-spawn]
      // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work is spawned here
      work();
      wg.Done();
    });
  }
  wg.Wait();
  for (std::thread &t : threads)
    t.join();
}

// Not the first statement; the comment at the end of its line goes along.
void not_first(ThreadPool &pool) {
  WaitGroup wg;
  pool.submit([&] {
    work();
    wg.Add(1); // BUG: races with Wait
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Add(1)' runs inside
    wg.Done();
  });
  wg.Wait();
}

// A lone loop body gets braces.
void lone_loop_body(ThreadPool &pool, int n) {
  wait_group wg;
  for (int i = 0; i < n; ++i)
    pool.submit([&wg] {
      wg.add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.add(1)' runs inside
      work();
      wg.done();
    });
  wg.wait();
}

void one_line(ThreadPool &pool) {
  WaitGroup wg;
  for (int i = 0; i < 3; ++i) pool.submit([&] { wg.Add(1); work(); wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'wg.Add(1)' runs inside
  wg.Wait();
}

void in_a_branch(ThreadPool &pool, bool urgent) {
  WaitGroup wg;
  if (urgent)
    pool.submit([&] {
      wg.Add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside
      work();
      wg.Done();
    });
  else
    work();
  wg.Wait();
}

// A pointer stays a pointer; an init capture is spelled by its initializer.
void pointer(WaitGroup *pwg, ThreadPool &pool) {
  pool.submit([pwg] {
    pwg->Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pwg->Add(1)' runs inside the spawned work: a wait on 'pwg'
    work();
    pwg->Done();
  });
  pwg->Wait();
}

struct Batch {
  WaitGroup group;
};
void init_capture(ThreadPool &pool, Batch &batch) {
  pool.submit([&g = batch.group] {
    g.Add(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'g.Add(2)' runs inside
    work();
    g.Done();
    g.Done();
  });
  batch.group.Wait();
}

void thread_and_async(WaitGroup &wg, int n) {
  std::thread t([&wg, n] { wg.Add(n); work(); wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'wg.Add(n)' runs inside
  auto f = std::async(std::launch::async, [&] {
    wg.Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Add(1)' runs inside
    work();
    wg.Done();
  });
  wg.Wait();
  t.join();
}

// Through a smart pointer captured by copy: the same counter.
void shared_group(ThreadPool &pool) {
  auto group = std::make_shared<WaitGroup>();
  pool.submit([group] {
    group->Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'group->Add(1)' runs inside
    work();
    group->Done();
  });
  group->Wait();
}

// In a template, through its instantiations (the rewrite is made once).
template <class F> void for_each_async(std::vector<int> &items, F f) {
  WaitGroup wg;
  std::vector<std::thread> threads;
  for (int item : items)
    threads.emplace_back([&wg, &f, item] {
      wg.Add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Add(1)' runs inside
      f(item);
      wg.Done();
    });
  wg.Wait();
  for (std::thread &t : threads)
    t.join();
}
void use_for_each(std::vector<int> &items) {
  for_each_async(items, [](int) {});
  for_each_async(items, [](long) {});
}

// Two counters counted in by one body: both move, in one finding.
void two_counters(ThreadPool &pool) {
  WaitGroup started, finished;
  pool.submit([&] {
    started.Add(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'started.Add(1)' runs inside
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'finished.Add(1)' moves before the spawn as well
    work();
    finished.Add(1);
    started.Done();
    work();
    finished.Done();
  });
  started.Wait();
  finished.Wait();
}
