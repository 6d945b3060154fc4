// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-sleep-seconds %t -- -std=c++17
// include: the headers the replacement needs are added once, after the
// last include.
#include <unistd.h>

void wait_a_bit() {
  sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep(2)' sleeps in whole seconds; use std::this_thread::sleep_for [acme-sleep-seconds]
}
