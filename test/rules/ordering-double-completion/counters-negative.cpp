// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// Count-downs that count one unit each: nothing is reported.
#include <latch>
#include <thread>
#include <vector>

struct WaitGroup {
  void Add(int n);
  void Done();
  void Wait();
};

bool failed(int i);
void process(int i);

void one_per_path(int n) {
  std::latch done(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&done, i] {
      if (failed(i)) {
        done.count_down();
        return;
      }
      process(i);
      done.count_down();
    });
  done.wait();
  for (std::thread &t : threads)
    t.join();
}

void branches(std::latch &l, int i) {
  std::thread t([&] {
    if (failed(i))
      l.count_down();
    else
      l.count_down();
  });
  t.join();
}

// Two latches: one count each.
void two_latches(std::latch &started, std::latch &finished) {
  std::thread t([&] {
    started.count_down();
    process(0);
    finished.count_down();
  });
  t.join();
}

// One count per item of the loop, then one for the work itself.
void per_item(std::latch &l, const std::vector<int> &items) {
  std::thread t([&] {
    for (int v : items) {
      process(v);
      l.count_down();
    }
    l.count_down();
  });
  t.join();
}

// Counting more than one unit at a time.
void several(std::latch &l) {
  std::thread t([&] {
    l.count_down(2);
    l.count_down(2);
  });
  t.join();
}

// Not spawned work: a helper that counts two units down.
WaitGroup wg;
void finish_two() {
  wg.Done();
  wg.Done();
}

// A fresh latch between the count-downs.
void reassigned(int n) {
  std::thread t([n] {
    std::latch *l = new std::latch(1);
    l->count_down();
    delete l;
    l = new std::latch(1);
    l->count_down();
    delete l;
  });
  t.join();
}
