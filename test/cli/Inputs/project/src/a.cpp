#include "shared.h"

std::mutex a_mu;
int a_value;

void a_set(int v) {
  std::lock_guard<std::mutex>{a_mu};
  a_value = v;
  bump_shared();
}
