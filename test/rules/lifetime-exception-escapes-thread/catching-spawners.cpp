// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// Spawners that catch the work's exceptions themselves: std::async and
// std::packaged_task store them in the future, and pools listed in the
// vocabulary's exceptionCatchingSpawners catch (and log) them.
#include <functional>
#include <future>
#include <string>
#include <thread>

int parse(const std::string &s) { return std::stoi(s); }

void async_stores(const std::string &s) {
  auto f = std::async(std::launch::async, [&s] { parse(s); });
  f.wait();
}

void packaged_task_stores(const std::string &s) {
  std::packaged_task<int()> task([&s] { return parse(s); });
  std::future<int> f = task.get_future();
  std::thread t(std::move(task));
  t.join();
}

// folly's executors catch and log what a task throws.
namespace folly {
class CPUThreadPoolExecutor {
public:
  void add(std::function<void()> f);
};
} // namespace folly

void folly_pool_catches(folly::CPUThreadPoolExecutor &ex, std::string s) {
  ex.add([s] { parse(s); });
}

// dp::thread_pool's enqueue_detach suppresses exceptions.
namespace dp {
class thread_pool {
public:
  template <class F> void enqueue_detach(F &&f) {}
};
} // namespace dp

void dp_pool_catches(dp::thread_pool &pool, std::string s) {
  pool.enqueue_detach([s] { parse(s); });
}
