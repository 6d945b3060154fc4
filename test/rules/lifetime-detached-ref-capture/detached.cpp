// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++17
#include <functional>
#include <string>
#include <thread>

void run(const std::string &name, int id) {}
void log_line(const std::string &line) {}

struct ThreadPool {
  template <class F> void detach_task(F f) { std::thread(f).detach(); }
};

void temporary_detached(int id) {
  std::string name = "worker-" + std::to_string(id);
  std::thread([&] { run(name, id); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'name', 'id' by reference and may outlive them [lifetime-detached-ref-capture]
}

void handle_detached() {
  std::string line = "started";
  int level = 2;
  std::thread t([&line, level] { log_line(line + std::to_string(level)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: detached work uses 'line' by reference
  t.detach();
}

void fire_and_forget_pool(ThreadPool &pool) {
  int attempts = 3;
  pool.detach_task([&] { run("retry", attempts); });
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: detached work uses 'attempts' by reference
}

void reference_wrapper_argument() {
  std::string line = "hello";
  std::thread(log_line, std::cref(line)).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: detached work uses 'line' by reference
}

std::string global_name = "global";

class Service {
public:
  void start() {
    int id = next_id_++;
    std::thread([&] { run(name_ + global_name, id); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: detached work uses 'id' by reference
  }

private:
  std::string name_ = "service";
  int next_id_ = 0;
};

void keeps_references(std::string &shared_log) {
  std::string prefix = "> ";
  std::string &log = shared_log;
  std::thread([&] { log += prefix; }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'prefix' by reference
}

void named_lambda_detached() {
  std::string line = "named";
  auto work = [&] { log_line(line); };
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'line' by reference
  std::thread(work).detach();
}
