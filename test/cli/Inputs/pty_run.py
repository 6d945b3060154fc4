#!/usr/bin/env python3
"""pty_run.py CMD...: runs CMD with its stdout and stderr on a pseudo-terminal
(as on a developer's terminal), and prints what it wrote with each escape
character shown as <ESC>, then "exit N"."""
import os
import pty
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal.
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
text = out.decode("utf-8", "replace").replace("\r\n", "\n").replace("\x1b", "<ESC>")
sys.stdout.write(text)
print("exit", os.waitstatus_to_exitcode(status))
