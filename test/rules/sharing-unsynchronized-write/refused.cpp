// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

long printed = 0;
void bump_printed() { ++printed; }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'printed' is written by spawned work with no lock held, and the work is spawned in a loop
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE+4]]:17: note: not a std::atomic: 'printed' is read here, in a macro, where std::atomic would not convert to its value
// CHECK-MESSAGES: :[[@LINE-5]]:6: note: no lock_guard: no mutex is declared beside 'printed'
// CHECK-MESSAGES: :[[@LINE-5]]:23: note: not rewritten: 'printed' is read here, in a macro, where std::atomic would not convert to its value; no mutex is declared beside 'printed'
#define REPORT_PRINTED() std::printf("%ld\n", printed)
void report() { REPORT_PRINTED(); }

int scaled = 1;
void scale() { scaled = scaled * 2; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'scaled' is written by spawned work with no lock held
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE-3]]:16: note: not a std::atomic: 'scaled = scaled * 2' reads and writes 'scaled' in two steps; std::atomic would not make it one
// CHECK-MESSAGES: :[[@LINE-5]]:5: note: no lock_guard: no mutex is declared beside 'scaled'
// CHECK-MESSAGES: :[[@LINE-5]]:16: note: not rewritten:

int pointed = 0;
int *where = &pointed;
void poke() { pointed += 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'pointed' is written by spawned work with no lock held
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: not a std::atomic: the address of 'pointed' is taken

std::map<int, int> seen;
void remember() { seen[1] = 2; }
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'seen' is written by spawned work with no lock held
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE-3]]:19: note: not rewritten: no mutex is declared beside 'seen'

struct Two {
  std::mutex a, b;
  std::set<int> items;
  void add() { items.insert(1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'items' is written by spawned work with no lock held
  // CHECK-MESSAGES: :51:3: note: the spawning loop
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'items' has 2 mutexes beside it; which one guards it is not clear
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: not rewritten:
};
Two two;
void run_two() {
  for (int i = 0; i < 2; ++i)
    std::thread([] { two.add(); }).detach();
}

namespace pending {
std::mutex unused_mu;
std::vector<int> unguarded;
void push_unguarded() { unguarded.push_back(1); }
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'unguarded' is written by spawned work with no lock held
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE-4]]:18: note: 'unused_mu' is declared beside 'unguarded', but no code holds it when touching 'unguarded'
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: not rewritten:
} // namespace pending

namespace queued {
std::mutex mu;
std::vector<int> jobs;
#define PUSH_JOB(x) jobs.push_back(x)
void push_job() { PUSH_JOB(1); }
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'jobs' is written by spawned work with no lock held
// CHECK-MESSAGES: :79:3: note: the spawning loop
// CHECK-MESSAGES: :[[@LINE-3]]:19: note: not rewritten: the write to 'jobs' is inside a macro expansion
std::size_t count() { std::lock_guard<std::mutex> lock(mu); return jobs.size(); }
} // namespace queued

void suppressed_target() { ++printed; } // NOLINT(sharing-unsynchronized-write)

int main() {
  for (int i = 0; i < 4; ++i) {
    std::thread(bump_printed).detach();
    std::thread(scale).detach();
    std::thread(poke).detach();
    std::thread(remember).detach();
    std::thread(pending::push_unguarded).detach();
    std::thread(queued::push_job).detach();
  }
  run_two();
  report();
  queued::count();
  return *where;
}
