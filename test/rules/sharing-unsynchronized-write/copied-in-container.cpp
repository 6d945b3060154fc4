// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// Only the body of std::vector's push_back copies a Stats: the bodies of
// system headers must be parsed to see that a std::atomic member would not
// fit, with --fix and without.
// RUN: not %pitfix --checks=-*,sharing-unsynchronized-write %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
#include <thread>
#include <vector>

struct Stats {
  long hits = 0;
};

std::vector<Stats> history;

void count(Stats &s) {
  std::thread t([&s] { s.hits += 1; });
  s.hits += 1;
  t.join();
}

void keep(const Stats &s) { history.push_back(s); }

// CHECK-MESSAGES: :17:24: warning: 'hits' is written by spawned work with no lock held, and 'count' writes it before waiting
// CHECK-MESSAGES: :18:3: note: the other access
// CHECK-MESSAGES: :10:8: note: not a std::atomic: objects of 'Stats' are copied or moved, which std::atomic members forbid
// CHECK-MESSAGES: :11:8: note: no lock_guard: no mutex is declared beside 'hits'
// CHECK-MESSAGES: :17:24: note: not rewritten: objects of 'Stats' are copied or moved, which std::atomic members forbid; no mutex is declared beside 'hits'
// REPORT: :17:24: warning: 'hits' is written by spawned work with no lock held
// REPORT: :10:8: note: not a std::atomic: objects of 'Stats' are copied or moved
// REPORT: 0 fixable, 1 refused
