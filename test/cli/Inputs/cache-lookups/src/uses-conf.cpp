#include "conf.h"

int main() {
  set_conf(1);
  return conf_value;
}
