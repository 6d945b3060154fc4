// RUN: %check_fix %s lifetime-thread-per-item %t -- -std=c++20
// Lists that look fixed or capped but that the input fills or sizes.
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

void process(const std::string &name);

// Filled from the input: one element per argument.
void from_arguments(int argc, char **argv) {
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i)
    names.push_back(argv[i]);
  std::vector<std::thread> threads;
  for (const std::string &n : names)
    threads.emplace_back(process, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each element of 'names'
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: the loop visits every element of 'names', whose size nothing here bounds
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
  for (auto &t : threads)
    t.join();
}

// A member that callers fill, one element per request.
class Batch {
public:
  void add(const std::string &item) { items_.push_back(item); }
  void run() {
    for (const std::string &i : items_)
      threads_.emplace_back(process, i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a new thread is started for each element of 'items_'
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: the loop visits every element of 'items_'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: run the items on a thread pool
    for (auto &t : threads_)
      t.join();
  }

private:
  std::vector<std::string> items_;
  std::vector<std::thread> threads_;
};

// A loop that stops early for a reason other than a worker count.
void until_empty(const std::vector<std::string> &files) {
  std::vector<std::thread> threads;
  for (const std::string &f : files) {
    if (f.empty())
      break;
    threads.emplace_back(process, f);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each element of 'files'
    // CHECK-MESSAGES: :[[@LINE-5]]:31: note: the loop visits every element of 'files'
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: run the items on a thread pool
  }
  for (auto &t : threads)
    t.join();
}
