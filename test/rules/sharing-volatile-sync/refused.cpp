// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
#include <cstdio>
#include <thread>

void poll();
void watch(volatile int *p);

volatile int level = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'level' is volatile and shared between threads
void raise_level() { level = level * 2; }
// CHECK-MESSAGES: :[[@LINE-1]]:22: note: spawned work writes it here
// CHECK-MESSAGES: :[[@LINE+5]]:3: note: another thread writes it here
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'level = level * 2' reads and writes 'level' in two steps; std::atomic would not make it one
// CHECK-MESSAGES: :[[@LINE-6]]:14: note: not rewritten: 'level = level * 2' reads and writes 'level' in two steps
void run_level() {
  std::thread t(raise_level);
  level = 1;
  t.join();
}

volatile bool done = false;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'done' is volatile and shared between threads
void finish() { done = true; }
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: spawned work writes it here
// CHECK-MESSAGES: :[[@LINE+6]]:11: note: another thread reads it here
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'done' is read here, in a macro, where std::atomic would not convert to its value
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: not rewritten: 'done' is read here, in a macro, where std::atomic would not convert to its value
#define SHOW_DONE() std::printf("waiting %d\n", done)
void run_done() {
  std::thread t(finish);
  while (!done)
    SHOW_DONE();
  t.join();
}

#define FLAG_DECL(name) volatile bool name = false
FLAG_DECL(quit);
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'quit' is volatile and shared between threads
// CHECK-MESSAGES: :[[@LINE+4]]:30: note: spawned work reads it here
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: another thread writes it here
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: not rewritten: the declaration of 'quit' is inside a macro expansion
void run_quit() {
  std::thread t([] { while (!quit) poll(); });
  quit = true;
  t.join();
}
