// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// A second completion inside a try whose handler catches the very error it
// throws is made to see it fail (a test of the error): nothing to report.
// Handlers that name no error in particular do not count.
#include <cassert>
#include <exception>
#include <future>
#include <system_error>
#include <thread>

void work();

void promise_error_test() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  p.set_value(1);
  try {
    p.set_value(2);
    assert(false);
  } catch (const std::future_error &e) {
    assert(e.code() == std::future_errc::promise_already_satisfied);
  }
  assert(f.get() == 1);
}

void promise_exception_test() {
  std::promise<void> p;
  p.set_exception(std::make_exception_ptr(4));
  try {
    p.set_value();
  } catch (std::logic_error &) {
  }
}

void join_error_test() {
  std::thread t(work);
  t.join();
  try {
    t.join();
    assert(false);
  } catch (const std::system_error &e) {
    assert(e.code() == std::errc::invalid_argument);
  }
}

// catch (...) and std::exception take any failure: still reported.
void promise_any_handler() {
  std::promise<int> p;
  p.set_value(1);
  try {
    p.set_value(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(2)' runs when 'p' was already satisfied: a promise that is already satisfied makes it throw std::future_error [ordering-double-completion]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'p' is satisfied here first
  } catch (const std::exception &) {
  }
}

void join_any_handler() {
  std::thread t(work);
  t.join();
  try {
    t.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't.join()' runs when 't' was already joined
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 't' is joined here first
  } catch (...) {
  }
}

// The handler catches the error of the other kind of completion.
void join_wrong_handler() {
  std::thread t(work);
  t.join();
  try {
    t.join();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't.join()' runs when 't' was already joined
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 't' is joined here first
  } catch (const std::future_error &) {
  }
}
