// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// volatile where it belongs, and volatile in code without threads.
#include <csignal>
#include <cstdint>
#include <thread>

// Written by a signal handler: what sig_atomic_t is for.
volatile std::sig_atomic_t got_signal = 0;
void on_signal(int) { got_signal = 1; }
void wait_signal() {
  std::signal(SIGINT, on_signal);
  std::thread t([] { while (!got_signal) {} });
  t.join();
}

// A pointer to a device register: the memory is volatile, not the variable.
volatile std::uint32_t *const status_reg =
    reinterpret_cast<volatile std::uint32_t *>(0x40000000);
void read_device() {
  std::thread t([] { (void)*status_reg; });
  t.join();
}

// volatile that no other thread touches: only this thread's code uses it.
void spin(int n) {
  volatile int sink = 0;
  for (int i = 0; i < n; ++i)
    sink = i;
}
void run_spin() {
  std::thread t(spin, 10);
  t.join();
}

// Set before the thread starts and read after it is joined.
volatile int configured = 0;
void configure() {
  configured = 3;
  std::thread t([] {});
  t.join();
  int seen = configured;
  (void)seen;
}

void barrier_asm() { asm volatile("" ::: "memory"); }
