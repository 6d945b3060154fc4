// RUN: %check_fix %s sharing-inconsistent-locking %t -- -std=c++17
// The vocabulary's setupMethods and teardownMethods decide by name: Stop...,
// stop_..., Close and Init... are the life cycle; stopped, CloseSession and
// restart are not.
#include <mutex>
#include <vector>
class C {
public:
  void add(int v) { std::lock_guard<std::mutex> l(mu_); items_.push_back(v); }
  void a2(int v) { std::lock_guard<std::mutex> l(mu_); items_.push_back(v); }
  void a3(int v) { std::lock_guard<std::mutex> l(mu_); items_.push_back(v); }
  void a4(int v) { std::lock_guard<std::mutex> l(mu_); items_.push_back(v); }
  void StopIOService() { items_.clear(); }
  void stop_workers() { items_.clear(); }
  void stopped() { items_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'items_' is written without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
  void CloseSession() { items_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'items_' is written without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
  void Close() { items_.clear(); }
  void InitFoo() { items_.clear(); }
  void restart() { items_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'items_' is written without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
private:
  std::mutex mu_;
  std::vector<int> items_;
};
