#include <mutex>
std::mutex mu;
void broken() {
  std::lock_guard<std::mutex>{mu};
  undeclared_function();
}
