// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

std::mutex mu;
std::condition_variable cv;
bool ready;
std::string shared;

// The idiom the rule asks for: I/O first, then a short critical section.
void load(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::lock_guard<std::mutex> lock(mu);
  shared = line;
}

// Waiting on a condition variable releases the lock.
void consume() {
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [] { return ready; });
  cv.wait_for(lock, std::chrono::milliseconds(1));
  ready = false;
}

// The lock is released before the sleep.
void release_first() {
  std::unique_lock<std::mutex> lock(mu);
  ready = true;
  lock.unlock();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void manual_release() {
  mu.lock();
  ready = true;
  mu.unlock();
  usleep(10);
}

// A deferred lock is not held until lock() is called.
void deferred() {
  std::unique_lock<std::mutex> lock(mu, std::defer_lock);
  usleep(10);
  lock.lock();
  ready = true;
}

// Work started on another thread does not block this one.
void spawn() {
  std::lock_guard<std::mutex> lock(mu);
  std::thread([] { sleep(1); }).detach();
}

// Formatting into memory is not input/output.
std::string format(int n) {
  std::lock_guard<std::mutex> lock(mu);
  std::ostringstream os;
  os << shared << n;
  std::istringstream is(shared);
  std::string first;
  std::getline(is, first);
  return os.str() + first;
}

// Member functions named like POSIX calls are not those calls.
struct Buffer {
  void write(const char *) {}
  int read() { return 0; }
};
void buffered(Buffer &b) {
  std::lock_guard<std::mutex> lock(mu);
  b.write("x");
  b.read();
}
