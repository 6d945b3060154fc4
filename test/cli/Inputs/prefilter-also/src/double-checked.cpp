// The lock of a double-checked creation is the evidence.
#include <mutex>
struct Config {
  int value = 0;
};
static Config *config;
static std::mutex config_mu;
Config *get_config() {
  if (config == nullptr) {
    std::lock_guard<std::mutex> lock(config_mu);
    if (config == nullptr)
      config = new Config();
  }
  return config;
}
