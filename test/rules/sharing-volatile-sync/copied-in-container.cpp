// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// The report without --fix gives the same reason: only the body of
// std::vector's push_back copies a Flags, so the bodies of system headers
// must be parsed to see it.
// RUN: not %pitfix --checks=-*,sharing-volatile-sync %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
#include <thread>
#include <vector>

struct Flags {
  volatile bool stop = false;
  int n = 0;
};

std::vector<Flags> all;

void run(Flags &f) {
  std::thread t([&f] {
    while (!f.stop) {
    }
  });
  f.stop = true;
  t.join();
}

void keep(const Flags &f) { all.push_back(f); }

// CHECK-MESSAGES: :11:17: warning: 'stop' is volatile and shared between threads
// CHECK-MESSAGES: :19:13: note: spawned work reads it here
// CHECK-MESSAGES: :22:3: note: another thread writes it here
// CHECK-MESSAGES: :10:8: note: objects of 'Flags' are copied or moved, which std::atomic members forbid
// CHECK-MESSAGES: :11:17: note: not rewritten: objects of 'Flags' are copied or moved, which std::atomic members forbid
// REPORT: :11:17: warning: 'stop' is volatile and shared between threads
// REPORT: :10:8: note: objects of 'Flags' are copied or moved, which std::atomic members forbid
// REPORT: :11:17: note: not rewritten: objects of 'Flags' are copied or moved, which std::atomic members forbid
// REPORT: 0 fixable, 1 refused
