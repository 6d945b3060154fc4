// A lazy creation with no thread in sight: the rule needs evidence of
// threads, so the pre-filter skips this unit although it spells `new`.
struct Config {
  int value = 0;
};
static Config *config;
Config *get_config() {
  if (config == nullptr)
    config = new Config();
  return config;
}
