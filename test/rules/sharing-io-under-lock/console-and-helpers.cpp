// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// Console output is not blocking I/O, and a helper that polls with the
// timeout its caller passes only looks when the caller passes zeros.
#include <cstdio>
#include <ctime>
#include <mutex>
#include <poll.h>
#include <sys/select.h>

std::mutex mu;
int errors;

// An error report on the console, as printf is: not blocking I/O.
void report(const char *what) {
  std::lock_guard<std::mutex> lock(mu);
  ++errors;
  std::fprintf(stderr, "error %d: %s\n", errors, what);
  std::fputs("see the log\n", stdout);
  std::fflush(stderr);
}

// A helper that waits as long as it is told, the way network libraries
// write it.
long wait_readable(int fd, time_t sec, time_t usec) {
  fd_set fds;
  FD_ZERO(&fds);
  FD_SET(fd, &fds);
  timeval tv;
  tv.tv_sec = static_cast<long>(sec);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>(usec);
  return select(fd + 1, &fds, nullptr, nullptr, &tv);
}

template <typename F> long retrying(F fn) {
  long r;
  do {
    r = fn();
  } while (r < 0);
  return r;
}

long poll_readable(int fd, time_t sec, time_t usec) {
  pollfd p{fd, POLLIN, 0};
  auto timeout = static_cast<int>(sec * 1000 + usec / 1000);
  return retrying([&] { return poll(&p, 1, timeout); });
}

int ready;

// Zeros passed down: the helpers only look.
void probe(int fd) {
  std::lock_guard<std::mutex> lock(mu);
  ready = wait_readable(fd, 0, 0) > 0;
  ready += poll_readable(fd, 0, 0) > 0;
}
