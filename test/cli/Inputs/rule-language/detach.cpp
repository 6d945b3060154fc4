#include <thread>
void work();
#define DETACH(t) t.detach()

void start() {
  std::thread t(work);
  t.detach();
}

void quiet() {
  std::thread t(work);
  t.detach(); // NOLINT(acme-no-detach)
}

void in_macro() {
  std::thread t(work);
  DETACH(t);
}
