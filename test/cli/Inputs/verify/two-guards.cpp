#include <mutex>

std::mutex a, b;
int x, y;

// Two unnamed guards in one scope, and a manual lock in a nested one: each
// new declaration gets its own name.
void both() {
  std::lock_guard<std::mutex>{a};
  ++x;
  std::lock_guard<std::mutex>(b);
  ++y;
}

void nested() {
  std::unique_lock<std::mutex>{a};
  {
    b.lock();
    ++y;
    b.unlock();
  }
  ++x;
}
