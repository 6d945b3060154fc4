#!/usr/bin/env python3
"""Checks that the layers of lib/ point one way.

Each directory of lib/ is a layer; a file may include headers of its own
layer and of the layers below it, never of a layer above:

    config < analysis < toolkit < edit < engine < rewrite < conditions < actions < output

config reads rule and configuration files; analysis answers questions about
an AST (and proposes text changes as plain data); edit holds findings and
merges their edits; engine loads rules, runs matchers and verifies rewrites,
knowing actions only through the table the tool hands it; actions are the
built-in rewrites; output writes reports. A new directory under lib/ must be
added to LAYERS, or the check fails.

Usage: check_layers.py <lib-dir>   (prints one line per violation, exit 1)
"""
import os
import re
import sys

LAYERS = ["config", "analysis", "toolkit", "edit", "engine", "rewrite", "conditions", "actions",
          "output"]
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"/]+)/[^"]*"')


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lib = sys.argv[1]
    rank = {name: i for i, name in enumerate(LAYERS)}
    problems = []
    for layer in sorted(os.listdir(lib)):
        path = os.path.join(lib, layer)
        if not os.path.isdir(path):
            continue
        if layer not in rank:
            problems.append(f"{path}: error: '{layer}' is not a known layer "
                            f"(known: {', '.join(LAYERS)})")
            continue
        for root, _, files in os.walk(path):
            for name in sorted(files):
                if not name.endswith((".h", ".cpp", ".def", ".inc")):
                    continue
                file = os.path.join(root, name)
                with open(file, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) not in rank:
                            continue
                        used = m.group(1)
                        if rank[used] > rank[layer]:
                            problems.append(
                                f"{file}:{number}: error: {layer} includes "
                                f"{used}, a higher layer "
                                f"({' < '.join(LAYERS)})")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
