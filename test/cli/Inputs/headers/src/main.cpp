#include <mutex>
#include "counter.h"

std::mutex main_mu;

int main() {
  std::lock_guard<std::mutex>{main_mu};
  Counter c;
  c.bump();
  return c.n - 1;
}
