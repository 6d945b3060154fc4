// Threads started in a loop capture the loop variable by reference: the
// loop moves on while they read it (a data race), and the threads may read
// it after the loop has ended. ThreadSanitizer reports the race before the
// fix; after `pitfix --fix` each thread holds its own copy, the program is
// clean and every slot holds its own square.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-loop-var-ref-capture %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: squares 0 1 4 9 16 25 36 49
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  const int n = 8;
  int squares[n] = {};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&] { squares[i] = i * i; });
  for (std::thread &t : threads)
    t.join();
  std::printf("squares");
  for (int s : squares)
    std::printf(" %d", s);
  std::printf("\n");
}
