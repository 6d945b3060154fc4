#ifndef FROM_BUILD
#error "built with -DFROM_BUILD only"
#endif
int b() { return 0; }
