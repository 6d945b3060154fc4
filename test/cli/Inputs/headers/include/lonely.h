#pragma once
#include <mutex>

inline std::mutex lonely_mu;
inline int lonely_n;

inline void lonely_bump() {
  std::lock_guard<std::mutex>{lonely_mu};
  ++lonely_n;
}
