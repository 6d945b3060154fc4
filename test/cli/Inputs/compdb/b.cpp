#ifndef FROM_BUILD
#error "built with -DFROM_BUILD only"
#endif
#include <mutex>
std::mutex m;
int n;
void b() {
  std::lock_guard<std::mutex> g(m);
  ++n;
}
