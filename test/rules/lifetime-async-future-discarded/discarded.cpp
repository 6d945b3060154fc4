// RUN: %check_fix %s lifetime-async-future-discarded %t -- -std=c++17
// Reported only: nothing changes.
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

void save(const std::string &doc);

// The temporary future waits at the end of each statement: the saves run
// one after another on the caller's time.
void save_all(const std::vector<std::string> &docs) {
  for (const std::string &d : docs)
    std::async(std::launch::async, save, std::cref(d));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the future that 'std::async' returns is discarded: its destructor waits for the work here, so the call runs synchronously and its exception is lost [lifetime-async-future-discarded]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: keep the future and call get() where the result is needed, or run the work on a thread of its own
}

void cast_to_void(const std::string &doc) {
  (void)std::async([&doc] { save(doc); });
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the future that 'std::async' returns is discarded: its destructor waits
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: keep the future
}

// Deferred work whose future is dropped never runs.
void deferred(const std::string &doc) {
  std::async(std::launch::deferred, save, doc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future that 'std::async' returns is discarded: deferred work whose future is discarded never runs
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep the future and call get() where the result is needed
}

int parse(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
  return 1;
}

// Kept, never read: the exception of parse is lost.
void never_read(const std::string &s) {
  auto done = std::async(std::launch::async, [&s] { return parse(s); });
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the future 'done' is never waited on or read: its exception is never read
  // CHECK-MESSAGES: :[[@LINE-2]]:60: note: {{.*}}: the exception is stored in 'done' and lost
  if (done.valid())
    save(s);
}

#define IN_BACKGROUND(f, x) std::async(std::launch::async, f, x)
void in_macro(const std::string &doc) {
  IN_BACKGROUND(save, doc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future that 'std::async' returns is discarded
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep the future
}
