// A crash (SIGKILL: no handler runs) at a chosen point of an in-place
// rewrite, loaded with LD_PRELOAD:
//   CRASH_AT=partial: the first pwrite to $CRASH_WRITING writes half of
//     its bytes, then the process dies (the file is half old, half new);
//   CRASH_AT=commit: the process dies when it removes an undo record
//     ("*.undo"), after the new text is complete.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int at(const char *What) {
  const char *A = getenv("CRASH_AT");
  return A && strcmp(A, What) == 0;
}

static int isTarget(int FD) {
  const char *T = getenv("CRASH_WRITING");
  char Want[PATH_MAX], Link[64], Path[PATH_MAX];
  if (!T || !realpath(T, Want))
    return 0;
  snprintf(Link, sizeof Link, "/proc/self/fd/%d", FD);
  ssize_t N = readlink(Link, Path, sizeof Path - 1);
  if (N <= 0)
    return 0;
  Path[N] = 0;
  return strcmp(Path, Want) == 0;
}

typedef ssize_t (*PwriteFn)(int, const void *, size_t, off_t);

static ssize_t crashOrWrite(const char *Name, int FD, const void *Buf,
                            size_t N, off_t Off) {
  PwriteFn Real = (PwriteFn)dlsym(RTLD_NEXT, Name);
  if (at("partial") && isTarget(FD)) {
    Real(FD, Buf, N / 2, Off);
    fsync(FD);
    kill(getpid(), SIGKILL);
  }
  return Real(FD, Buf, N, Off);
}

ssize_t pwrite(int FD, const void *Buf, size_t N, off_t Off) {
  return crashOrWrite("pwrite", FD, Buf, N, Off);
}

ssize_t pwrite64(int FD, const void *Buf, size_t N, off_t Off) {
  return crashOrWrite("pwrite64", FD, Buf, N, Off);
}

static void maybeDie(const char *Path) {
  size_t L = strlen(Path);
  if (at("commit") && L > 5 && strcmp(Path + L - 5, ".undo") == 0)
    kill(getpid(), SIGKILL);
}

int remove(const char *Path) {
  maybeDie(Path);
  int (*Real)(const char *) = (int (*)(const char *))dlsym(RTLD_NEXT, "remove");
  return Real(Path);
}

int unlink(const char *Path) {
  maybeDie(Path);
  int (*Real)(const char *) = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
  return Real(Path);
}
