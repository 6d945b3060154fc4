// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// A mutex may exist to serialise output (writes and flushes to one stream,
// file or log): holding it over that output is its purpose. A sleep, a
// read, a receive or a connect under a lock is not output: every other
// thread that needs the lock waits for it, even when the mutex guards
// nothing else. Sections opened by a bare try-lock or a timed lock count.
#include <cstdio>
#include <fstream>
#include <mutex>
#include <pthread.h>
#include <string>
#include <sys/socket.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

std::mutex sleep_mu;

void nap() {
  std::lock_guard<std::mutex> lock(sleep_mu);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'sleep_mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
}

std::mutex sock_mu;

long receive(int fd, char *buf, unsigned long n) {
  std::lock_guard<std::mutex> lock(sock_mu);
  long got = recv(fd, buf, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'recv' blocks while 'sock_mu' is held
  return got;
}

std::mutex in_mu;

int next_char(FILE *in) {
  std::lock_guard<std::mutex> lock(in_mu);
  int c = getc(in);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'getc' blocks while 'in_mu' is held
  return c;
}

pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;

void bare_try() {
  pthread_mutex_trylock(&pmu);
  usleep(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks while 'pmu' is held
  pthread_mutex_unlock(&pmu);
}

mtx_t cmu;

void timed(const struct timespec *until) {
  if (mtx_timedlock(&cmu, until) == thrd_success) {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'cmu' is held
    mtx_unlock(&cmu);
  }
}

void tried() {
  if (mtx_trylock(&cmu) == thrd_success) {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'cmu' is held
    mtx_unlock(&cmu);
  }
}

// Output that a mutex serialises: silent.
class Log {
public:
  void line(const char *text) {
    std::lock_guard<std::mutex> lock(mu_);
    std::fprintf(out_, "%s\n", text);
    std::fflush(out_);
  }

private:
  std::mutex mu_;
  FILE *out_ = stderr;
};

class Journal {
public:
  explicit Journal(const std::string &path) : out_(path) {}
  void append(const std::string &entry) {
    std::lock_guard<std::mutex> lock(mu_);
    out_ << entry << '\n';
    out_.flush();
  }

private:
  std::mutex mu_;
  std::ofstream out_;
};

std::mutex fd_mu;

void send_all(int fd, const char *data, unsigned long n) {
  std::lock_guard<std::mutex> lock(fd_mu);
  while (n > 0) {
    long sent = write(fd, data, n);
    if (sent <= 0)
      return;
    data += sent;
    n -= static_cast<unsigned long>(sent);
  }
}
