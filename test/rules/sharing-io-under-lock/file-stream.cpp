// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <fstream>
#include <map>
#include <mutex>
#include <string>

class Config {
public:
  void reload(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu_);
    ++generation_;
    // The file may sit on a slow network disk.
    std::ifstream in(path);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'std::ifstream' blocks while 'mu_' is held
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'std::getline' also blocks; it moves above the critical section too
    std::string line;
    std::getline(in, line);
    values_[path] = line;
  }

  std::string get(const std::string &key) {
    std::lock_guard<std::mutex> lock(mu_);
    return values_[key];
  }

private:
  std::mutex mu_;
  std::map<std::string, std::string> values_;
  long generation_ = 0;
};
