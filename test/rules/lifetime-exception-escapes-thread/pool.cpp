// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// Pool tasks: fire-and-forget ones end the process on an exception, those
// whose future carries the exception do not.
#include <functional>
#include <future>
#include <string>
#include <vector>

class ThreadPool {
public:
  void detach_task(std::function<void()> f) { tasks_.push_back(std::move(f)); }
  template <class F> std::future<int> submit(F f) {
    std::packaged_task<int()> task(std::move(f));
    std::future<int> result = task.get_future();
    return result;
  }
private:
  std::vector<std::function<void()>> tasks_;
};

int parse(const std::string &s) { return std::stoi(s); }

void fire_and_forget(ThreadPool &pool, std::string s) {
  pool.detach_task([s] {
    int v = parse(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'parse' may throw, and nothing on the spawned thread catches it
    (void)v;
  });
}

int with_future(ThreadPool &pool, std::string s) {
  std::future<int> f = pool.submit([s] { return parse(s); });
  return f.get();
}
