// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// Locks taken by hand that cannot deadlock: nothing to report.
#include <mutex>
#include <shared_mutex>

int x, y;

// A try never waits: holding 'jobs_mu' and trying 'log_mu' is no edge of a
// cycle, so the other order in flush() is fine.
std::mutex jobs_mu, log_mu;

void schedule() {
  jobs_mu.lock();
  ++x;
  if (log_mu.try_lock()) {
    ++y;
    log_mu.unlock();
  }
  jobs_mu.unlock();
}

void schedule_guarded() {
  std::lock_guard<std::mutex> jobs(jobs_mu);
  std::unique_lock<std::mutex> log(log_mu, std::try_to_lock);
  if (log.owns_lock())
    ++y;
}

void flush() {
  log_mu.lock();
  jobs_mu.lock();
  x = y;
  jobs_mu.unlock();
  log_mu.unlock();
}

// Unlocked before the other is taken, on every path that goes on.
std::mutex in_mu, out_mu;

void pass_on(bool fast) {
  in_mu.lock();
  if (fast) {
    in_mu.unlock();
  } else {
    ++x;
    in_mu.unlock();
  }
  out_mu.lock();
  ++y;
  out_mu.unlock();
}

void pass_on_again() {
  in_mu.lock();
  int v = x;
  in_mu.unlock();
  std::lock_guard<std::mutex> out(out_mu);
  y = v;
}

void drain() {
  out_mu.lock();
  in_mu.lock();
  x = y;
  in_mu.unlock();
  out_mu.unlock();
}

// The same order everywhere.
std::mutex first_mu, second_mu;

void both_by_hand() {
  first_mu.lock();
  second_mu.lock();
  ++x;
  second_mu.unlock();
  first_mu.unlock();
}

void both_by_guard() {
  std::lock_guard<std::mutex> a(first_mu);
  std::unique_lock<std::mutex> b(second_mu, std::defer_lock);
  b.lock();
  ++y;
}

// A lambda written under a lock runs later, without it.
std::mutex task_mu, state_mu;

void defer_work() {
  task_mu.lock();
  auto later = [] {
    state_mu.lock();
    ++x;
    state_mu.unlock();
  };
  task_mu.unlock();
  later();
}

void update() {
  state_mu.lock();
  task_mu.lock();
  ++y;
  task_mu.unlock();
  state_mu.unlock();
}

// Readers do not keep readers out.
std::shared_mutex index_rw, data_rw;

void read_index_then_data() {
  index_rw.lock_shared();
  data_rw.lock_shared();
  x = y;
  data_rw.unlock_shared();
  index_rw.unlock_shared();
}

void read_data_then_index() {
  std::shared_lock<std::shared_mutex> d(data_rw);
  std::shared_lock<std::shared_mutex> i(index_rw);
  y = x;
}
