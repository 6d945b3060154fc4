#!/usr/bin/env python3
"""signal_during_write.py SIGNAL DIR CMD...: runs CMD, waits until a
temporary file "*.pitfix-*" appears under DIR, sends CMD the signal (INT,
TERM or HUP) from outside, and prints how CMD ended and the temporary files
left under DIR."""
import os
import signal
import subprocess
import sys
import time

sig = getattr(signal, "SIG" + sys.argv[1])
top = sys.argv[2]


def temps():
    found = []
    for root, _, files in os.walk(top):
        found += [os.path.join(root, f) for f in files if ".pitfix-" in f]
    return sorted(found)


def default_signals():
    # A signal the test runner ignores would stay ignored in the child.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


proc = subprocess.Popen(sys.argv[3:], preexec_fn=default_signals)
deadline = time.time() + 300
while not temps() and proc.poll() is None and time.time() < deadline:
    time.sleep(0.01)
if proc.poll() is not None:
    print("the command ended before it wrote a temporary file: %d"
          % proc.returncode)
    sys.exit(1)
seen = temps()
proc.send_signal(sig)
rc = proc.wait()
print("seen while writing: %d" % len(seen))
print("ended by signal %s" % signal.Signals(-rc).name if rc < 0
      else "exited with %d" % rc)
for f in temps():
    print("left: " + os.path.relpath(f, top))
print("end")
