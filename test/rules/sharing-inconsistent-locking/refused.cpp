// RUN: %check_fix %s sharing-inconsistent-locking %t -- -std=c++17
#include <mutex>
#include <thread>
#include <vector>

void notify_listeners(int value); // defined elsewhere: it may call back

class Counter {
public:
  void add(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    count_ += n;
  }

  // const, and the mutex is not mutable: a guard would not compile.
  int twice() const {
    return 2 * count_;
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'count_' is read without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'count_' is written here with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: not rewritten: 'twice' is const and 'mu_' is not mutable: it cannot be locked there
  }

  // The rest of the method calls code that is not visible.
  void publish() {
    int snapshot = count_;
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'count_' is read without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'count_' is written here with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-3]]:20: note: not rewritten: the lock would cover 'notify_listeners', whose code is not visible here; it could take 'mu_' again
    notify_listeners(snapshot);
  }

  // A reference escapes the lock.
  const int &ref() {
    return count_;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'count_' is read without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-24]]:5: note: 'count_' is written here with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: not rewritten: 'ref' returns a reference; its caller would use it after the lock is released
  }

  // Taking a second mutex here could deadlock.
  void merge(std::mutex &other_mu, int n) {
    std::lock_guard<std::mutex> other(other_mu);
    count_ += n;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is written without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-33]]:5: note: 'count_' is written here with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: a lock is held here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: the method holds another lock there; taking 'mu_' too could deadlock
  }

private:
  std::mutex mu_;
  int count_ = 0;
};

// Joining under the lock would deadlock when the worker needs it.
class Worker {
public:
  void launch() {
    std::lock_guard<std::mutex> lock(mu_);
    thread_ = std::thread([this] { run(); });
    done_ = false;
  }
  void finish() {
    done_ = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'done_' is written without 'mu_', which 'launch' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'done_' is written here with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the lock would be held while 'join' waits for another thread, which may need 'mu_'
    thread_.join();
  }

private:
  void run() {
    std::lock_guard<std::mutex> lock(mu_);
    ++steps_;
  }
  std::mutex mu_;
  std::thread thread_;
  bool done_ = false;
  int steps_ = 0;
};
