// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// The canonical race: threads in a loop increment a counter that main
// prints after the joins. printf and `auto` take the value where no
// conversion from std::atomic happens: they read it with .load().
#include <cstdio>
#include <thread>
#include <vector>

long counter = 0;

void work() {
  for (int i = 0; i < 100000; ++i)
    ++counter;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter' is written by spawned work with no lock held, and the work is spawned in a loop
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(work);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the spawning loop
  for (std::thread &t : threads)
    t.join();
  std::printf("counter = %ld\n", counter);
  auto total = counter;
  return total == 400000 ? 0 : 1;
}
