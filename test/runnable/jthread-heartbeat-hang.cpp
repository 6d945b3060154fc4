// A monitor's std::jthread runs a heartbeat loop that never checks for a
// stop: the destructor's join waits forever and the program hangs (killed
// by timeout here). After `pitfix --fix` the lambda takes a
// std::stop_token and loops while no stop is requested: the destructor's
// stop request ends it, and the program ends, clean under ThreadSanitizer.
//
// RUN: %clangxx -std=c++20 -g -O1 %s -o %t.before
// RUN: not timeout 5 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: monitor started
// BEFORE-NOT: monitor stopped
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-worker-loop-no-stop %t.cpp -- -std=c++20
// RUN: %clangxx -std=c++20 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: monitor started
// AFTER-NEXT: monitor stopped after some beats
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

class Monitor {
public:
  Monitor()
      : heartbeat_([this] {
          while (true) {
            beats_.fetch_add(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }) {}
  int beats() const { return beats_.load(); }

private:
  std::atomic<int> beats_{0};
  std::jthread heartbeat_;
};

int main() {
  int beats = 0;
  {
    Monitor m;
    std::printf("monitor started\n");
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    beats = m.beats();
  }
  std::printf("monitor stopped after %s beats\n", beats > 0 ? "some" : "no");
}
