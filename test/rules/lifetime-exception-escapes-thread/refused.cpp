// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// A named function may have other callers that expect its exceptions.
void parse_all(const std::vector<std::string> &lines, std::vector<int> &out) {
  for (const std::string &l : lines)
    out.push_back(std::stoi(l));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'stoi' is not declared noexcept, and nothing on the spawned thread catches it
  // CHECK-MESSAGES: :[[@LINE+6]]:15: note: the function is run on a thread here
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: not rewritten: the work is the function 'parse_all', whose other callers may expect its exceptions; catch them in a lambda at the spawn
}

void start(const std::vector<std::string> &lines) {
  std::vector<int> out;
  std::thread t(parse_all, std::cref(lines), std::ref(out));
  t.join();
}

// The lambda returns a value: a handler would have to invent one.
void returns_value(const std::string &s) {
  std::thread t([&s] { return std::stoi(s); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'stoi' is not declared noexcept
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: not rewritten: the work returns a value; a handler would have to make one up
  t.join();
}

#define PARSE_BODY(s) { int v = std::stoi(s); (void)v; }
void in_macro(const std::string &s) {
  std::thread t([&s] PARSE_BODY(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'stoi' is not declared noexcept
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: not rewritten: the code is inside a macro expansion
  t.join();
}

// The same null check, but the spawn passes a pointer that may be null.
struct Job {
  static void run(Job *j) {
    if (!j)
      throw std::invalid_argument("no job");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a throw expression, and nothing on the spawned thread catches it
    j->done = true;
  }
  bool done = false;
};

void run_job(Job *j) {
  std::thread t(Job::run, j);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: the function is run on a thread here
  t.join();
}

// The outer handler catches another type: the rethrow escapes.
struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void parse_lines(const std::vector<std::string> *lines) {
  try {
    for (const std::string &l : *lines) {
      try {
        if (l.empty())
          throw ParseError("empty");
      } catch (const ParseError &) {
        throw;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: a rethrow, and nothing on the spawned thread catches it
      }
    }
  } catch (const IoError &) {
  }
}
void parse_in_thread(const std::vector<std::string> *lines) {
  std::thread t(parse_lines, lines);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: the function is run on a thread here
  t.join();
}
