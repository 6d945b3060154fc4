#include <mutex>
#include <string>
#include <thread>

std::mutex m;
int total;

void add(int v) {
  std::lock_guard<std::mutex>{m};
  total += v;
}

void parse(const std::string &s) {
  std::thread t([&s] { add(std::stoi(s)); });
  t.join();
}
