// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// An inserted `lock.unlock()` assumes the lock still owns its mutex there:
// a lock moved from (std::notify_all_at_thread_exit takes it), released,
// or handed to a function that may unlock it is refused with the place
// that breaks the assumption. A condition-variable wait and const members
// keep the lock as it was. A section that does nothing but block is
// reported without a rewrite: holding the lock over that call may be its
// point (a regression test that sleeps under the lock).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex mu;
std::condition_variable cv;
bool ready;
int served;

// May give the lock up early.
void handoff(std::unique_lock<std::mutex> &lock) {
  if (served > 10)
    lock.unlock();
}

// Unlocking the moved-from lock would throw std::system_error.
void finish_at_exit() {
  std::unique_lock<std::mutex> lock(mu);
  ready = true;
  std::notify_all_at_thread_exit(cv, std::move(lock));
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:48: note: 'lock' is moved from here (into 'std::notify_all_at_thread_exit')
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: an inserted 'lock.unlock()' could find the lock no longer owning its mutex (unlocking then throws)
}

// release() leaves the mutex locked and the lock owning nothing; the write
// needs the copy, so it cannot go above the lock either.
void leak_to_caller(int fd) {
  std::unique_lock<std::mutex> lock(mu);
  int copy = served;
  std::mutex *held = lock.release();
  (void)held;
  ::write(fd, &copy, sizeof copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'lock.release()' is called here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: an inserted 'lock.unlock()' could find the lock no longer owning its mutex (unlocking then throws)
}

// A function that takes the lock by reference may unlock it.
void pass_along(int fd) {
  std::unique_lock<std::mutex> lock(mu);
  int copy = served;
  handoff(lock);
  ::write(fd, &copy, sizeof copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'lock' is passed to 'handoff' here, which may change it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: an inserted 'lock.unlock()' could find the lock no longer owning its mutex (unlocking then throws)
}

// A wait hands the lock back locked, and owns_lock() changes nothing: the
// unlock is inserted before the blocking tail.
void wait_then_sync(int fd) {
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [] { return ready; });
  if (lock.owns_lock())
    ++served;
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fsync' blocks while 'mu' is held
}

// Nothing but the sleep is under the lock: reported, not rewritten.
void hold_while_sleeping() {
  std::lock_guard<std::mutex> lock(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does nothing but block in this call: holding the lock meanwhile is its point
}

void throttle() {
  mu.lock();
  usleep(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks while 'mu' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does nothing but block in this call: holding the lock meanwhile is its point
  mu.unlock();
}
