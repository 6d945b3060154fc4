#!/usr/bin/env python3
"""expect_exit.py CODE CMD...: runs CMD (its output passes through) and
succeeds only when CMD exits with CODE."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("expect_exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], got, want))
    sys.exit(1)
