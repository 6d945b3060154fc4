// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
#include <mutex>

struct Account {
  std::mutex mu;
  long balance = 0;
};

void transfer(Account &from, Account &to, long n) {
  std::lock_guard<std::mutex> a(from.mu);
  std::lock_guard<std::mutex> b(to.mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'to.mu' is locked while 'from.mu' is held; lock them together with std::scoped_lock [ordering-multi-lock-order]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'from.mu' is locked first here
  from.balance -= n;
  to.balance += n;
}

std::mutex m1, m2, m3;
int shared;

void three() {
  std::unique_lock<std::mutex> first(m1);
  std::lock_guard second(m2);
  std::scoped_lock third(m3);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'm2' is locked while 'm1' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'm1' is locked first here
  ++shared;
}

template <typename T> struct Box {
  std::mutex mu;
  T value{};
};

template <typename T> void swap_boxes(Box<T> &x, Box<T> &y) {
  std::lock_guard<std::mutex> lx(x.mu);
  std::lock_guard<std::mutex> ly(y.mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'y.mu' is locked while 'x.mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'x.mu' is locked first here
  T t = x.value;
  x.value = y.value;
  y.value = t;
}

void use_templates() {
  Box<int> a, b;
  Box<long> c, d;
  swap_boxes(a, b);
  swap_boxes(c, d);
}

// Elsewhere m2 is held while m1 is taken: the order in three() can deadlock.
void other_order() {
  std::lock_guard<std::mutex> second(m2);
  {
    std::lock_guard<std::mutex> first(m1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm1' is locked while 'm2' is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'm2' is locked first here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the guards are in different blocks
    ++shared;
  }
}
