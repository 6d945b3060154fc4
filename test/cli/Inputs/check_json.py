#!/usr/bin/env python3
"""check_json.py REPORT: prints one line per finding of a --format=json
report, "file:line:col rule status [edits]", for FileCheck."""
import json
import sys

doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
for f in doc["findings"]:
    for key in ("rule", "severity", "file", "line", "column", "message",
                "status", "reason", "notes", "edits"):
        assert key in f, "finding without " + key
    edits = " ".join("%s@%d+%d=%r" % (e["file"], e["offset"], e["length"], e["text"])
                     for e in f["edits"])
    print("%s:%d:%d %s %s %s %s" % (f["file"], f["line"], f["column"], f["rule"],
                                    f["status"], f["reason"] or "-", edits))
for e in doc["errors"]:
    print("error %s" % e["file"])
