#include <mutex>

std::mutex mu;
int balance;

void deposit(int n) {
#ifdef WITH_PITFALL
  std::lock_guard<std::mutex>{mu};
#endif
  balance += n;
}
