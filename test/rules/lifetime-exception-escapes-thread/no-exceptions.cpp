// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17 -fno-exceptions
// Built with -fno-exceptions, nothing can throw: std::stoi and .at() end the
// process themselves, there is no exception to catch and nothing to report.
#include <string>
#include <thread>
#include <vector>

void parse_in_thread(const std::string &line, int &out) {
  std::thread t([&line, &out] { out = std::stoi(line); });
  t.join();
}

void checked_index(const std::vector<int> &v, int &out) {
  std::thread t([&] { out = v.at(3); });
  t.join();
}
