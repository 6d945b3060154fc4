// RUN: %check_fix %s lifetime-async-future-discarded %t -- -std=c++17
// Futures that are read, waited on, handed on or returned: nothing to report.
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

int parse(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
  return 1;
}
void save(const std::string &doc);

int read(const std::string &s) {
  auto f = std::async(std::launch::async, parse, s);
  return f.get();
}

void waited(const std::string &s) {
  std::future<int> f = std::async(std::launch::async, parse, s);
  if (f.wait_for(std::chrono::seconds(1)) == std::future_status::timeout)
    f.wait();
}

int in_container(const std::vector<std::string> &lines) {
  std::vector<std::future<int>> parts;
  for (const std::string &l : lines)
    parts.push_back(std::async(std::launch::async, parse, l));
  int sum = 0;
  for (auto &p : parts)
    sum += p.get();
  return sum;
}

std::future<int> returned(const std::string &s) {
  return std::async(std::launch::async, parse, s);
}

std::future<int> moved_out(const std::string &s) {
  auto f = std::async(std::launch::async, parse, s);
  return f;
}

void consume(std::future<int> f);
void passed_on(const std::string &s) {
  consume(std::async(std::launch::async, parse, s));
}

// Kept only to wait at the end of the scope, for work that cannot throw
// (seen in this file): the idiom of a scoped background task.
int twice(int v) { return 2 * v; }
void scoped_background(int v) {
  auto running = std::async(std::launch::async, [v] { return twice(v); });
  save("meanwhile");
}

struct Loader {
  std::future<void> pending;
  void start(const std::string &doc) {
    pending = std::async(std::launch::async, save, doc);
  }
};
