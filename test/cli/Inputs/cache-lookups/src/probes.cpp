#include <mutex>

std::mutex probe_mu;
int probed;

void set_probed(int v) {
  std::lock_guard<std::mutex> lock(probe_mu);
  probed = v;
}

// Compiled only while the probe finds the header.
#if __has_include("legacy-mode.h")
void set_legacy(int v) {
  std::lock_guard<std::mutex>{probe_mu};
  probed = v;
}
#endif
