#include <mutex>
std::mutex mu;
int n;
void bump() {
  std::lock_guard<std::mutex> g(mu);
  ++n;
}
