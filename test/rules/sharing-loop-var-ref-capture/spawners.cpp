// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++17
// Every spawner of the vocabulary counts: thread constructors, containers of
// threads, std::async, pool methods; also spawns nested in other work.
#include <future>
#include <thread>
#include <vector>

void use(int) {}

// A pool in the shape the vocabulary recognises (a class named *Pool with
// a submit method).
class ThreadPool {
public:
  template <class F> std::future<void> submit(F f) {
    return std::async(std::launch::async, f);
  }
};

void pool_submit(ThreadPool &pool, std::vector<std::future<void>> &done) {
  for (int job = 0; job < 4; ++job)
    done.push_back(pool.submit([&] { use(job); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: spawned work uses 'job' by reference, but each loop iteration changes or ends it [sharing-loop-var-ref-capture]
}

void thread_objects_kept(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i) {
    std::thread t([&] { use(i); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: spawned work uses 'i' by reference
    threads.push_back(std::move(t));
  }
}

void spawned_from_spawned_work(std::vector<std::thread> &threads) {
  threads.emplace_back([] {
    std::vector<std::thread> inner;
    for (int part = 0; part < 2; ++part)
      inner.emplace_back([&] { use(part); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: spawned work uses 'part' by reference
    for (std::thread &t : inner)
      t.join();
  });
}
