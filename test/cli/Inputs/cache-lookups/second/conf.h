#pragma once
#include <mutex>

inline std::mutex conf_mu;
inline int conf_value;

// The header that the -I search order finds today: correct code.
inline void set_conf(int v) {
  std::lock_guard<std::mutex> lock(conf_mu);
  conf_value = v;
}
