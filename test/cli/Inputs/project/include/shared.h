#pragma once
#include <mutex>

inline std::mutex shared_mu;
inline int shared_count;

inline void bump_shared() {
  std::lock_guard<std::mutex>{shared_mu};
  ++shared_count;
}
