// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// A volatile progress counter that the main thread prints while the work
// runs: printf takes no std::atomic, so the read becomes .load().
#include <cstdio>
#include <thread>

volatile long progress = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'progress' is volatile and shared between threads: it is written by spawned work and read by another thread
void crunch() {
  for (int i = 0; i < 1000; ++i) {
    progress = progress + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: spawned work writes it here
  }
}

int main() {
  std::thread t(crunch);
  std::printf("progress %ld\n", progress);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: note: another thread reads it here
  t.join();
}
