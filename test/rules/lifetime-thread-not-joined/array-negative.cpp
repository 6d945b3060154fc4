// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Arrays of threads joined on every path: in a range-for, in a loop over
// every element, in a destructor. Nothing to report.
#include <array>
#include <cstddef>
#include <thread>

void work(int i);
bool ready();

void range_for() {
  std::array<std::thread, 4> workers;
  for (int i = 0; i < 4; ++i)
    workers[i] = std::thread(work, i);
  for (auto &t : workers)
    t.join();
}

void every_element() {
  std::thread workers[3];
  workers[0] = std::thread(work, 0);
  workers[1] = std::thread(work, 1);
  workers[2] = std::thread(work, 2);
  for (int i = 0; i < 3; ++i)
    workers[i].join();
}

void every_element_by_size() {
  std::array<std::thread, 3> workers;
  for (std::size_t i = 0; i < workers.size(); ++i)
    workers[i] = std::thread(work, static_cast<int>(i));
  for (std::size_t i = 0; i < workers.size(); ++i)
    if (workers[i].joinable())
      workers[i].join();
}

bool returns_before_starting() {
  std::thread workers[2];
  if (!ready())
    return false;
  for (int i = 0; i < 2; ++i)
    workers[i] = std::thread(work, i);
  for (std::thread &t : workers)
    t.join();
  return true;
}

void detached() {
  std::array<std::thread, 2> workers;
  for (auto &t : workers) {
    t = std::thread(work, 0);
    t.detach();
  }
}

class Pool {
public:
  Pool() {
    for (int i = 0; i < 4; ++i)
      threads_[i] = std::thread(work, i);
  }
  ~Pool() {
    for (auto &t : threads_)
      if (t.joinable())
        t.join();
  }

private:
  std::thread threads_[4];
};

class IndexedPool {
public:
  IndexedPool() {
    for (int i = 0; i < 3; ++i)
      threads_[i] = std::thread(work, i);
  }
  ~IndexedPool() {
    for (int i = 0; i < 3; ++i)
      threads_[i].join();
  }

private:
  std::array<std::thread, 3> threads_;
};

class StoppedPool {
public:
  StoppedPool() {
    for (int i = 0; i < 2; ++i)
      threads_[i] = std::thread(work, i);
  }
  ~StoppedPool() { stop(); }

private:
  void stop() {
    for (auto &t : threads_)
      t.join();
  }
  std::thread threads_[2];
};

void run() {
  Pool p;
  IndexedPool q;
  StoppedPool r;
}
