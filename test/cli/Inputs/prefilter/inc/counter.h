#pragma once
#include <mutex>
inline std::mutex counter_mu;
inline int counter;
inline int value() {
  std::lock_guard<std::mutex>{counter_mu};
  return counter;
}
