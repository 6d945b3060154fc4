#!/usr/bin/env python3
"""CPU time (user + sys) of compiling each translation unit of a build tree.

Runs the compile commands of <build>/compile_commands.json (as CMake wrote
them: no compiler launcher, so no ccache) with the object written to a
scratch file, N at a time, and sums the user and system time of each
compiler process and its children (os.wait4). CPU time, unlike wall time,
hardly depends on what else runs on the machine, so trees can be compared
on a busy one. Links and custom commands are not counted.

Usage: build-cpu.py <build-dir> [-j N] [--filter REGEX] [--list]
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build")
    p.add_argument("-j", type=int, default=1)
    p.add_argument("--filter", default="", help="only files matching REGEX")
    p.add_argument("--list", action="store_true", help="one line per unit")
    a = p.parse_args()
    with open(os.path.join(a.build, "compile_commands.json")) as f:
        units = json.load(f)
    rx = re.compile(a.filter)
    # A precompiled header (CMake's cmake_pch.hxx.cxx) is built first, in
    # place, as the build would: the other units read it.
    pch = [u for u in units if u["file"].endswith(".hxx.cxx")]
    units = [u for u in units
             if rx.search(u["file"]) and not u["file"].endswith(".hxx.cxx")]
    pch_time = 0.0
    for u in pch:
        proc = subprocess.Popen(shlex.split(u["command"]), cwd=u["directory"],
                                stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        pch_time += ru.ru_utime + ru.ru_stime
        if status != 0:
            sys.exit(f"cannot build {u['file']}")
        if a.list:
            print(f"{pch_time:8.1f} s  {u['file']} (precompiled header)",
                  flush=True)
    scratch = tempfile.mkdtemp(prefix="build-cpu-")
    pending = list(enumerate(units))
    running = {}
    times = {}
    failed = []
    while pending or running:
        while pending and len(running) < a.j:
            i, u = pending.pop(0)
            args = shlex.split(u["command"])
            if "-o" in args:
                args[args.index("-o") + 1] = os.path.join(scratch, f"{i}.o")
            # No dependency files: the build tree is left as it is.
            args = [x for j, x in enumerate(args)
                    if x not in ("-MD", "-MMD") and
                    not (j > 0 and args[j - 1] in ("-MF", "-MT")) and
                    x not in ("-MF", "-MT")]
            proc = subprocess.Popen(args, cwd=u["directory"],
                                    stdout=subprocess.DEVNULL)
            running[proc.pid] = (i, u)
        pid, status, ru = os.wait4(-1, 0)
        if pid not in running:
            continue
        i, u = running.pop(pid)
        times[u["file"]] = ru.ru_utime + ru.ru_stime
        if status != 0:
            failed.append(u["file"])
        if a.list:
            print(f"{times[u['file']]:8.1f} s  {u['file']}", flush=True)
    total = sum(times.values()) + pch_time
    print(f"{len(times)} units{' + precompiled header' if pch else ''}, "
          f"{total:.1f} s = {total / 60:.2f} CPU-minutes "
          f"(user+sys){', FAILED: ' + ' '.join(failed) if failed else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
