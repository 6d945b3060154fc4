// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++20
#include <chrono>
#include <cstdio>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>
#include <thread>
#include <vector>

// A worker lambda: the sleep in its critical section moves up, with its
// comment.
int run_workers() {
  std::mutex mu;
  int done = 0;
  std::vector<std::jthread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&mu, &done] {
      std::scoped_lock lock(mu);
      // Pretend to talk to a server.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
      ++done;
    });
  workers.clear();
  return done;
}

// pthread mutexes delimit a critical section too.
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
long hits;
void count_and_log(const char *path) {
  pthread_mutex_lock(&pm);
  ++hits;
  FILE *f = std::fopen(path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'fopen' blocks while 'pm' is held
  pthread_mutex_unlock(&pm);
  if (f)
    std::fclose(f);
}

// A reader lock is a critical section as well, and has unlock().
std::shared_mutex rw;
int table[4];
int read_slowly(int i) {
  int out;
  {
    std::shared_lock lock(rw);
    int v = table[i];
    std::this_thread::sleep_for(std::chrono::milliseconds(v));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks while 'rw' is held
    out = v;
  }
  return out;
}

// The variable the sleep needs is declared in the guard's block, so the
// sleep cannot leave the block, nor go above the guard.
std::mutex mu2;
int read_guarded(int i) {
  int out;
  {
    std::lock_guard<std::mutex> lock(mu2);
    int v = table[i];
    std::this_thread::sleep_for(std::chrono::milliseconds(v));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks while 'mu2' is held
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'v' is used here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the statement depends on 'v', which the critical section touches before it
    out = v;
  }
  return out;
}
