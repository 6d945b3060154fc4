// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <cstdio>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

std::mutex mu;
std::vector<std::string> chunks;

// The result of the read is used under the lock: the call moves up with the
// declaration that receives it, and the buffer it fills.
void pull(int fd) {
  std::lock_guard<std::mutex> lock(mu);
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'read' blocks while 'mu' is held
  if (n > 0)
    chunks.emplace_back(buf, static_cast<size_t>(n));
}

// stdio on a stream the function opened itself.
std::string first_line(const char *path) {
  std::lock_guard<std::mutex> lock(mu);
  std::string out = chunks.empty() ? "" : chunks.front();
  FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'fopen' blocks while 'mu' is held
  return out;
}
