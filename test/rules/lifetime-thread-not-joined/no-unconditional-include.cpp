// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Every #include is conditional: <thread> comes from inside an #if, and the
// std::jthread rewrite, which needs the header included where the file can
// rely on it, is refused with that reason.
#if defined(__linux__) || !defined(__linux__)
#include <thread>
#include <vector>
#endif

void process(int);

int early_return(int n) {
  std::thread worker(process, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'worker' is still joinable when the function returns early: std::thread's destructor calls std::terminate [lifetime-thread-not-joined]
  if (n == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here with 'worker' still joinable
  worker.join();
  return 1;
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: not rewritten: every #include of the file is inside a preprocessor conditional; there is no unconditional place for #include <thread>
}

void containers(bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  ts.emplace_back(process, 1);
  if (cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here before the threads of 'ts' are joined
  for (auto &t : ts)
    t.join();
  // CHECK-MESSAGES: :[[@LINE-8]]:28: note: not rewritten: every #include of the file is inside a preprocessor conditional; there is no unconditional place for #include <thread>
}
