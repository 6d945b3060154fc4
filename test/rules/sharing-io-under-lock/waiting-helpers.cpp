// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// The same helpers wait when the caller asks them to, and a write to a file
// that is not the console is blocking I/O.
#include <cstdio>
#include <ctime>
#include <mutex>
#include <poll.h>

std::mutex mu;
int ready;
int lines;

long poll_readable(int fd, time_t sec, time_t usec) {
  pollfd p{fd, POLLIN, 0};
  auto timeout = static_cast<int>(sec * 1000 + usec / 1000);
  return poll(&p, 1, timeout);
}

// A helper whose zero is overwritten before it waits.
long poll_at_least_a_second(int fd, time_t sec) {
  if (sec == 0)
    sec = 1;
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, static_cast<int>(sec * 1000));
}

void probe(int fd, time_t wait_sec) {
  std::lock_guard<std::mutex> lock(mu);
  // CHECK-MESSAGES: :[[@LINE+1]]:11: warning: 'poll_readable' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  ready = poll_readable(fd, wait_sec, 0) > 0;
  // CHECK-MESSAGES: :[[@LINE+1]]:12: warning: 'poll_at_least_a_second' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  ready += poll_at_least_a_second(fd, 0) > 0;
}

void save(FILE *out, const char *line) {
  std::lock_guard<std::mutex> lock(mu);
  ++lines;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: warning: 'fputs' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  std::fputs(line, out);
}
