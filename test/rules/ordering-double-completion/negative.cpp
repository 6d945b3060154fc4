// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// Completions done once per path, or on objects with a new state.
#include <future>
#include <thread>
#include <utility>
#include <vector>

void work();
bool retry();

void branches(bool a) {
  std::thread t(work);
  if (a)
    t.join();
  else
    t.join();
}

void checked() {
  std::thread t(work);
  t.join();
  if (t.joinable())
    t.join();
}

void early_return(bool a) {
  std::thread t(work);
  if (a) {
    t.detach();
    return;
  }
  t.join();
}

void reassigned() {
  std::thread t(work);
  t.join();
  t = std::thread(work);
  t.join();
}

void moved_away(std::vector<std::thread> &pool) {
  std::thread t(work);
  if (retry()) {
    pool.push_back(std::move(t));
    t = std::thread(work);
  }
  t.join();
}

void each_thread(std::vector<std::thread> &threads) {
  for (std::thread &t : threads)
    t.join();
  for (auto &t : threads)
    if (t.joinable())
      t.join();
}

void two_threads() {
  std::thread a(work), b(work);
  a.join();
  b.join();
}

void promise_once(bool ok) {
  std::promise<int> p;
  if (ok)
    p.set_value(1);
  else
    p.set_exception(std::make_exception_ptr(2));
}

void promise_in_try() {
  std::promise<int> p;
  try {
    p.set_value(1);
  } catch (...) {
    p.set_exception(std::current_exception());
  }
}

void promise_replaced() {
  std::promise<int> p;
  p.set_value(1);
  p = std::promise<int>();
  p.set_value(2);
}

// A loop that joins the same handle once per new thread.
void relaunch(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(work);
    t.join();
  }
}

template <typename T> void generic(T &t) {
  t.join();
}
