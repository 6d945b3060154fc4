// An editor that saves a file while pitfix writes: loaded with LD_PRELOAD,
// it appends a line to $SAVE_DURING_WRITE the first time the process opens
// that file, or a file whose name starts with its name (the temporary file
// beside it), for writing. That is after pitfix checked every file's text
// and before it replaces this one.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int Saved;

static const char *baseName(const char *P) {
  const char *S = strrchr(P, '/');
  return S ? S + 1 : P;
}

static void maybeSave(const char *Path, int Flags) {
  const char *Target = getenv("SAVE_DURING_WRITE");
  if (Saved || !Target || (Flags & O_ACCMODE) == O_RDONLY)
    return;
  const char *Base = baseName(Target);
  if (strncmp(baseName(Path), Base, strlen(Base)) != 0)
    return;
  Saved = 1;
  FILE *F = fopen(Target, "a");
  if (F) {
    fputs("// saved by the editor\n", F);
    fclose(F);
  }
}

#define FORWARD(NAME)                                                         \
  int NAME(const char *Path, int Flags, ...) {                               \
    mode_t Mode = 0;                                                          \
    if (Flags & (O_CREAT | O_TMPFILE)) {                                      \
      va_list A;                                                              \
      va_start(A, Flags);                                                     \
      Mode = va_arg(A, mode_t);                                               \
      va_end(A);                                                              \
    }                                                                         \
    maybeSave(Path, Flags);                                                   \
    int (*Real)(const char *, int, ...) =                                     \
        (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #NAME);             \
    return Real(Path, Flags, Mode);                                           \
  }

FORWARD(open)
FORWARD(open64)

int __open_2(const char *Path, int Flags) { return open(Path, Flags); }
int __open64_2(const char *Path, int Flags) { return open64(Path, Flags); }
