// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++17
// Detached work that is a callable object holding references or pointers
// to the spawning function's locals: a functor or a std::bind result. They
// are reported; the fix would change the object's type or how it is built,
// so nothing is rewritten.
#include <functional>
#include <string>
#include <thread>

void log_line(const std::string &line) {}

struct Printer {
  const std::string &text;
  void operator()() const { log_line(text); }
};

void aggregate_functor() {
  std::string text = "hello";
  std::thread(Printer{text}).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: detached work uses 'text' by reference and may outlive it [lifetime-detached-ref-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: not rewritten: the work is an object of class 'Printer' that holds a reference to 'text'; holding a copy needs a change of its type or of how it is built
}

class Tally {
public:
  explicit Tally(int &total) : total_(total) {}
  void operator()() { ++total_; }

private:
  int &total_;
};

void constructed_functor() {
  int total = 0;
  Tally tally(total);
  std::thread t(tally);
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: detached work uses 'total' by reference
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: not rewritten: the work is an object of class 'Tally' that holds a reference to 'total'
  t.detach();
}

struct Reader {
  explicit Reader(const int *source) : source_(source) {}
  void operator()() const { log_line(std::to_string(*source_)); }
  const int *source_;
};

void pointer_member() {
  int value = 42;
  std::thread(Reader(&value)).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: detached work uses 'value' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: not rewritten: the work is an object of class 'Reader' that holds a reference to 'value'
}

void bound_reference() {
  std::string line = "bound";
  std::thread(std::bind(log_line, std::cref(line))).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: detached work uses 'line' by reference
  // CHECK-MESSAGES: :[[@LINE-2]]:35: note: not rewritten: the work is a std::bind result that holds a reference to 'line'
}

// Objects that hold copies: nothing to report.
struct Copier {
  explicit Copier(const std::string &s) : copy_(s) {}
  void operator()() const { log_line(copy_); }
  std::string copy_;
};

void copies_in_the_constructor() {
  std::string text = "copied";
  std::thread(Copier(text)).detach();
  std::thread(std::bind(log_line, text)).detach();
}

// Joined before the locals die.
void joined_functor() {
  std::string text = "joined";
  std::thread t(Printer{text});
  t.join();
}
