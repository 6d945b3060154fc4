// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// Standard calls whose only failure is allocation are no evidence of a
// throw: building strings, and substr at a position that cannot be out of
// range (none, zero, one that find returned and the code checked
// against npos, or one that find returned plus one: npos + 1 is zero). A
// position nothing checks still is, and the finding names where the
// exception starts when it comes from a function called.
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex mu;
std::map<std::string, std::string> settings;

void parse_line(const std::string &line) {
  std::string::size_type eq = line.find('=');
  if (eq == std::string::npos)
    return;
  std::string key = line.substr(0, eq);
  std::string value = line.substr(eq + 1);
  std::lock_guard<std::mutex> lock(mu);
  settings[key] = value;
}

std::string extension(const std::string &path) {
  auto dot = path.rfind('.');
  return dot != std::string::npos ? path.substr(dot + 1) : std::string();
}

std::string base_name(const std::string &path) {
  return path.substr(path.find_last_of("/\\") + 1);
}

std::string after_colon(const std::string &s) {
  const auto colon = s.find(':');
  return s.substr(colon + 1);
}

bool is_resume_file(const std::string &s) {
  if (s.size() != 40 + 7)
    return false;
  if (s.substr(40) != ".resume")
    return false;
  return s.length() >= 3 && s.substr(2) != "x";
}

void load(const std::vector<std::string> &lines) {
  std::thread t([&lines] {
    for (const std::string &l : lines) {
      parse_line(l);
      std::string label = "line: " + l + " (" + std::to_string(l.size()) + ")";
      std::string ext = extension(l) + base_name(l) + after_colon(l);
      if (is_resume_file(l))
        ext += ".r";
      if (auto colon = l.find(':'); colon != std::string::npos)
        ext += l.substr(colon);
      std::puts((label + ext).c_str());
    }
  });
  t.join();
}

// The position comes from input nothing checks: substr may throw.
void head(const std::string &s, std::size_t n) {
  std::thread t([&s, n] { std::puts(s.substr(n).c_str()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'substr' is not declared noexcept, and nothing on the spawned thread catches it
  t.join();
}

// The position find returned, unchecked and without the plus one: npos is
// out of range.
std::string from_dot(const std::string &s) { return s.substr(s.find('.')); }

void suffixes(const std::vector<std::string> &names) {
  std::thread t([&names] {
    for (const std::string &n : names)
      std::puts(from_dot(n).c_str());
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'from_dot' may throw, and nothing on the spawned thread catches it
      // CHECK-MESSAGES: :[[@LINE-7]]:53: note: the exception starts here: 'substr' is not declared noexcept
  });
  t.join();
}
