// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++17
// One template, instantiated twice: one finding, one edit.
#include <thread>

template <class T> void consume(T) {}

template <class T> void start_detached(T value) {
  T doubled = value + value;
  std::thread([&] { consume(doubled); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'doubled' by reference and may outlive it [lifetime-detached-ref-capture]
}

void start() {
  start_detached(1);
  start_detached(2.5);
}
