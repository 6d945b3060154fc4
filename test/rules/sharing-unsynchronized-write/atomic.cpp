// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
#include <thread>
#include <vector>

long total = 0;
void spawned_in_loop() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([] {
      for (int i = 0; i < 1000; ++i)
        ++total;
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'total' is written by spawned work with no lock held, and the work is spawned in a loop, so several threads run it at once
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the spawning loop
    });
  for (std::thread &t : threads)
    t.join();
  long seen = total;
  (void)seen;
}

static unsigned hits;
void count_hit(unsigned n) { hits += n; }
void same_body_twice() {
  std::thread a(count_hit, 1u);
  // CHECK-MESSAGES: :[[@LINE-3]]:30: warning: 'hits' is written by spawned work with no lock held, and the same work is spawned more than once
  std::thread b(count_hit, 2u);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: it is spawned again here
  a.join();
  b.join();
}

int local_counter() {
  int done = 0;
  std::thread worker([&] { done = done + 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'done' is written by spawned work with no lock held, and 'local_counter' writes it before waiting
  done -= 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the other access
  worker.join();
  return done;
}

class Stats {
public:
  void start() {
    for (int i = 0; i < 2; ++i)
      workers_.emplace_back([this] { work(); });
  }
  void stop() {
    for (std::thread &t : workers_)
      t.join();
  }
  bool busy() const { return requests_ > 0 && !failed_; }

private:
  void work() {
    requests_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'requests_' is written by spawned work with no lock held, and the work is spawned in a loop
    // CHECK-MESSAGES: :[[@LINE-13]]:5: note: the spawning loop
    failed_ = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'failed_' is written by spawned work with no lock held, and the work is spawned in a loop
    // CHECK-MESSAGES: :[[@LINE-16]]:5: note: the spawning loop
  }
  std::vector<std::thread> workers_;
  int requests_ = 0;
  bool failed_{false};
};
