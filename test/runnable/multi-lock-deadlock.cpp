// Two transfers lock the same two accounts in opposite orders. The mutex
// below waits, once it is acquired, until the other transfer holds its first
// lock too, so the program deadlocks every time (killed by timeout). After
// `pitfix --fix` std::scoped_lock takes both locks with std::lock's deadlock
// avoidance and the program completes.
//
// RUN: %clangxx -std=c++20 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 5 %t.before > %t.before.out 2>&1
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,ordering-multi-lock-order %t.cpp -- -std=c++20
// RUN: %clangxx -std=c++20 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 20 %t.after 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: balances 70 130
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

std::atomic<int> arrived{0};

/// A mutex whose first acquisitions wait (a bounded time) for a second
/// thread to hold a lock as well: this makes the bad interleaving certain.
class HandshakeMutex {
public:
  void lock() {
    m_.lock();
    arrived.fetch_add(1);
    for (int i = 0; i < 200 && arrived.load() < 2; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  bool try_lock() { return m_.try_lock(); }
  void unlock() { m_.unlock(); }

private:
  std::mutex m_;
};

struct Account {
  HandshakeMutex mu;
  long balance = 100;
};

void transfer(Account &from, Account &to, long n) {
  std::lock_guard<HandshakeMutex> a(from.mu);
  std::lock_guard<HandshakeMutex> b(to.mu);
  from.balance -= n;
  to.balance += n;
}

int main() {
  Account x, y;
  std::thread t1([&] { transfer(x, y, 50); });
  std::thread t2([&] { transfer(y, x, 20); });
  t1.join();
  t2.join();
  std::printf("balances %ld %ld\n", x.balance, y.balance);
}
