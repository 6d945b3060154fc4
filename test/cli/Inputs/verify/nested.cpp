#include <chrono>
#include <mutex>
#include <thread>

std::mutex outer_mu, inner_mu;
int x, y;

// Two guards: the call moves above both in one run.
void stacked() {
  std::lock_guard<std::mutex> a(outer_mu);
  ++x;
  std::lock_guard<std::mutex> b(inner_mu);
  ++y;
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// The inner guard lives in a block of its own: moving the call out of that
// block leaves it under the outer lock, which the block keeps it from
// leaving, so the rewrite is not made at all.
void nested() {
  std::lock_guard<std::mutex> a(outer_mu);
  ++x;
  {
    std::lock_guard<std::mutex> b(inner_mu);
    ++y;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}
