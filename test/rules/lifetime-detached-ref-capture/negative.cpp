// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++20
// Correct code: the work is waited for, holds copies, or reaches only
// objects that outlive the function.
#include <future>
#include <latch>
#include <string>
#include <thread>

void run(const std::string &name, int id) {}
std::string global_name = "global";
int global_counter = 0;

void joined() {
  std::string name = "joined";
  std::thread t([&] { run(name, 1); });
  t.join();
}

void jthread_scope() {
  int id = 4;
  std::jthread t([&] { run("j", id); });
}

void async_waited() {
  int id = 5;
  auto f = std::async(std::launch::async, [&] { run("a", id); });
  f.get();
}

void copies_only(int id) {
  std::string name = "copy";
  std::thread([=] { run(name, id); }).detach();
  std::thread([name, id] { run(name, id); }).detach();
  std::thread(run, name, id).detach();
}

void globals_only() {
  std::thread([&] { run(global_name, ++global_counter); }).detach();
}

int waits_for_the_work() {
  int result = 0;
  std::latch done(1);
  std::thread([&] {
    result = 42;
    done.count_down();
  }).detach();
  done.wait();
  return result;
}

void reference_parameter(const std::string &caller_owned) {
  std::thread([&] { run(caller_owned, 0); }).detach();
}

class Service {
public:
  void start() {
    std::thread([this] { run(name_, 0); }).detach();
    std::thread([&] { run(name_, 1); }).detach();
  }

private:
  std::string name_ = "service";
};
