#!/usr/bin/env python3
"""Prints the benchmark's table from the GNU time reports of one run.

  report.py RESULTS_DIR [--markdown FILE]

RESULTS_DIR holds <tool>-j<N>.time files (`/usr/bin/time -v` output) and
info.txt, as bench/run.sh writes them. The table has, per tool and
parallelism, the wall time, the CPU time (user + system, summed over the
tool's processes) and the peak resident memory of the largest single process
(what GNU time reports: for the one-process-per-TU tools at -j2 the total
in use can be up to twice that). Then the ratios pitfix/floor and
pitfix/clang-tidy, on wall time and on CPU time: CPU time is the steadier
figure on a shared, loaded machine.
"""
import glob
import os
import re
import sys

TOOLS = ["floor", "pitfix", "clang-tidy"]
LABELS = {
    "floor": "clang++-19 -fsyntax-only (floor)",
    "pitfix": "pitfix, all rules",
    "clang-tidy": "clang-tidy-19, 3 checks",
}


def seconds(text):
    """GNU time's elapsed format: [h:]m:ss.cc"""
    parts = [float(p) for p in text.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total


def parse(path):
    fields = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    status = 0
    with open(path) as f:
        m = re.search(r"Command exited with non-zero status (\d+)", f.read())
        if m:
            status = int(m.group(1))
    return {
        "wall": seconds(fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]),
        "cpu": float(fields["User time (seconds)"])
        + float(fields["System time (seconds)"]),
        "rss_mb": int(fields["Maximum resident set size (kbytes)"]) / 1024.0,
        "status": status,
    }


def load(results):
    runs = {}
    for path in glob.glob(os.path.join(results, "*.time")):
        m = re.match(r"(.+)-j(\d+)\.time$", os.path.basename(path))
        if m:
            runs[(m.group(1), int(m.group(2)))] = parse(path)
    return runs


def ratio(a, b):
    return "%.2fx" % (a / b) if b > 0 else "n/a"


def render(results, markdown):
    runs = load(results)
    jobs = sorted(set(j for _, j in runs))
    info = ""
    info_path = os.path.join(results, "info.txt")
    if os.path.exists(info_path):
        with open(info_path) as f:
            info = f.read().strip()
    lines = []
    if markdown:
        lines += ["```", info, "```", "",
                  "| tool | -j | wall (s) | CPU (s) | peak RSS (MB) | exit |",
                  "|---|---:|---:|---:|---:|---:|"]
        row = "| %s | %d | %.1f | %.1f | %.0f | %d |"
    else:
        lines += [info, "",
                  "%-34s %3s %10s %10s %14s %5s" % ("tool", "-j", "wall (s)",
                                                  "CPU (s)", "peak RSS (MB)",
                                                  "exit")]
        row = "%-34s %3d %10.1f %10.1f %14.0f %5d"
    for j in jobs:
        for t in TOOLS:
            r = runs.get((t, j))
            if r:
                lines.append(row % (LABELS[t], j, r["wall"], r["cpu"],
                                    r["rss_mb"], r["status"]))
    lines.append("")
    if markdown:
        lines += ["| ratio | -j | wall | CPU |", "|---|---:|---:|---:|"]
        rrow = "| %s | %d | %s | %s |"
    else:
        rrow = "%-34s %3d %10s %10s"
    for j in jobs:
        p = runs.get(("pitfix", j))
        if not p:
            continue
        for other, name in (("floor", "pitfix / floor"),
                            ("clang-tidy", "pitfix / clang-tidy")):
            o = runs.get((other, j))
            if o:
                lines.append(rrow % (name, j, ratio(p["wall"], o["wall"]),
                                     ratio(p["cpu"], o["cpu"])))
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    results = argv[1]
    sys.stdout.write(render(results, False))
    if len(argv) == 4 and argv[2] == "--markdown":
        with open(argv[3], "w") as f:
            f.write(render(results, True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
