// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Arrays of threads: started and never joined, the array's destructor calls
// std::terminate. Arrays whose threads a loop joins (or detaches) are fine.
#include <thread>

void work(int i);

void never_joined() {
  std::thread workers[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'workers' holds threads that are never joined or detached: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  // CHECK-MESSAGES: :[[@LINE+3]]:18: note: a thread of 'workers' starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: join each thread of 'workers' before the array goes out of scope
  for (int i = 0; i < 4; ++i)
    workers[i] = std::thread(work, i);
}

void initialised() {
  std::thread pair[2] = {std::thread(work, 0), std::thread(work, 1)};
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'pair' holds threads that are never joined or detached
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: a thread of 'pair' starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: join each thread of 'pair'
}

void joined() {
  std::thread workers[4];
  for (int i = 0; i < 4; ++i)
    workers[i] = std::thread(work, i);
  for (int i = 0; i < 4; ++i)
    workers[i].join();
}

void joined_by_range() {
  std::thread workers[2];
  workers[0] = std::thread(work, 0);
  workers[1] = std::thread(work, 1);
  for (std::thread &t : workers)
    t.join();
}

void detached() {
  std::thread workers[2];
  for (int i = 0; i < 2; ++i) {
    workers[i] = std::thread(work, i);
    workers[i].detach();
  }
}

void unused() { std::thread idle[3]; }
