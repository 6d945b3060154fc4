#include "shared.h"

void b_work() { bump_shared(); }
