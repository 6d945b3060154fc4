// The pitfall is in a project header; this file spells nothing itself.
#include "counter.h"
int main() { return value() == 0 ? 0 : 1; }
