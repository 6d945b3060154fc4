// Not self-contained: relies on <mutex> being included before it.
struct Counter {
  std::mutex mu;
  int n = 0;
  void bump() {
    std::lock_guard<std::mutex>{mu};
    ++n;
  }
};
