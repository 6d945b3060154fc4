// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// A local flag reset after the first completion makes the path to the
// second one impossible: nothing to report there. A flag that is not reset
// on that path, or that code may change unseen, does not help.
#include <future>
#include <thread>

void work();
bool ready();
void inspect(bool &);

void joined_flag(bool early) {
  std::thread t(work);
  bool joinable = true;
  if (early) {
    t.join();
    joinable = false;
  }
  if (joinable)
    t.join();
}

void pending_promise(bool early) {
  std::promise<int> p;
  bool pending = true;
  if (early) {
    p.set_value(1);
    pending = false;
  }
  if (pending)
    p.set_value(2);
}

void done_flag_loop() {
  std::thread t(work);
  bool done = false;
  while (!ready()) {
    if (!done) {
      t.join();
      done = true;
    }
  }
  if (!done)
    t.join();
}

// The flag is reset on one path only.
void flag_not_reset(bool early, bool quick) {
  std::thread t(work);
  bool joinable = true;
  if (early) {
    t.join();
    if (quick)
      joinable = false;
  }
  if (joinable)
    t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't.join()' runs when 't' was already joined
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 't' is joined here first
}

// Another function may change the flag through its reference.
void flag_escapes(bool early) {
  std::promise<int> p;
  bool pending = true;
  if (early) {
    p.set_value(1);
    pending = false;
  }
  inspect(pending);
  if (pending)
    p.set_value(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(2)' runs when 'p' was already satisfied
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'p' is satisfied here first
}
