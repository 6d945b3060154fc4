// RUN: %check_fix %s sharing-mixed-atomic-access %t -- -std=c++20
// Plain accesses only before the spawn and after the join.
#include <atomic>
#include <thread>

long hits = 0;
void work() { __atomic_fetch_add(&hits, 1, __ATOMIC_RELAXED); }
long run() {
  hits = 0;
  std::thread t(work);
  long seen = __atomic_load_n(&hits, __ATOMIC_RELAXED);
  t.join();
  return seen + hits;
}

int total = 0;
void add_ref() {
  std::atomic_ref<int> r(total);
  r.fetch_add(1);
}
int run_ref() {
  total = 5;
  std::thread a(add_ref), b(add_ref);
  a.join();
  b.join();
  return total;
}
