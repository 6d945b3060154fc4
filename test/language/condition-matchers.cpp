// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-write-under-lock,acme-log-blocks-others,acme-loop-arg-as-matcher,acme-read-before-join-as-matcher %t -- -std=c++17
// Conditions as matchers in `match:`, positive and negative (reports):
// lockHeld() inside hasDescendant (it fills {held}), lockHeld() and
// inSpawnedWork() in anyOf, loopVariable() on an argument (it fills {var}),
// afterSpawn().
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
std::mutex mu;
std::string data;
void log_line(const char *);
void use(int);
void consume();
void work();

void save(FILE *f) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'save' calls 'fwrite(data.data(), 1, data.size(), f)' while 'mu' is held [acme-write-under-lock]
  std::lock_guard<std::mutex> lock(mu);
  fwrite(data.data(), 1, data.size(), f);
}

// Copy under the lock, write after it.
void save_copy(FILE *f) {
  std::string copy;
  {
    std::lock_guard<std::mutex> lock(mu);
    copy = data;
  }
  fwrite(copy.data(), 1, copy.size(), f);
}

void deposit() {
  std::lock_guard<std::mutex> lock(mu);
  log_line("deposit");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'log_line("deposit")' blocks a worker or a lock holder [acme-log-blocks-others]
}

void start() {
  std::thread t([] {
    log_line("worker");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'log_line("worker")' blocks a worker or a lock holder [acme-log-blocks-others]
  });
  log_line("started");
  t.join();
}

void withdraw() {
  log_line("withdraw");
  std::lock_guard<std::mutex> lock(mu);
  data.clear();
}

void loops(const std::vector<int> &v, int outside) {
  for (int i = 0; i < 3; ++i)
    use(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'i' is a loop variable [acme-loop-arg-as-matcher]
  for (int x : v)
    use(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'x' is a loop variable [acme-loop-arg-as-matcher]
  while (outside > 0) {
    int step = outside--;
    use(step);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'step' is a loop variable [acme-loop-arg-as-matcher]
  }
  use(outside);
}

void before_join() {
  std::thread t(work);
  consume();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'consume()' runs before the work is joined [acme-read-before-join-as-matcher]
  t.join();
  consume();
}

void no_spawn() { consume(); }
