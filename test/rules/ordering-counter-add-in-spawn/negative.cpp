// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
// Correct code and counters that are not waited on: no finding.
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

struct WaitGroup {
  void Add(int n);
  void Done();
  void Wait();
};
class ThreadPool {
public:
  void submit(std::function<void()> f);
};
void work();

// The correct shape: count in before the spawn, count out inside.
void add_before_spawn(ThreadPool &pool) {
  WaitGroup wg;
  for (int i = 0; i < 4; ++i) {
    wg.Add(1);
    pool.submit([&] {
      work();
      wg.Done();
    });
  }
  wg.Wait();
}

// Statistics: incremented in the body, never counted down or waited on.
std::atomic<long> handled{0};
void statistics(ThreadPool &pool) {
  std::atomic<int> local_hits{0};
  pool.submit([&] {
    work();
    handled.fetch_add(1);
    ++local_hits;
  });
}

// A ticket: the body uses the value, nothing counts it down or waits.
void tickets(ThreadPool &pool) {
  std::atomic<int> next{0};
  pool.submit([&] {
    int id = next.fetch_add(1);
    (void)id;
  });
}

// A running task that counts in a child before spawning it: correct for
// the child (the parent was counted in by its own spawner).
void counts_children(ThreadPool &pool, WaitGroup &wg) {
  wg.Add(1);
  pool.submit([&] {
    wg.Add(1);
    pool.submit([&] {
      work();
      wg.Done();
    });
    wg.Done();
  });
  wg.Wait();
}

// A lambda that is called, not spawned.
void not_spawned() {
  WaitGroup wg;
  auto count_in = [&] { wg.Add(1); };
  count_in();
  std::thread t([&] { work(); wg.Done(); });
  wg.Wait();
  t.join();
}

// Atomics that are not integers.
void pointer_atomic(ThreadPool &pool, int *items) {
  std::atomic<int *> cursor{items};
  pool.submit([&] {
    ++cursor;
    --cursor;
  });
}

// A class that is not a counter, with a method named Add.
struct Matrix {
  void Add(int);
};
void not_a_counter() {
  Matrix m;
  std::thread t([&] { m.Add(1); });
  t.join();
}

// A completion count: incremented when the work ends, waited on until it
// reaches the total, never counted down. Correct as it is.
void completion_count(ThreadPool &pool, int n) {
  std::atomic<int> done{0};
  for (int i = 0; i < n; ++i)
    pool.submit([&] {
      work();
      done.fetch_add(1);
    });
  while (done.load() < n)
    std::this_thread::yield();
}

// A counter of the worker's own: the spawner cannot wait on it.
void counter_of_the_body(ThreadPool &pool) {
  pool.submit([] {
    WaitGroup mine;
    mine.Add(1);
    work();
    mine.Done();
    mine.Wait();
  });
}

// The body uses the new value: a ticket or a "first one in" check, not a
// count of outstanding work, even though it is counted down again.
void first_one_in(ThreadPool &pool) {
  std::atomic<int> active{0};
  pool.submit([&] {
    if (active.fetch_add(1) == 0)
      work();
    active.fetch_sub(1);
  });
  while (active.load() > 0)
    std::this_thread::yield();
}
