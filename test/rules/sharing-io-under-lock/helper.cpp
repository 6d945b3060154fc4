// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

std::mutex mu;
std::string cached;

static std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static std::string load(const std::string &name) {
  return slurp("/etc/" + name);
}

// A helper of this file that reads a file, two calls deep.
void refresh(const std::string &name) {
  std::unique_lock<std::mutex> lock(mu);
  std::string text = load(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'load' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'load' blocks: it calls 'slurp', which calls 'std::ifstream'
  cached = text;
}

// Formatting into a string stream does not block.
std::string describe(int n) {
  std::lock_guard<std::mutex> lock(mu);
  std::ostringstream os;
  os << cached << n;
  std::string line;
  std::istringstream is(cached);
  std::getline(is, line);
  return os.str() + line;
}
