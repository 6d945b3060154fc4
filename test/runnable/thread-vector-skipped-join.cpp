// A bad limit makes std::stoi throw between starting the workers and the
// loop that joins them: the vector destroys joinable threads during the
// unwinding, std::terminate ends the process and nothing is printed. After
// `pitfix --fix` the vector holds std::jthreads, which join as they are
// destroyed: the error is reported, every worker's share is counted, clean
// under ThreadSanitizer.
//
// RUN: %clangxx -std=c++20 -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: terminate called
// BEFORE-NOT: done
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-thread-not-joined %t.cpp -- -std=c++20
// RUN: grep -q 'std::vector<std::jthread> workers' %t.cpp
// RUN: %clangxx -std=c++20 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after > %t.after.out 2>&1
// RUN: FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer --input-file %t.after.out
// AFTER: bad limit: stoi
// AFTER: done 10
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

std::atomic<int> done{0};

void work(int share) { done += share; }

int parse_limit(const std::string &s) { return std::stoi(s); }

int run(const std::string &limit) {
  std::vector<std::thread> workers;
  for (int i = 1; i <= 4; ++i)
    workers.emplace_back(work, i);
  int n = parse_limit(limit);
  for (auto &w : workers)
    w.join();
  return n;
}

int main() {
  try {
    run("x");
  } catch (const std::exception &e) {
    std::printf("bad limit: %s\n", e.what());
  }
  std::printf("done %d\n", done.load());
  return 0;
}
