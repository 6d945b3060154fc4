#include <mutex>

std::mutex c_mu;
int c_value;

void c_set(int v) {
  std::lock_guard<std::mutex>{c_mu};
  c_value = v;
}

void c_relock(int v) {
  std::lock_guard<std::mutex>{c_mu};
  std::lock_guard<std::mutex> again(c_mu);
  c_value = v;
}
