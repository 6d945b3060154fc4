// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// Locks held over calls that do not block, or held over I/O on purpose.
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

std::mutex mu;
int ready_count;

// select/poll/epoll_wait with a zero timeout only look.
void look(int fd, pollfd *fds, epoll_event *events) {
  std::lock_guard<std::mutex> lock(mu);
  fd_set set;
  FD_ZERO(&set);
  FD_SET(fd, &set);
  timeval now = {0, 0};
  ready_count = select(fd + 1, &set, nullptr, nullptr, &now);
  timeval zero;
  zero.tv_sec = 0;
  zero.tv_usec = 0;
  ready_count += select(fd + 1, &set, nullptr, nullptr, &zero);
  ready_count += poll(fds, 1, 0);
  ready_count += epoll_wait(fd, events, 8, 0);
  timespec none{};
  ready_count += ppoll(fds, 1, &none, nullptr);
}

// A mutex that serialises one stream and guards nothing else: every
// section on it is the output itself.
class Log {
public:
  void line(const char *text) {
    std::lock_guard<std::mutex> lock(out_mu_);
    std::fprintf(out_, "%s\n", text);
    std::fflush(out_);
  }
  void pair(const char *a, const char *b) {
    std::lock_guard<std::mutex> lock(out_mu_);
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, "%s=%s\n", a, b);
    std::fputs(buffer, out_);
  }

private:
  std::mutex out_mu_;
  FILE *out_ = stderr;
};

// A path that ends the process: the lock keeps the dying report together.
std::mutex report_mu;
int state;

void check(bool ok) {
  std::lock_guard<std::mutex> lock(report_mu);
  if (!ok) {
    std::fprintf(stderr, "fatal: state %d\n", state);
    std::abort();
  }
  ++state;
}

void check_terminate(bool ok) {
  report_mu.lock();
  if (!ok) {
    std::fprintf(stderr, "fatal: state %d\n", state);
    std::terminate();
  }
  ++state;
  report_mu.unlock();
}

[[noreturn]] void die(const char *why);

void check_die(bool ok) {
  std::lock_guard<std::mutex> lock(report_mu);
  if (!ok) {
    std::fputs("state is broken\n", stderr);
    die("broken");
  }
  ++state;
}

void check_assert(bool ok) {
  std::lock_guard<std::mutex> lock(report_mu);
  if (!ok) {
    std::fputs("state is broken\n", stderr);
    assert(false);
  }
  ++state;
}

// A try_lock probe whose result is only tested holds nothing.
void assert_is_locked() {
  if (report_mu.try_lock()) {
    report_mu.unlock();
    std::fputs("report_mu is not locked\n", stderr);
  }
}

// The same probe behind a branch-prediction hint, as fish writes it.
#define unlikely(x) __builtin_expect(!!(x), 0)
void assert_is_locked_hinted(std::mutex &m, const char *who) {
  if (unlikely(m.try_lock())) {
    std::fprintf(stderr, "%s is not locked\n", who);
    m.unlock();
  }
}
