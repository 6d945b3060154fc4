// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// Waits that nothing re-checks, which pitfix reports without a fix.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <pthread.h>

std::mutex m;
std::condition_variable cv;
std::deque<int> q;
bool stopped;

void shutdown() {
  {
    std::lock_guard<std::mutex> g(m);
    stopped = true;
  }
  cv.notify_all();
}
void produce(int v) {
  std::lock_guard<std::mutex> g(m);
  q.push_back(v);
  cv.notify_one();
}

// shutdown() notifies about `stopped`: a predicate on the queue alone
// would sleep through it.
int consume() {
  std::unique_lock<std::mutex> lk(m);
  if (q.empty())
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'q.empty()' still holds
  // CHECK-MESSAGES: :[[@LINE-17]]:5: note: 'stopped' changes here, and 'cv' is notified after it
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: a notifier of 'cv' changes 'stopped', which the condition does not read: with the predicate, that notify would not wake this wait
  if (stopped)
    return -1;
  int v = q.front();
  q.pop_front();
  return v;
}

void bare() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cv.wait(lk)' waits without a predicate and no loop re-checks a condition after it: a spurious or stolen wake-up runs on as if notified
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the condition this waits for is not visible
  q.pop_front();
}

// The `if` only chooses how to wait (its condition is a parameter); the
// wake-up is then taken as news.
int take(int timeout_ms) {
  std::unique_lock<std::mutex> lk(m);
  if (timeout_ms < 0)
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and no loop re-checks a condition after it: a spurious or stolen wake-up runs on as if notified
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the condition this waits for is not visible
  int v = q.front();
  q.pop_front();
  return v;
}

void after_loop() {
  std::unique_lock<std::mutex> lk(m);
  while (q.empty())
    cv.wait(lk);
  q.pop_front();
  cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cv.wait(lk)' waits without a predicate and no loop re-checks
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop re-checks before its own wait, but it has ended when this wait runs
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the condition this waits for is not visible
  q.pop_front();
}

void loop_acts_first() {
  std::unique_lock<std::mutex> lk(m);
  for (;;) {
    cv.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and its loop acts on the wake-up before re-checking a condition
    q.pop_front();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this runs after the wake-up with nothing checked
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: not rewritten: the condition this waits for is not visible
  }
}

// Not a wrapper: it reads the queue, and then takes the wake-up as news.
bool timed_result() {
  std::unique_lock<std::mutex> lk(m);
  if (!q.empty())
    return true;
  return cv.wait_for(lk, std::chrono::seconds(1)) == std::cv_status::no_timeout;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'cv.wait_for(lk, std::chrono::seconds(1))' waits without a predicate and its result is taken as the reason it woke
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: not rewritten: the condition this waits for is not visible
}

int next_item();
void side_effects() {
  std::unique_lock<std::mutex> lk(m);
  if (next_item() < 0)
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and runs once under 'if'
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the condition 'next_item() < 0' cannot move into a predicate: it calls 'next_item'
}

void parameter(std::condition_variable &c, std::unique_lock<std::mutex> &lk) {
  if (q.empty())
    c.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c.wait(lk)' waits without a predicate and runs once under 'if'
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the condition variable is reached through a parameter, reference or pointer
}

pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
bool pready;
void c_signal() {
  pthread_mutex_lock(&pm);
  pready = true;
  pthread_cond_signal(&pc);
  pthread_mutex_unlock(&pm);
}
void c_wait(const struct timespec *deadline) {
  pthread_mutex_lock(&pm);
  if (!pready)
    pthread_cond_timedwait(&pc, &pm, deadline);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pthread_cond_timedwait(&pc, &pm, deadline)' waits without a predicate and runs once under 'if'
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: 'pthread_cond_timedwait' takes no predicate, and in a `while` loop the timed wait would wait again after its timeout
  pthread_mutex_unlock(&pm);
}

std::condition_variable lonely;
void no_notify() {
  std::unique_lock<std::mutex> lk(m);
  if (q.empty())
    lonely.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lonely.wait(lk)' waits without a predicate and runs once under 'if'
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: no notify of 'lonely' is visible in this file
}

std::condition_variable commented;
void notify_commented() { commented.notify_one(); }
void comment_inside() {
  std::unique_lock<std::mutex> lk(m);
  if (q.empty()) { // still nothing
    commented.wait(lk);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'commented.wait(lk)' waits without a predicate and runs once under 'if'
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: a comment inside the 'if' would be lost
}

// A bare wait in a worker loop whose re-check ends the worker: a spurious
// wake-up with the queue still empty ends it.
void bare_worker() {
  for (;;) {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and a spurious wake-up reaches a check that ends the loop while the queue is still empty: the worker stops although nobody asked it to
    if (stopped || q.empty())
      break;
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: a spurious wake-up leaves the loop here: 'stopped || q.empty()' holds
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: not rewritten: the condition this waits for is not visible
    q.pop_front();
  }
}

// The same under `if`, where a bare notify asks the workers to end once
// the queue is empty: with the predicate they would sleep through it.
std::mutex wm;
std::condition_variable wcv;
std::deque<int> work;
void add_work(int v) {
  std::lock_guard<std::mutex> g(wm);
  work.push_back(v);
  wcv.notify_one();
}
void finish() { wcv.notify_all(); }
void work_loop() {
  for (;;) {
    std::unique_lock<std::mutex> lk(wm);
    if (work.empty())
      wcv.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wcv.wait(lk)' waits without a predicate and a spurious wake-up reaches a check that ends the loop while 'work.empty()' still holds
    if (work.empty())
      return;
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: a spurious wake-up leaves the loop here: 'work.empty()' holds
    // CHECK-MESSAGES: :[[@LINE-10]]:17: note: 'finish' notifies 'wcv' without changing what the condition reads
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: not rewritten: a notify that changes nothing the condition reads may be meant to end the loop, which the check after the wait does; with the predicate, it would not wake this wait
    work.pop_front();
  }
}

// The same receive without the later test: a spurious wake-up returns a
// count the handler has not written.
void start_receive(std::function<void(int)> handler);
int receive_once(int seconds) {
  int received = -1;
  bool done = false;
  std::condition_variable arrived;
  std::mutex arrived_mutex;
  start_receive([&](int n) {
    std::unique_lock<std::mutex> l(arrived_mutex);
    received = n;
    done = true;
    arrived.notify_all();
  });
  std::unique_lock<std::mutex> l(arrived_mutex);
  if (!done && arrived.wait_for(l, std::chrono::seconds(seconds)) ==
                   std::cv_status::timeout)
    received = 0;
  // CHECK-MESSAGES: :[[@LINE-3]]:16: warning: 'arrived.wait_for(l, std::chrono::seconds(seconds))' waits without a predicate and its result is taken as the reason it woke
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: not rewritten: the condition this waits for is not visible
  return received;
}
