#include <condition_variable>

std::mutex mu;
int ready, count;

void publish(int n) {
  mu.lock();
  if (n < 0) {
    mu.unlock();
    return;
  }
  ready = n;
  mu.unlock();
}

void add(int n) {
  mu.lock();
  if (n == 0) {
    mu.unlock();
    return;
  }
  count += n;
  mu.unlock();
}
