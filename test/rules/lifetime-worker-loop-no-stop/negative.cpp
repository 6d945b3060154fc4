// RUN: %check_fix %s lifetime-worker-loop-no-stop %t -- -std=c++20
// Loops that can stop: nothing to report.
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

std::atomic<bool> stop{false};
void step() noexcept;

void flag_in_condition() {
  std::thread t([] {
    while (!stop.load())
      step();
  });
  stop = true;
  t.join();
}

void token(std::stop_source &src) {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      step();
  });
  src.request_stop();
}

void break_on_flag() {
  std::thread t([] {
    for (;;) {
      if (stop)
        break;
      step();
    }
  });
  t.join();
}

// A classic pool worker: returns once stopped and drained.
struct Pool {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::function<void()>> tasks;
  bool done = false;
  std::vector<std::thread> workers;
  Pool() {
    for (int i = 0; i < 4; ++i)
      workers.emplace_back([this] {
        while (true) {
          std::function<void()> task;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [this] { return done || !tasks.empty(); });
            if (done && tasks.empty())
              return;
            task = std::move(tasks.front());
            tasks.pop_front();
          }
          task();
        }
      });
  }
};

void exits_process() {
  std::thread([] {
    while (true) {
      if (stop)
        std::exit(0);
      step();
    }
  }).detach();
}

// A break inside an inner switch does not leave the loop, but a return does.
void inner_switch(int mode) {
  std::thread t([mode] {
    while (1) {
      switch (mode) {
      case 0:
        break;
      default:
        return;
      }
    }
  });
  t.join();
}
