"""Fails unless every line break of the file is CRLF and the file holds the
given bytes (Python escapes allowed)."""
import sys

data = open(sys.argv[1], "rb").read()
bare = data.count(b"\n") - data.count(b"\r\n")
if bare:
    sys.exit("%s: %d line breaks are LF only" % (sys.argv[1], bare))
for want in sys.argv[2:]:
    w = want.encode().decode("unicode_escape").encode()
    if w not in data:
        sys.exit("%s: %r not found" % (sys.argv[1], w))
