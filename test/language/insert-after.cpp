// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-join-at-once %t -- -std=c++17
// insert-after (statement: true): on its own line, indented like the
// statement, after a trailing comment.
#include <thread>
void work();

void run() {
  if (true) {
    std::thread t(work); // started here
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 't' is never joined [acme-join-at-once]
  }
}

void joined() {
  std::thread t(work);
  t.join();
}
