// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++20
// std::latch and std::barrier are counted at construction: no finding.
#include <barrier>
#include <latch>
#include <thread>
#include <vector>

void work();

void with_latch() {
  std::latch done(4);
  std::vector<std::jthread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      work();
      done.count_down();
    });
  done.wait();
}

void with_barrier() {
  std::barrier sync(2);
  std::jthread t([&] {
    work();
    sync.arrive_and_wait();
  });
  sync.arrive_and_wait();
}
