// RUN: %check_fix %s sharing-inconsistent-locking %t -- -std=c++17
#include <mutex>
#include <string>
#include <vector>

class Account {
public:
  void deposit(long amount) {
    std::lock_guard<std::mutex> lock(mu_);
    balance_ += amount;
    history_.push_back(amount);
  }

  // One number read without the lock is at worst stale: not reported.
  long balance() const { return balance_; }

  long doubled() const {
    long b = balance_;
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'balance_' is read without 'mu_', which 'deposit' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'balance_' is written here with 'mu_' held
    return b + b;
  }

  void reset() {
    balance_ = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'balance_' is written without 'mu_', which 'deposit' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-17]]:5: note: 'balance_' is written here with 'mu_' held
    history_.clear();
  }

  // A count read without the lock is at worst stale: not reported.
  size_t entries() const {
    size_t n = history_.size();
    return n;
  }

  // Called from the UI thread, and from any other.
  long last() const {
    return history_.empty() ? 0 : history_.back();
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'history_' is read without 'mu_', which 'deposit' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-30]]:5: note: 'history_' is written here with 'mu_' held
  }

private:
  mutable std::mutex mu_;
  long balance_ = 0;
  std::vector<long> history_;
};

// A getter that copies a string member is no one-word read.
class Label {
public:
  std::string text() const { return text_; }
  std::size_t size() const { return text_.size(); }

private:
  std::string text_;
};
class Sign {
public:
  void set(const std::string &t) {
    std::lock_guard<std::mutex> lock(mu_);
    label_ = Label();
    (void)t;
  }
  std::string shown() const { return label_.text(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'label_' is read without 'mu_', which 'set' holds when it writes it [sharing-inconsistent-locking]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'label_' is written here with 'mu_' held

private:
  mutable std::mutex mu_;
  Label label_;
};

// A setter in the middle of a method: the guard covers it and what follows,
// which only touches locals and the member.
class Config {
public:
  void load(const std::string &name) {
    std::unique_lock<std::mutex> lock(mu_);
    name_ = name;
  }
  void rename(const std::string &prefix, bool upper) {
    std::string next = prefix + "-config";
    if (upper) {
      next += "!";
      name_ = next;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'name_' is written without 'mu_', which 'load' holds when it writes it [sharing-inconsistent-locking]
      // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'name_' is written here with 'mu_' held
    }
  }

private:
  std::mutex mu_;
  std::string name_;
};

// A clean-up clears the jobs under the lock: that is evidence of the guard,
// though the clean-up's own accesses are not reported.
class Jobs {
public:
  void Stop() {
    std::lock_guard<std::mutex> l(mu_);
    jobs_.clear();
  }
  std::vector<int> snapshot() const {
    std::vector<int> copy = jobs_;
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'jobs_' is read without 'mu_', which 'Stop' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'jobs_' is written here with 'mu_' held
    return copy;
  }

private:
  mutable std::mutex mu_;
  std::vector<int> jobs_;
};

// The note shows the steady state's write, not the clean-up's before it.
class Sessions {
public:
  void Stop() {
    std::lock_guard<std::mutex> l(mu_);
    ids_.clear();
  }
  void add(int id) {
    std::lock_guard<std::mutex> l(mu_);
    ids_.push_back(id);
  }
  int first() const {
    return ids_.empty() ? -1 : ids_.front();
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'ids_' is read without 'mu_', which 'add' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'ids_' is written here with 'mu_' held
  }

private:
  mutable std::mutex mu_;
  std::vector<int> ids_;
};

// The class says what its mutex protects: the client list, which is read
// here without it.
class Listener {
public:
  void AddClient(int c) {
    std::lock_guard<std::mutex> l(mutex_);
    clients_.push_back(c);
  }
  int FirstClient() const {
    return clients_.empty() ? -1 : clients_.front();
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'clients_' is read without 'mutex_', which 'AddClient' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'clients_' is written here with 'mutex_' held
  }

private:
  std::vector<int> clients_;
  /**
   * This mutex protects the listener socket and the client list.
   */
  mutable std::mutex mutex_;
};

int main() {
  Account a;
  a.deposit(3);
  a.reset();
  Config c;
  c.rename("x", true);
  return static_cast<int>(a.balance() + a.doubled() + a.entries());
}
