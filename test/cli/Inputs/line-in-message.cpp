#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

std::mutex mu;
int balance;
int parse(int n) {
  if (n < 0)
    throw std::invalid_argument("negative");
  return n;
}
void deposit(int n) {
  mu.lock();
  balance += parse(n);
  mu.unlock();
}

int result;
void run() {
  std::thread([] { result = 42; }).detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int r = result;
  (void)r;
}
