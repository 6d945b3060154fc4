// RUN: %check_fix %s lifetime-thread-per-item %t -- -std=c++20
// The program, not the input, decides how many threads these loops start:
// a list filled with constants, a pool's own loop over per-worker state
// sized by its worker count, and sub-tasks capped by a configured count.
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

void process(const std::string &name);
void run_test(int id);

// A local list filled with constants only.
void fixed_pushes() {
  std::vector<std::string> names;
  names.push_back("alpha");
  names.emplace_back("beta");
  std::vector<std::thread> threads;
  for (const std::string &n : names)
    threads.emplace_back(process, n);
  for (auto &t : threads)
    t.join();
}

constexpr int kFirst = 1;
enum { kSecond = 2 };
void constant_ids() {
  std::vector<int> ids;
  ids.push_back(kFirst);
  ids.push_back(kSecond);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ids.size(); ++i)
    threads.emplace_back(run_test, ids[i]);
  for (auto &t : threads)
    t.join();
}

// A pool starts one worker per queue; the queues are its worker count.
class ShardedPool {
public:
  explicit ShardedPool(size_t num_threads) : queues_(num_threads) {}
  void start() {
    for (auto &q : queues_)
      workers_.emplace_back([&q] { drain(q); });
  }
  ~ShardedPool() {
    for (auto &w : workers_)
      w.join();
  }

private:
  using Queue = std::deque<std::function<void()>>;
  static void drain(Queue &q) {
    while (!q.empty()) {
      q.front()();
      q.pop_front();
    }
  }
  std::vector<Queue> queues_;
  std::vector<std::thread> workers_;
};

// The same, sized in the constructor's body from a configuration.
struct Config {
  unsigned worker_count = 4;
};
class Engine {
public:
  explicit Engine(const Config &cfg) { slots_.resize(cfg.worker_count); }
  void start() {
    for (size_t i = 0; i < slots_.size(); ++i)
      threads_.emplace_back([this, i] { slots_[i] = 1; });
    for (auto &t : threads_)
      t.join();
  }

private:
  std::vector<int> slots_;
  std::vector<std::thread> threads_;
};

// One thread per sub-task, no more than the configured number, all joined
// at once.
void scan_some(const std::vector<std::string> &dirs, size_t max_threads) {
  std::vector<std::thread> threads;
  for (const std::string &d : dirs) {
    if (threads.size() >= max_threads)
      break;
    threads.emplace_back(process, d);
  }
  for (auto &t : threads)
    t.join();
}
