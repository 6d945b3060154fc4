// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <mutex>
#include <string>
#include <unistd.h>

std::mutex mu;
std::string journal;

// The write comes after the last use of the journal: it moves below the
// explicit unlock().
void save(int fd) {
  std::unique_lock<std::mutex> lock(mu);
  std::string copy = journal;
  ::write(fd, copy.data(), copy.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  journal.clear();
  lock.unlock();
  fsync(fd);
}

// No unlock() yet: one is inserted before the blocking tail.
void save_tail(int fd) {
  std::unique_lock<std::mutex> lock(mu);
  std::string copy = journal;
  journal.clear();
  // Durable before we return.
  ::write(fd, copy.data(), copy.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'fsync' also blocks; it moves below the critical section too
}

// m.lock() ... m.unlock(): the write moves after the unlock.
void save_manual(int fd) {
  mu.lock();
  std::string copy = journal;
  ::write(fd, copy.data(), copy.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  journal.clear();
  mu.unlock();
}
