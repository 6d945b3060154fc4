#include <mutex>
std::mutex mu;
int value;
void bump() {
  std::lock_guard<std::mutex>{mu};
  ++value;
}
