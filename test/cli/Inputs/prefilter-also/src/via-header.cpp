// The creation spells `new`; the mutex that shows threads is in the header.
#include "registry.h"
Registry *Registry::instance_ = nullptr;
Registry *Registry::instance() {
  if (!instance_)
    instance_ = new Registry;
  return instance_;
}
void Registry::add(int) {}
