// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// Output whose target, the descriptor, is the state the lock guards: a
// close() under the same mutex resets it, so the lock must be held over the
// write (thrift's TServerSocket::interrupt). Output to a descriptor the
// lock does not guard, and reads, are still reported.
#include <mutex>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

class ServerSocket {
public:
  // Wakes the thread blocked in accept().
  void interrupt() {
    std::lock_guard<std::mutex> g(mu_);
    if (interruptWriter_ != -1)
      notify(interruptWriter_);
  }
  void wake() {
    std::lock_guard<std::mutex> g(mu_);
    if (wakeFd_ >= 0) {
      char byte = 0;
      send(wakeFd_, &byte, 1, 0);
    }
  }
  void close() {
    std::lock_guard<std::mutex> g(mu_);
    if (interruptWriter_ != -1)
      ::close(interruptWriter_);
    if (wakeFd_ >= 0)
      ::close(wakeFd_);
    interruptWriter_ = -1;
    wakeFd_ = -1;
  }

private:
  static void notify(int fd) {
    char byte = 0;
    send(fd, &byte, 1, 0);
  }
  std::mutex mu_;
  int interruptWriter_ = -1;
  int wakeFd_ = -1;
};

// The descriptor is opened once and never reset under the lock: the lock
// guards the entries, and the write makes every appender wait for the disk.
class Journal {
public:
  explicit Journal(int fd) : fd_(fd) {}
  void append(const std::string &s) {
    std::unique_lock<std::mutex> lock(mu_);
    entries_.push_back(s);
    write(fd_, s.data(), s.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'write' blocks while 'mu_' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.size();
  }

private:
  std::mutex mu_;
  std::vector<std::string> entries_;
  int fd_;
};

// A read on the guarded descriptor still keeps every other thread waiting
// for the peer.
class Connection {
public:
  int receive(char *buf, int n) {
    std::lock_guard<std::mutex> g(mu_);
    if (sock_ < 0)
      return -1;
    return recv(sock_, buf, n, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'recv' blocks while 'mu_' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  }
  void close() {
    std::lock_guard<std::mutex> g(mu_);
    ::close(sock_);
    sock_ = -1;
  }

private:
  std::mutex mu_;
  int sock_ = -1;
};
