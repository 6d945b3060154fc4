// A slow disk: loaded with LD_PRELOAD, it makes the process sleep for
// $SLOW_WRITE_SECONDS before its first pwrite to a file whose name holds
// ".pitfix-" (the temporary file of --fix or of a cache entry), so that a
// test can send a signal while that file exists and is being written.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static void maybeStall(int FD) {
  const char *Secs = getenv("SLOW_WRITE_SECONDS");
  if (!Secs)
    return;
  char Link[64], Path[4096];
  snprintf(Link, sizeof Link, "/proc/self/fd/%d", FD);
  ssize_t N = readlink(Link, Path, sizeof Path - 1);
  if (N <= 0)
    return;
  Path[N] = 0;
  if (strstr(Path, ".pitfix-"))
    sleep((unsigned)atoi(Secs));
}

ssize_t pwrite(int FD, const void *Buf, size_t N, off_t Off) {
  maybeStall(FD);
  ssize_t (*Real)(int, const void *, size_t, off_t) =
      (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
  return Real(FD, Buf, N, Off);
}

ssize_t pwrite64(int FD, const void *Buf, size_t N, off_t Off) {
  maybeStall(FD);
  ssize_t (*Real)(int, const void *, size_t, off_t) =
      (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT,
                                                          "pwrite64");
  return Real(FD, Buf, N, Off);
}
