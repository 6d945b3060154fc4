// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex results_mu;
std::vector<int> results;

void square(int i) { results.push_back(i * i); }
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'results' is written by spawned work with no lock held, and the work is spawned in a loop

std::size_t result_count() {
  std::lock_guard<std::mutex> lock(results_mu);
  return results.size();
}

void run_squares() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(square, i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the spawning loop
  for (std::thread &t : threads)
    t.join();
}

class Index {
public:
  void build(const std::vector<std::string> &words) {
    std::vector<std::thread> threads;
    for (const std::string &w : words)
      threads.emplace_back([this, w] {
        int lock = 0;
        words_[w] = static_cast<int>(w.size()) + lock;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'words_' is written by spawned work with no lock held, and the work is spawned in a loop
        // CHECK-MESSAGES: :[[@LINE-5]]:5: note: the spawning loop
        log_.append(w);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'log_' is written by spawned work with no lock held, and the work is spawned in a loop
        // CHECK-MESSAGES: :[[@LINE-8]]:5: note: the spawning loop
      });
    for (std::thread &t : threads)
      t.join();
  }
  int lookup(const std::string &w) {
    std::lock_guard<std::mutex> g(mu_);
    log_ += "?";
    return words_.count(w) ? words_[w] : -1;
  }

private:
  std::mutex mu_;
  std::map<std::string, int> words_;
  std::string log_;
};
