#include <condition_variable>

std::mutex mu;
int ready, count;

void publish(int n) {
  mu.lock();
  if (n < 0)
    return; // leaves mu locked
  ready = n;
  mu.unlock();
}

void add(int n) {
  mu.lock();
  if (n == 0)
    return; // leaves mu locked
  count += n;
  mu.unlock();
}
