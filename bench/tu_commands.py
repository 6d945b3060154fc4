#!/usr/bin/env python3
"""Turns a compile_commands.json into one shell command per line, for xargs.

  tu_commands.py syntax-only BUILD_DIR [FILE_LIST]
      every entry of the database (only those of the files listed, one per
      line, in FILE_LIST when given) as `cd DIR && clang++-19 <flags>
      -fsyntax-only -w FILE`: the parse alone, the floor any AST-based tool pays.
      C files get clang-19. $CLANGXX and $CLANG override the compilers.
  tu_commands.py files BUILD_DIR [LIMIT]
      the distinct source files of the database (LIMIT of them, spread
      evenly over the list), one per line, absolute.

The benchmark feeds these lines to `xargs -P N` so that the floor and
clang-tidy run at the same parallelism as `pitfix -j N`.
"""
import json
import os
import shlex
import sys


def load(build_dir):
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        return json.load(f)


def arguments(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def source_path(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def syntax_only(entry):
    """The entry's compiler invocation, parsing only: no output file, no
    dependency file, and the benchmark's compiler in place of the build's."""
    args = arguments(entry)
    is_c = entry["file"].endswith(".c")
    out = [os.environ.get("CLANG", "clang-19") if is_c
           else os.environ.get("CLANGXX", "clang++-19")]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    # Warnings off, as pitfix parses: the floor is the parse, not the
    # analysis-based warnings (-Wthread-safety, ...) a build may enable.
    out += ["-fsyntax-only", "-w"]
    return "cd %s && %s" % (shlex.quote(entry["directory"]),
                            " ".join(shlex.quote(a) for a in out))


def main(argv):
    if len(argv) < 3 or argv[1] not in ("syntax-only", "files"):
        sys.stderr.write(__doc__)
        return 2
    db = load(argv[2])
    if argv[1] == "files":
        seen = []
        for e in db:
            f = source_path(e)
            if f not in seen:
                seen.append(f)
        limit = int(argv[3]) if len(argv) > 3 else 0
        if 0 < limit < len(seen):
            # Spread over the whole list: the library comes first in a
            # database, the (heavier) tests last.
            seen = [seen[i * len(seen) // limit] for i in range(limit)]
        print("\n".join(seen))
        return 0
    wanted = None
    if len(argv) > 3:
        with open(argv[3]) as f:
            wanted = set(line.strip() for line in f if line.strip())
    for e in db:
        if wanted is None or source_path(e) in wanted:
            print(syntax_only(e))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
