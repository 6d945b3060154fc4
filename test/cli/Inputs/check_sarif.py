#!/usr/bin/env python3
"""check_sarif.py LOG: checks a SARIF log against the required properties of
the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) for every object
pitfix writes, and that references between them hold (ruleIndex, uriBaseId).
Exits 1 with the first problem."""
import json
import sys

# Required properties per object, from the schema's "required" lists.
REQUIRED = {
    "sarifLog": ["version", "runs"],
    "run": ["tool"],
    "tool": ["driver"],
    "toolComponent": ["name"],
    "reportingDescriptor": ["id"],
    "multiformatMessageString": ["text"],
    "result": ["message"],
    "message": [],  # anyOf text / id
    "location": [],
    "physicalLocation": [],  # anyOf address / artifactLocation
    "region": [],
    "fix": ["artifactChanges"],
    "artifactChange": ["artifactLocation", "replacements"],
    "replacement": ["deletedRegion"],
    "artifactContent": [],
    "invocation": ["executionSuccessful"],
    "notification": ["message"],
}
LEVELS = {"none", "note", "warning", "error"}


def fail(msg):
    sys.stderr.write("check_sarif: " + msg + "\n")
    sys.exit(1)


def need(obj, kind, where):
    if not isinstance(obj, dict):
        fail("%s: %s must be an object" % (where, kind))
    for key in REQUIRED[kind]:
        if key not in obj:
            fail("%s: %s lacks required property '%s'" % (where, kind, key))


def message(m, where):
    need(m, "message", where)
    if "text" not in m and "id" not in m:
        fail(where + ": message needs 'text' or 'id'")


def region(r, where):
    need(r, "region", where)
    for k in ("startLine", "startColumn", "byteOffset", "byteLength"):
        if k in r and (not isinstance(r[k], int) or r[k] < (1 if k.startswith("start") else 0)):
            fail("%s: region.%s out of range: %r" % (where, k, r[k]))
    if not any(k in r for k in ("startLine", "charOffset", "byteOffset")):
        fail(where + ": region needs startLine, charOffset or byteOffset")


def artifact(a, bases, where):
    if "uri" not in a:
        fail(where + ": artifactLocation without uri")
    if "uriBaseId" in a and a["uriBaseId"] not in bases:
        fail(where + ": unknown uriBaseId " + a["uriBaseId"])


def location(l, bases, where):
    need(l, "location", where)
    p = l.get("physicalLocation")
    need(p, "physicalLocation", where)
    if "artifactLocation" not in p and "address" not in p:
        fail(where + ": physicalLocation needs artifactLocation or address")
    artifact(p["artifactLocation"], bases, where)
    if "region" in p:
        region(p["region"], where)


def main():
    log = json.load(open(sys.argv[1]))
    need(log, "sarifLog", "log")
    if log["version"] != "2.1.0":
        fail("version must be 2.1.0")
    for i, run in enumerate(log["runs"]):
        w = "runs[%d]" % i
        need(run, "run", w)
        need(run["tool"], "tool", w + ".tool")
        driver = run["tool"]["driver"]
        need(driver, "toolComponent", w + ".tool.driver")
        rules = driver.get("rules", [])
        for j, r in enumerate(rules):
            need(r, "reportingDescriptor", "%s.rules[%d]" % (w, j))
            for k in ("shortDescription", "fullDescription"):
                if k in r:
                    need(r[k], "multiformatMessageString", "%s.rules[%d].%s" % (w, j, k))
            lvl = r.get("defaultConfiguration", {}).get("level", "warning")
            if lvl not in LEVELS:
                fail("bad level " + lvl)
        bases = set(run.get("originalUriBaseIds", {}))
        for inv in run.get("invocations", []):
            need(inv, "invocation", w + ".invocations")
            for n in inv.get("toolExecutionNotifications", []):
                need(n, "notification", w + ".notification")
                message(n["message"], w + ".notification")
        for j, res in enumerate(run.get("results", [])):
            rw = "%s.results[%d]" % (w, j)
            need(res, "result", rw)
            message(res["message"], rw)
            if res.get("level", "warning") not in LEVELS:
                fail(rw + ": bad level")
            if "ruleIndex" in res and rules[res["ruleIndex"]]["id"] != res.get("ruleId"):
                fail(rw + ": ruleIndex does not point at ruleId")
            for l in res.get("locations", []) + res.get("relatedLocations", []):
                location(l, bases, rw)
            for fx in res.get("fixes", []):
                need(fx, "fix", rw + ".fix")
                for ch in fx["artifactChanges"]:
                    need(ch, "artifactChange", rw + ".artifactChange")
                    artifact(ch["artifactLocation"], bases, rw)
                    for rep in ch["replacements"]:
                        need(rep, "replacement", rw + ".replacement")
                        region(rep["deletedRegion"], rw + ".deletedRegion")
                        if "insertedContent" in rep and "text" not in rep["insertedContent"]:
                            fail(rw + ": insertedContent without text")
    print("sarif ok: %d result(s)" % sum(len(r.get("results", [])) for r in log["runs"]))


main()
