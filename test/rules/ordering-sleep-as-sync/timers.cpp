// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// Sleeps used as timers: the work runs for a while, or reaches its own wait,
// and is then told to stop and joined. Nothing reads what the work writes
// before it is waited for, so the sleep is not a join.
#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <sys/socket.h>
#include <thread>

using namespace std::chrono_literals;

int compute();
void work();

std::atomic<bool> running{true};
void stop_flag() {
  std::thread t([] {
    while (running)
      work();
  });
  std::this_thread::sleep_for(100ms);
  running = false;
  t.join();
}

void stop_token() {
  std::atomic<int> rounds{0};
  std::jthread t([&](std::stop_token st) {
    while (!st.stop_requested())
      ++rounds;
  });
  std::this_thread::sleep_for(50ms);
  t.request_stop();
}

// A server that runs until stop(), which joins nothing itself.
class Server {
public:
  void run() {
    std::unique_lock<std::mutex> lk(m_);
    while (!stopping_) {
      ++served_;
      cv_.wait_for(lk, 1ms);
    }
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lk(m_);
      stopping_ = true;
    }
    cv_.notify_all();
  }
  int served() const { return served_; }

private:
  std::mutex m_;
  std::condition_variable cv_;
  bool stopping_ = false;
  int served_ = 0;
};

void server_for_a_while() {
  Server s;
  std::thread t([&] { s.run(); });
  std::this_thread::sleep_for(200ms);
  s.stop();
  t.join();
  std::printf("%d\n", s.served());
}

// A worker object whose stop() joins its own thread.
class Ticker {
public:
  void run_for(std::chrono::milliseconds d) {
    t_ = std::thread([this] { loop(); });
    std::this_thread::sleep_for(d);
    stop();
    std::printf("%d\n", ticks());
  }
  void stop() {
    on_ = false;
    t_.join();
  }
  int ticks() const { return ticks_; }

private:
  void loop() {
    while (on_)
      ++ticks_;
  }
  std::atomic<bool> on_{true};
  std::atomic<int> ticks_{0};
  std::thread t_;
};

// The sleep lets the other thread reach its wait before the notify.
std::mutex m;
std::condition_variable cv;
bool ready = false;
int value = 0;
void notify_after_wait() {
  std::thread t([] {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [] { return ready; });
    value = 1;
  });
  std::this_thread::sleep_for(10ms);
  {
    std::lock_guard<std::mutex> lk(m);
    ready = true;
  }
  cv.notify_one();
  t.join();
  assert(value == 1);
}

// A timeout the code under test measures.
void timeout_measured() {
  std::timed_mutex tm;
  tm.lock();
  auto f = std::async(std::launch::async,
                      [&] { return tm.try_lock_for(50ms); });
  std::this_thread::sleep_for(100ms);
  bool got = f.get();
  tm.unlock();
  assert(!got);
}

// Closing the socket ends the reader.
void close_ends_reader(int fd) {
  std::thread t([fd] {
    char buf[64];
    while (recv(fd, buf, sizeof buf, 0) > 0) {
    }
  });
  std::this_thread::sleep_for(1s);
  shutdown(fd, SHUT_RDWR);
  t.join();
}

// A jthread joins at the end of the scope; nothing reads its output first.
void jthread_scope(std::atomic<int> &hits) {
  std::jthread t([&] { hits += compute(); });
  std::this_thread::sleep_for(10ms);
  std::printf("waiting\n");
}

// std::launch::deferred runs the work in the caller, at get().
void deferred_runs_in_caller() {
  int result = 0;
  auto f = std::async(std::launch::deferred, [&] { result = compute(); });
  std::this_thread::sleep_for(10ms);
  std::printf("%d\n", result);
  f.get();
}

// The poll re-checks after every sleep: it does not rely on the first one.
std::atomic<bool> finished{false};
void poll_after_settle() {
  std::thread t([] {
    work();
    finished = true;
  });
  std::this_thread::sleep_for(10ms);
  while (!finished)
    std::this_thread::yield();
  t.join();
}

// A server that runs for a while with nobody talking to it.
struct Acceptor {
  void serve(int fd) {
    ::listen(fd, 16);
    while (::accept(fd, nullptr, nullptr) >= 0) {
    }
  }
};
void server_idle(int listener) {
  Acceptor a;
  std::thread t([&] { a.serve(listener); });
  std::this_thread::sleep_for(100ms);
  ::shutdown(listener, SHUT_RDWR);
  t.join();
}

// The jthread joined at the end of its block, before the sleep.
void joined_by_scope() {
  int result = 0;
  {
    std::jthread t([&] { result = compute(); });
  }
  std::this_thread::sleep_for(10ms);
  std::printf("%d\n", result);
}
