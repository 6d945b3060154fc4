#include <mutex>
namespace proj {
struct Hold {
  explicit Hold(std::mutex &m) : m(m) { m.lock(); }
  ~Hold() { m.unlock(); }
  std::mutex &m;
};
} // namespace proj
std::mutex mu;
int value;
void set(int v) {
  std::lock_guard<std::mutex>{mu};
  value = v;
}
void hold(int v) {
  proj::Hold{mu};
  value = v;
}
void manual(int v) {
  mu.lock();
  if (v < 0)
    return;
  value = v;
  mu.unlock();
}
