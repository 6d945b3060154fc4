// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// Every #include is conditional (a configuration header may have to come
// first): there is no place for <atomic>, so the conversion is refused with
// that reason and the file is left as it is.
#if defined(__linux__) || !defined(__linux__)
#include <thread>
#endif

void poll();

volatile bool stop = false;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'stop' is volatile and shared between threads: it is read by spawned work and written by another thread
void worker() {
  while (!stop)
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: spawned work reads it here
    poll();
}
void run() {
  std::thread t(worker);
  stop = true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: another thread writes it here
  t.join();
}
// CHECK-MESSAGES: no-unconditional-include.cpp:11:15: note: not rewritten: every #include of the file is inside a preprocessor conditional; there is no unconditional place for #include <atomic>
