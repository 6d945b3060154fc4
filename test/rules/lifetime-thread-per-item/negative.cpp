// RUN: %check_fix %s lifetime-thread-per-item %t -- -std=c++20
// Loops whose thread count the program chooses, threads joined in the
// iteration that starts them, pools and their own workers: nothing to report.
#include <array>
#include <condition_variable>
#include <future>
#include <iostream>
#include <mutex>
#include <semaphore>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <vector>

void work(int i);
void handle(int client);
void process(const std::string &line);

// A pool creates its workers: a loop bounded by a worker count.
class ThreadPool {
public:
  explicit ThreadPool(size_t num_threads) {
    for (size_t i = 0; i < num_threads; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  void restart() {
    for (auto &w : workers_)
      w = std::thread([this] { loop(); });
  }
  template <class F> void submit(F f) { f(); }

private:
  void loop() {}
  std::vector<std::thread> workers_;
};

void worker_count(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void hardware(std::vector<std::thread> &threads) {
  for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i)
    threads.emplace_back(work, i);
}

constexpr int kThreads = 4;
void constant(std::vector<std::thread> &threads) {
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back(work, i);
  for (int i = 0; i < 8; ++i)
    std::thread(work, i).detach();
}

// Test code over a fixed array or list.
void fixed_array() {
  int ids[] = {1, 2, 3};
  std::vector<std::thread> threads;
  for (int id : ids)
    threads.emplace_back(work, id);
  std::array<int, 2> more = {4, 5};
  for (int id : more)
    threads.emplace_back(work, id);
  for (int id : {6, 7})
    threads.emplace_back(work, id);
  std::vector<std::string> names = {"a", "b", "c"};
  for (const std::string &n : names)
    threads.emplace_back(process, n);
  for (auto &t : threads)
    t.join();
}

// One thread at a time: joined or waited on in the iteration.
void one_at_a_time(const std::vector<std::string> &lines) {
  for (const std::string &l : lines) {
    std::thread t(process, l);
    t.join();
  }
  for (const std::string &l : lines)
    std::async(std::launch::async, process, l).get();
  for (size_t i = 0; i < lines.size(); ++i)
    std::jthread j(process, lines[i]);
}

// Each iteration waits for a free slot: a bounded number run at once.
std::counting_semaphore<8> slots(8);
void bounded_server(int listener) {
  while (true) {
    int client = accept(listener, nullptr, nullptr);
    slots.acquire();
    std::thread([client] {
      handle(client);
      slots.release();
    }).detach();
  }
}

// Work that runs on a pool, not on threads of its own; std::async that may
// run deferred.
void on_pool(ThreadPool &pool, const std::vector<int> &items) {
  for (int v : items)
    pool.submit([v] { work(v); });
  std::vector<std::future<void>> fs;
  for (int v : items)
    fs.push_back(std::async(work, v));
  for (auto &f : fs)
    f.get();
}

// A loop over the threads or futures themselves.
void over_threads(std::vector<std::thread> &ts, std::vector<std::future<int>> &fs) {
  for (auto &t : ts)
    t = std::thread(work, 0);
  for (auto &f : fs)
    f = std::async(std::launch::async, [] { return 1; });
}

// Reading from memory: words of a string already in hand.
#include <sstream>
void words(const std::string &text) {
  std::istringstream in(text);
  std::string w;
  std::vector<std::thread> ts;
  while (in >> w)
    ts.emplace_back(process, w);
  for (auto &t : ts)
    t.join();
}

// A single thread started after the loop, or the loop inside the thread.
void after_loop(int listener) {
  std::vector<int> clients;
  int c;
  while ((c = accept(listener, nullptr, nullptr)) >= 0)
    clients.push_back(c);
  std::thread t([clients] {
    for (int fd : clients)
      handle(fd);
  });
  t.join();
}

// Work split over a worker count first: a thread per part is a thread per
// worker.
struct Range {
  size_t begin, end;
};
std::vector<Range> split(size_t n, unsigned parts);
void sum_range(Range r);
void parallel_sum(size_t n, unsigned nthreads) {
  std::vector<std::thread> threads;
  std::vector<Range> pieces = split(n, nthreads);
  for (const Range &r : pieces)
    threads.emplace_back(sum_range, r);
  std::vector<Range> blocks;
  for (unsigned i = 0; i < nthreads; ++i)
    blocks.push_back({i * n / nthreads, (i + 1) * n / nthreads});
  for (size_t i = 0; i < blocks.size(); ++i)
    threads.emplace_back(sum_range, blocks[i]);
  for (auto &t : threads)
    t.join();
}
void by_name(const std::vector<Range> &chunks) {
  std::vector<std::thread> threads;
  for (const Range &c : chunks)
    threads.emplace_back(sum_range, c);
  for (auto &t : threads)
    t.join();
}
