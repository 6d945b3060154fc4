// RUN: %check_fix %s sharing-inconsistent-locking %t -- -std=c++17
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

// A read of a shared_mutex's state takes the reader lock the class uses.
class Registry {
public:
  void put(const std::string &k, int v) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    items_[k] = v;
  }
  int lookup(const std::string &k) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = items_.find(k);
    return it == items_.end() ? -1 : it->second;
  }
  bool has(const std::string &k) const {
    return items_.count(k) != 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'items_' is read without 'mu_', which 'put' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'items_' is written here with 'mu_' held
  }

private:
  mutable std::shared_mutex mu_;
  std::map<std::string, int> items_;
};

// A project mutex and its guard, taken by pointer.
class Mutex {
public:
  void Lock() { m_.lock(); }
  void Unlock() { m_.unlock(); }

private:
  std::mutex m_;
};

class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  Mutex *mu_;
};

class Cache {
public:
  void Insert(int key) {
    MutexLock l(&mu_);
    last_ = key;
  }
  int Last() {
    return last_;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'last_' is read without 'mu_', which 'Insert' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'last_' is written here with 'mu_' held
  }

private:
  Mutex mu_;
  int last_ = 0;
};

// A guard over a const mutex (with a defaulted argument): a const method
// can take it although the mutex is not mutable.
class RwMutex {
public:
  void lock() const { m_.lock(); }
  void unlock() const { m_.unlock(); }

private:
  mutable std::mutex m_;
};

class Guard {
public:
  explicit Guard(const RwMutex &m, long timeout = 0) : m_(m) {
    (void)timeout;
    m_.lock();
  }
  ~Guard() { m_.unlock(); }

private:
  const RwMutex &m_;
};

class Server {
public:
  void close() {
    Guard g(mu_);
    socket_ = -1;
  }
  bool isOpen() const {
    return socket_ != -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'socket_' is read without 'mu_', which 'close' holds when it writes it [sharing-inconsistent-locking]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'socket_' is written here with 'mu_' held
  }

private:
  RwMutex mu_;
  int socket_ = 3;
};

int main() {
  Registry r;
  r.put("a", 1);
  Cache c;
  c.Insert(2);
  Server s;
  s.close();
  return static_cast<int>(r.has("b")) + r.lookup("a") + c.Last() + s.isOpen();
}
