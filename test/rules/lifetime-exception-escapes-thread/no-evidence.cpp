// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// Only evidence counts: a throw that the translation unit shows, or a
// function that throws on bad input. Calls whose bodies are elsewhere,
// allocation, calls through pointers and rethrows of nothing: no finding.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Declared here, defined in another file: not being noexcept shows nothing.
void flush_log(const std::string &line);
struct Connection {
  void send(const std::string &data);
  virtual void close();
};

void body_elsewhere(const std::string &line) {
  std::thread t([&line] { flush_log(line); });
  t.join();
}

void members_elsewhere(Connection &c) {
  std::thread t([&c] {
    c.send("bye");
    c.close();
  });
  t.join();
}

// Allocation fails only when memory runs out: not the pitfall.
struct Node {
  int value = 0;
  Node *next = nullptr;
};
void allocates(std::vector<Node *> &out, std::mutex &mu) {
  std::thread t([&] {
    Node *n = new Node;
    std::unique_ptr<Node> owned = std::make_unique<Node>();
    std::lock_guard<std::mutex> lock(mu);
    out.push_back(n);
    (void)owned;
  });
  t.join();
}

// A call through a pointer or a std::function shows nothing about its
// target.
void through_pointers(void (*callback)(int), std::function<void()> task) {
  std::thread t([=] {
    callback(1);
    task();
  });
  t.join();
}

// A project function that only calls functions defined elsewhere.
int checksum(const std::string &s);
int verify(const std::string &s) { return checksum(s) == 0 ? 0 : 1; }
void calls_a_caller(const std::string &s, int &out) {
  std::thread t([&] { out = verify(s); });
  t.join();
}

// A rethrow whose try block cannot throw anything.
int total(const std::vector<int> &v) {
  int sum = 0;
  try {
    for (int x : v)
      sum += x;
  } catch (...) {
    sum = -1;
    throw;
  }
  return sum;
}
void rethrow_of_nothing(const std::vector<int> &v, int &out) {
  std::thread t([&] { out = total(v); });
  t.join();
}

// A function that throws only on bad input, given a literal: cannot throw.
#include <regex>
void literal_inputs(const std::string &s, bool &out) {
  std::thread t([&] {
    static const std::regex word("[a-z]+");
    out = std::regex_match(s, word) && std::stoi("42") == 42;
  });
  t.join();
}
