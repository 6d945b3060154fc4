// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

std::mutex mu;
std::string journal;
int counter;
FILE *log_file;
unsigned backoff();

// The write sends the guarded journal itself.
void flush(int fd) {
  std::lock_guard<std::mutex> lock(mu);
  ::write(fd, journal.data(), journal.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'journal' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement writes 'journal', shared state that the lock 'mu' serialises
  journal.clear();
}

// The sleep depends on a value read under the lock, and the lock is held
// to the end of the function.
void pace() {
  std::lock_guard<std::mutex> lock(mu);
  int n = counter;
  sleep(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'n' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement depends on 'n', which the critical section touches before it
  counter = 0;
}

// Unknown code in the moved statement.
void nap() {
  std::lock_guard<std::mutex> lock(mu);
  ++counter;
  sleep(backoff());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: 'backoff' is called here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement calls 'backoff', whose effects are unknown
}

// The log file is replaced under the same mutex.
void open_log(const char *path) {
  std::lock_guard<std::mutex> lock(mu);
  log_file = std::fopen(path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fopen' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'log_file' is used here
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: not rewritten: the statement writes 'log_file', shared state that the lock 'mu' serialises
}
// The write needs the lock that keeps open_log() from replacing (and
// closing) its target: not reported (guarded-target.cpp).
void log_line(const char *msg) {
  std::lock_guard<std::mutex> lock(mu);
  std::fputs(msg, log_file);
}

// An early return before the call.
int lookup(int fd, int key) {
  std::lock_guard<std::mutex> lock(mu);
  if (key == counter)
    return counter;
  char c = 0;
  int got = static_cast<int>(read(fd, &c, 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'read' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'return' may leave the critical section here
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: not rewritten: a statement before it may leave the critical section ('return'), so whether the call runs would change
  return got + c;
}

// A guarded member read: the path is set under the same mutex elsewhere.
class Store {
public:
  void set_path(const std::string &p) {
    std::lock_guard<std::mutex> lock(mu_);
    path_ = p;
  }
  void save(const std::string &text) {
    std::lock_guard<std::mutex> lock(mu_);
    std::ofstream out(path_);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'std::ofstream' blocks while 'mu_' is held
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'path_' is used under 'mu_' here
    // CHECK-MESSAGES: :[[@LINE-3]]:19: note: not rewritten: the statement reads 'path_', which is guarded by 'mu_'
    out << text;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator<<' blocks while 'mu_' is held
    // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'out' is used here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the statement depends on 'out', which the critical section touches before it
  }

private:
  std::mutex mu_;
  std::string path_;
};

#define NAP() std::this_thread::sleep_for(std::chrono::milliseconds(1))
void in_macro() {
  std::lock_guard<std::mutex> lock(mu);
  ++counter;
  NAP();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the code is inside a macro expansion
}

void suppressed() {
  std::lock_guard<std::mutex> lock(mu);
  sleep(1); // NOLINT(sharing-io-under-lock)
}

// Console output before the write: moving the write would reorder them.
void report(const char *buf, unsigned long n, FILE *out) {
  std::lock_guard<std::mutex> lock(mu);
  std::printf("report %d\n", counter);
  std::fwrite(buf, 1, n, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fwrite' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'printf' does input/output here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: a statement before it also does input/output ('printf'), whose order would change
}

// A field read through a pointer is guarded when the field is used under
// the same mutex elsewhere.
struct Job { unsigned delay; };
void schedule(Job *job, unsigned d) {
  std::lock_guard<std::mutex> lock(mu);
  job->delay = d;
}
void wait_for(Job *job) {
  std::lock_guard<std::mutex> lock(mu);
  sleep(job->delay);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-6]]:8: note: 'delay' is used under 'mu' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement reads 'delay', which is guarded by 'mu'
}

// A label in the statement: a goto elsewhere enters there.
void retry(int n) {
  std::lock_guard<std::mutex> lock(mu);
  ++counter;
again:
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:1: note: a label that code elsewhere jumps to is here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement contains a label, which code elsewhere jumps to
  if (--n > 0)
    goto again;
}

// lock() on a deferred unique_lock holds its mutex; the counter is guarded
// by it.
void deferred_then_locked() {
  std::unique_lock<std::mutex> lock(mu, std::defer_lock);
  lock.lock();
  sleep(counter);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'mu' is held
  // CHECK-MESSAGES: note: 'counter' is used under 'mu' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the statement reads 'counter', which is guarded by 'mu'
  lock.unlock();
}
