// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
// Atomic integers used as outstanding-work counters: counted down in the
// same body, or waited on by a loop.
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

class WorkQueue {
public:
  void enqueue(std::function<void()> f);
};
void work();

void counted_down_in_the_body(WorkQueue &q) {
  std::atomic<int> pending{0};
  for (int i = 0; i < 8; ++i) {
    q.enqueue([&pending] {
      pending.fetch_add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pending.fetch_add(1)' runs inside the spawned work: a wait on 'pending' can return before the work is counted
      work();
      pending.fetch_sub(1);
    });
  }
  while (pending.load() != 0)
    std::this_thread::yield();
}

// Waited on by a loop, counted down elsewhere.
std::atomic_size_t outstanding{0};
void finish() { --outstanding; }
void waited_on_by_a_loop(WorkQueue &q) {
  q.enqueue([] {
    outstanding++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'outstanding++' runs inside
    work();
    finish();
  });
}
void drain() {
  while (outstanding > 0)
    std::this_thread::yield();
}

// A member counter; `this` is the same object before the spawn.
class Server {
public:
  void handle() {
    pool_.enqueue([this] {
      in_flight_.fetch_add(1, std::memory_order_relaxed);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'in_flight_.fetch_add(1, std::memory_order_relaxed)' runs inside
      work();
      in_flight_.fetch_sub(1, std::memory_order_release);
    });
  }
  void stop();

private:
  WorkQueue pool_;
  std::atomic<long> in_flight_{0};
};
void Server::stop() {
  while (in_flight_.load(std::memory_order_acquire) > 0)
    std::this_thread::yield();
}

void plus_assign(WorkQueue &q, std::atomic<unsigned> &busy) {
  q.enqueue([&busy] { busy += 2; work(); work(); busy -= 2; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'busy += 2' runs inside
  while (busy.load() != 0)
    std::this_thread::yield();
}
