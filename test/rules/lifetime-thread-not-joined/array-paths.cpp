// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Arrays of threads (C arrays and std::array, locals and members) that a
// path leaves holding joinable threads: std::terminate. Reported without a
// fix (an array of std::jthread would need its assignments changed too).
#include <array>
#include <cstddef>
#include <thread>

void work(int i);
bool ready();

void std_array_never_joined() {
  std::array<std::thread, 4> workers;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'workers' holds threads that are never joined or detached: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  // CHECK-MESSAGES: :[[@LINE+3]]:18: note: a thread of 'workers' starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: not rewritten: join each thread of 'workers' before the array goes out of scope
  for (int i = 0; i < 4; ++i)
    workers[i] = std::thread(work, i);
}

bool early_return(int n) {
  std::thread workers[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'workers' still holds joinable threads when the function returns early: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: returns here before the threads of 'workers' are joined
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: join each thread of 'workers'
  for (int i = 0; i < 4; ++i)
    workers[i] = std::thread(work, i);
  if (!ready())
    return false;
  for (std::thread &t : workers)
    t.join();
  return true;
}

bool std_array_early_return() {
  std::array<std::thread, 2> workers;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'workers' still holds joinable threads when the function returns early
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: returns here before the threads of 'workers' are joined
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: not rewritten: join each thread of 'workers'
  workers[0] = std::thread(work, 0);
  workers[1] = std::thread(work, 1);
  if (!ready())
    return false;
  for (auto &t : workers)
    t.join();
  return true;
}

// A pool whose class has no destructor: its threads are never joined.
class Pool {
public:
  Pool() {
    for (int i = 0; i < 4; ++i)
      threads_[i] = std::thread(work, i);
  }

private:
  std::thread threads_[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'threads_' is never joined or detached, and 'Pool' has no destructor that joins it: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  // CHECK-MESSAGES: :[[@LINE-6]]:21: note: started here
  // CHECK-MESSAGES: :[[@LINE+26]]:8: note: an object of 'Pool' is destroyed here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: not rewritten: 'threads_' is a member; join it in a destructor of 'Pool'
};

// A destructor that returns before it joins.
class Workers {
public:
  Workers() {
    for (std::size_t i = 0; i < threads_.size(); ++i)
      threads_[i] = std::thread(work, static_cast<int>(i));
  }
  ~Workers() {
    if (!ready())
      return;
    for (auto &t : threads_)
      t.join();
  }

private:
  std::array<std::thread, 3> threads_;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'threads_' is not joined on every path of the destructor of 'Workers'
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the destructor can end here with 'threads_' still joinable
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: not rewritten: 'threads_' is a member; join it on every path of ~Workers()
};

void run() {
  Pool p;
  Workers w;
}
