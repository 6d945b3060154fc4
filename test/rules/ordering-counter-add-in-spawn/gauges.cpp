// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
// Gauges are not counters of outstanding work: an atomic counted up when a
// task starts and down when it ends, read for the number of running tasks
// or a peak, that nothing waits on. No finding.
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>

class ThreadPool {
public:
  void submit(std::function<void()> f);
};
void work();

std::atomic<int> running{0};
std::atomic<int> peak{0};

void running_tasks(ThreadPool &pool, int n) {
  for (int i = 0; i < n; ++i)
    pool.submit([] {
      running.fetch_add(1);
      int now = running.load();
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      work();
      running.fetch_sub(1);
    });
  std::printf("%d running, peak %d\n", running.load(), peak.load());
}

// A member gauge, read by a status method.
class Server {
public:
  void handle() {
    pool_.submit([this] {
      ++active_;
      work();
      --active_;
    });
  }
  int status() const { return active_.load(); }

private:
  ThreadPool pool_;
  std::atomic<int> active_{0};
};

// A loop that reads the gauge but does work, not a wait.
void report_while_running(ThreadPool &pool) {
  std::atomic<int> busy{0};
  pool.submit([&] {
    busy += 1;
    work();
    busy -= 1;
  });
  for (int i = 0; i < 3 && busy.load() > 0; ++i)
    std::printf("%d busy\n", busy.load());
}

// A counter handed in by the caller: nothing here waits on it.
void counted_by_the_caller(ThreadPool &pool, std::atomic<unsigned> &in_flight) {
  pool.submit([&in_flight] {
    in_flight.fetch_add(1);
    work();
    in_flight.fetch_sub(1);
  });
}
