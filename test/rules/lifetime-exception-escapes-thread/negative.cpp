// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// Spawned work whose exceptions cannot end the process: nothing to report.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

std::mutex mu;
std::condition_variable cv;
long counter = 0;
bool ready = false;

int square(int v) noexcept { return v * v; }
int twice(int v) { return 2 * v; } // not noexcept, but visibly does not throw

// Locking, arithmetic, atomics, noexcept calls, printing.
void counting(std::atomic<int> &hits) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&hits, i] {
      std::lock_guard<std::mutex> lock(mu);
      counter += square(i) + twice(i);
      hits.fetch_add(1, std::memory_order_relaxed);
      std::printf("worker %d\n", i);
      std::cout << "done " << i << '\n';
    });
  for (std::thread &t : threads)
    t.join();
}

// Waiting on a condition variable.
void waiting() {
  std::thread t([] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    ready = true;
  }
  cv.notify_one();
  t.join();
}

// std::async carries the exception to the future.
int async_parse(const std::string &s) {
  auto f = std::async(std::launch::async, [&s] { return std::stoi(s); });
  return f.get();
}

// The body already catches everything.
void already_caught(const std::string &s, std::atomic<int> &out) {
  std::thread t([&] {
    try {
      out = std::stoi(s);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "bad input: %s\n", e.what());
    }
  });
  t.join();
}

// A throw caught inside the body by its own type.
void caught_by_type(int n, std::atomic<int> &out) {
  std::thread t([&] {
    try {
      if (n < 0)
        throw std::invalid_argument("negative");
      out = n;
    } catch (const std::logic_error &) {
      out = 0;
    }
  });
  t.join();
}

// A lambda that is created but not called in the body does not run there.
void lambda_not_called(std::atomic<int> &out) {
  std::thread t([&] {
    auto later = [] { throw std::runtime_error("never called"); };
    (void)sizeof(later);
    out = 1;
  });
  t.join();
}

// Element access and iteration do not throw.
void element_access(const std::vector<int> &v, const std::string &name,
                    std::atomic<long> &sum) {
  std::thread t([&] {
    for (int x : v)
      sum += x;
    if (!name.empty() && name[0] == 'x' && v.front() > 0)
      sum -= 1;
  });
  t.join();
}

// Collecting results in containers and strings: the standard library throws
// there only when memory runs out, which is not the pitfall.
#include <algorithm>
#include <map>
void collecting(const std::vector<int> &input) {
  std::vector<std::string> names;
  std::map<int, std::string> byId;
  std::thread t([&] {
    for (int v : input) {
      std::lock_guard<std::mutex> lock(mu);
      names.push_back("item " + std::to_string(v));
      byId.emplace(v, names.back());
    }
    std::sort(names.begin(), names.end());
  });
  t.join();
}

// A throw that only a null argument reaches, for work the spawn hands
// `this` or an address; and a project's own allocation failure.
class Watcher {
public:
  static void idle_loop(Watcher *w) {
    if (!w)
      throw std::invalid_argument("callback argument cannot be null");
    w->ticks++;
  }
  static void count(long *n) {
    if (n == nullptr)
      throw std::invalid_argument("null counter");
    ++*n;
  }
  void start() {
    std::thread t(idle_loop, this);
    long n = 0;
    std::thread u(count, &n);
    t.join();
    u.join();
  }
  int ticks = 0;
};

struct Arena {
  char *take(std::size_t n) {
    if (used + n > sizeof buf)
      throw std::bad_alloc();
    used += n;
    return buf + used - n;
  }
  char buf[256];
  std::size_t used = 0;
};

void fill(Arena &a) {
  std::thread t([&a] { a.take(16)[0] = 'x'; });
  t.join();
}

// A rethrow from a handler of one type that an outer handler of the same
// type catches.
struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void evaluate(const std::string &code); // defined elsewhere
void console(const std::vector<std::string> &lines) {
  std::thread t([&lines] {
    for (const std::string &line : lines) {
      try {
        bool retried = false;
        try {
          if (line.empty())
            throw SyntaxError("empty");
          evaluate(line);
        } catch (const SyntaxError &) {
          if (retried)
            throw;
          retried = true;
        }
      } catch (const SyntaxError &e) {
        std::fprintf(stderr, "%s\n", e.what());
      }
    }
  });
  t.join();
}

// A function named to end the program throws to die: that is its purpose.
[[maybe_unused]] static void unixDie(const std::string &why) {
  throw std::runtime_error(why + ": system error");
}
int wait_for_data(int fd);
void pipe_worker(int fd) {
  std::thread t([fd] {
    if (wait_for_data(fd) < 0)
      unixDie("waiting for data");
  });
  t.join();
}

// A throw that states an invariant is an assertion: it fires on a bug.
int read_pointer(int fd, void **out);
void invariant_worker(int fd) {
  std::thread t([fd] {
    void *p = nullptr;
    if (read_pointer(fd, &p) != sizeof(p))
      throw std::runtime_error("Partial read, should not happen");
    if (!p)
      throw std::logic_error("unreachable: a null object in the pipe");
  });
  t.join();
}

// The work's own handler logs and rethrows: ending the process is chosen.
int parse_config(const std::string &text) { return std::stoi(text); }
void logged_worker(const std::string &text) {
  std::thread t([text] {
    try {
      parse_config(text);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "worker: %s\n", e.what());
      throw;
    }
  });
  t.join();
}

// A holder whose access throws only when the lock was not taken, used only
// after its caller tested that it was.
template <typename T> class TryHolder {
public:
  TryHolder(T &v, std::mutex &m) : lock_(m, std::try_to_lock), value_(v) {}
  bool owns_lock() const noexcept { return lock_.owns_lock(); }
  T &operator*() const {
    if (!owns_lock())
      throw std::runtime_error("access without the lock");
    return value_;
  }
  T *get() const {
    if (owns_lock())
      return &value_;
    throw std::runtime_error("access without the lock");
  }

private:
  std::unique_lock<std::mutex> lock_;
  T &value_;
};
void try_insert(std::vector<int> &ring, std::mutex &m, int v) {
  std::thread t([&ring, &m, v] {
    TryHolder<std::vector<int>> h(ring, m);
    if (h.owns_lock()) {
      (*h).push_back(v);
      h.get()->push_back(v);
    }
  });
  t.join();
}
