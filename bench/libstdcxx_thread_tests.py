#!/usr/bin/env python3
"""Used by bench/libstdcxx-thread-tests.sh: plans, builds and runs libstdc++'s
30_threads tests, and compares the runs before and after `pitfix --fix`.

  plan    TESTS UTIL OUT CXX       OUT/plan.json (what each test needs) and
                                   OUT/compile_commands.json (the tests the
                                   plan keeps, with their flags)
  build   OUT PHASE JOBS TIMEOUT LIB [LIST]
                                   builds (and runs, for `dg-do run`) every
                                   kept test, or those LIST names, into
                                   OUT/PHASE/; results in OUT/PHASE.json
  compare OUT REPORT FIX CHANGED   the summary; exits 1 when a test that
                                   passed before fails after, or a changed
                                   test no longer compiles

The flags follow the DejaGnu directives the way libstdc++'s harness reads
them: `dg-options` replaces the default options, `dg-additional-options`
adds to them; the default standard is GCC 12's (gnu++17), and a test whose
`dg-do`/`dg-require-effective-target` needs C++20 gets -std=gnu++20. A test
that expects diagnostics (dg-error, dg-warning, dg-excess-errors) is a
compile-fail test: it is left out, as are tests whose target selector a
Linux host with the default standard does not meet.
"""
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import time

DEFAULT_STD = 17
DEFAULT_OPTIONS = ["-O2", "-g0"]
DIRECTIVE = re.compile(r"\{\s*(dg-[a-z-]+)\s*(.*)\}\s*$")
STD_FLAG = re.compile(r"-std=(?:gnu|c)\+\+(\w+)")
STD_NAMES = {"98": 98, "03": 98, "0x": 11, "11": 11, "1y": 14, "14": 14,
             "1z": 17, "17": 17, "2a": 20, "20": 20, "2b": 23, "23": 23}


def std_number(name):
    return STD_NAMES.get(name)


def target_holds(selector, std):
    """Whether a DejaGnu target selector such as `c++11`, `c++98_only`,
    `{ c++11_only || c++14_only }`, `*-*-linux*` or `pthread` holds on an
    x86_64 Linux host compiling with -std=gnu++<std>."""
    words = re.findall(r"[^\s{}|]+", selector)
    if not words:
        return True
    results = []
    for word in words:
        m = re.fullmatch(r"c\+\+(\w\w)(_only|_down)?", word)
        if m:
            n = std_number(m.group(1))
            kind = m.group(2) or ""
            results.append(std == n if kind == "_only"
                           else std <= n if kind == "_down" else std >= n)
        elif "-" in word or "*" in word:  # a triplet glob
            results.append(re.fullmatch(word.replace("*", ".*"),
                                        "x86_64-pc-linux-gnu") is not None)
        else:  # pthread, static, gthreads, ...: a Linux host has them
            results.append(True)
    return any(results)  # `a || b` and space-separated triplets both mean "any"


def needed_std(text):
    """The lowest standard the test's target selectors accept, GCC's default
    (gnu++17) when that one does."""
    for cand in [DEFAULT_STD, 20, 14, 11, 98, 23]:
        if all(target_holds(sel, cand) for sel in selectors(text)):
            return cand
    return None


def selectors(text):
    for name, args in directives(text):
        if name == "dg-do":
            m = re.search(r"target\s+(.*)", args)
            if m:
                yield m.group(1)
        elif name == "dg-require-effective-target":
            yield args.strip().strip("{}").strip()


def directives(text):
    for line in text.splitlines():
        if "dg-" not in line:
            continue
        m = DIRECTIVE.search(line)
        if m:
            yield m.group(1), m.group(2).strip()


def options_of(args):
    """`"-a -b" { target sel }` -> (["-a", "-b"], "sel" or None)."""
    m = re.match(r'"([^"]*)"\s*(?:\{\s*target\s+(.*)\})?', args)
    if not m:
        m = re.match(r"\{([^}]*)\}\s*(?:\{\s*target\s+(.*)\})?", args)
    if not m:
        return [], None
    return m.group(1).split(), m.group(2)


def plan_test(path, rel):
    text = open(path, encoding="utf-8", errors="replace").read()
    names = [n for n, _ in directives(text)]
    entry = {"file": rel, "mode": None, "skip": None}
    if any(n in ("dg-error", "dg-warning", "dg-excess-errors") for n in names):
        entry["skip"] = "expects compiler diagnostics"
        return entry
    mode = "compile"
    for name, args in directives(text):
        if name == "dg-do":
            mode = args.split()[0] if args else "compile"
    entry["mode"] = mode
    std = None
    options = list(DEFAULT_OPTIONS)
    extra = []
    for name, args in directives(text):
        if name == "dg-options":
            opts, sel = options_of(args)
            if sel is None or target_holds(sel, DEFAULT_STD):
                options = opts
        elif name == "dg-additional-options":
            opts, sel = options_of(args)
            if sel is None or target_holds(sel, DEFAULT_STD):
                extra += opts
    for flag in options + extra:
        m = STD_FLAG.fullmatch(flag)
        if m:
            std = std_number(m.group(1))
    if std is None:
        std = needed_std(text)
        if std is None:
            entry["skip"] = "no standard meets its target selectors"
            return entry
        options = ["-std=gnu++%d" % std] + options
    elif not all(target_holds(sel, std) for sel in selectors(text)):
        entry["skip"] = "its target selectors exclude its own -std"
        return entry
    entry["std"] = std
    entry["flags"] = options + extra + ["-pthread"]
    return entry


def plan(tests_dir, util_dir, out, cxx):
    root = os.path.dirname(tests_dir)
    entries = []
    for dirpath, _, files in os.walk(tests_dir):
        for f in sorted(files):
            if f.endswith(".cc"):
                path = os.path.join(dirpath, f)
                entries.append(plan_test(path, os.path.relpath(path, root)))
    entries.sort(key=lambda e: e["file"])
    for e in entries:
        if not e["skip"]:
            e["flags"] = e["flags"] + ["-I" + util_dir]
    json.dump({"root": root, "cxx": cxx, "tests": entries},
              open(os.path.join(out, "plan.json"), "w"), indent=1)
    db = [{"directory": os.path.dirname(os.path.join(root, e["file"])),
           "file": os.path.join(root, e["file"]),
           "arguments": [cxx] + e["flags"] + ["-c", os.path.join(root, e["file"]),
                                              "-o", "/dev/null"]}
          for e in entries if not e["skip"]]
    json.dump(db, open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
    kept = sum(1 for e in entries if not e["skip"])
    print("plan: %d test files, %d kept, %d left out" %
          (len(entries), kept, len(entries) - kept))


def run_limited(cmd, cwd, timeout):
    """(status, output): status is the exit code, or "timeout"."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode(errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return "timeout", out.decode(errors="replace")


def build_one(entry, root, cxx, outdir, timeout, lib):
    src = os.path.join(root, entry["file"])
    base = os.path.join(outdir, entry["file"][:-3])
    os.makedirs(os.path.dirname(base), exist_ok=True)
    if entry["mode"] == "compile":
        cmd = [cxx] + entry["flags"] + ["-c", src, "-o", base + ".o"]
    else:
        cmd = [cxx] + entry["flags"] + [src, "-o", base + ".exe", lib]
    rc, log = run_limited(cmd, os.path.dirname(base), 600)
    result = {"mode": entry["mode"], "compiled": rc == 0, "status": None}
    if rc != 0:
        result["status"] = "compile-error"
        result["log"] = log[-4000:]
        return result
    if entry["mode"] != "run":
        result["status"] = "compiled"
        return result
    start = time.monotonic()
    rc, log = run_limited([base + ".exe"], os.path.dirname(base), timeout)
    result["seconds"] = round(time.monotonic() - start, 2)
    result["status"] = "pass" if rc == 0 else "timeout" if rc == "timeout" else "fail %s" % rc
    if rc != 0:
        result["log"] = log[-4000:]
    return result


def build(out, phase, jobs, timeout, lib, only=None):
    p = json.load(open(os.path.join(out, "plan.json")))
    entries = [e for e in p["tests"] if not e["skip"]]
    if only is not None:
        wanted = set(l.strip() for l in open(only) if l.strip())
        entries = [e for e in entries if e["file"] in wanted]
    outdir = os.path.join(out, phase)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_one, e, p["root"], p["cxx"], outdir,
                               timeout, lib): e["file"] for e in entries}
        for done, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            results[futures[fut]] = fut.result()
            if sys.stderr.isatty():
                sys.stderr.write("\r%s: %d/%d" % (phase, done, len(entries)))
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    json.dump(results, open(os.path.join(out, phase + ".json"), "w"), indent=1,
              sort_keys=True)
    counts = {}
    for r in results.values():
        key = r["status"].split()[0]
        counts[key] = counts.get(key, 0) + 1
    print("%s: %d built: %s" % (phase, len(results), ", ".join(
        "%s %d" % kv for kv in sorted(counts.items()))))


def rerun(out, phase, rel, timeout):
    exe = os.path.join(out, phase, rel[:-3] + ".exe")
    rc, _ = run_limited([exe], os.path.dirname(exe), timeout)
    return rc == 0


def findings_per_rule(report):
    """{rule: count} from the `pitfix: N findings: rule n, ...` line."""
    per_rule = {}
    for line in open(report, errors="replace"):
        m = re.match(r"pitfix: \d+ findings?: (.*)", line.strip())
        if m:
            for part in m.group(1).split(", "):
                rule, n = part.rsplit(" ", 1)
                per_rule[rule] = int(n)
    return per_rule


def last_line(path, pattern):
    """The last line of the file that starts with the pattern."""
    lines = [l.strip() for l in open(path, errors="replace") if re.match(pattern, l)]
    return lines[-1] if lines else "(no such line)"


def compare(out, report, fix, changed, timeout):
    p = json.load(open(os.path.join(out, "plan.json")))
    before = json.load(open(os.path.join(out, "before.json")))
    after_path = os.path.join(out, "after.json")
    after = json.load(open(after_path)) if os.path.exists(after_path) else {}
    changed = [l.strip() for l in open(changed) if l.strip()]
    kept = [e for e in p["tests"] if not e["skip"]]
    compiled = [f for f, r in before.items() if r["compiled"]]
    runs = [f for f, r in before.items() if r["mode"] == "run" and r["compiled"]]
    passed_before = [f for f in runs if before[f]["status"] == "pass"]
    final = dict(before)
    final.update(after)
    passed_after = [f for f in runs if final[f]["status"] == "pass"]
    problems = []
    for f in changed:
        b, a = before.get(f), after.get(f)
        if b is None or a is None:
            problems.append("%s: changed, but not built after" % f)
        elif b["compiled"] and not a["compiled"]:
            problems.append("%s: compiled before the fix, not after:\n%s" %
                            (f, a.get("log", "")))
        elif b["status"] == "pass" and a["status"] != "pass":
            # A timing-dependent test can fail once; run both binaries again
            # and call it a regression when the fixed one fails more often.
            fails_before = sum(not rerun(out, "before", f, timeout) for _ in range(3))
            fails_after = 1 + sum(not rerun(out, "after", f, timeout) for _ in range(2))
            if fails_after > fails_before:
                problems.append("%s: passed before the fix, %s after (%d of 3 runs "
                                "failed after, %d of 3 before):\n%s" %
                                (f, a["status"], fails_after, fails_before,
                                 a.get("log", "")))
            else:
                print("note: %s failed once after the fix, as often as before "
                      "on reruns (timing)" % f)
    per_rule = findings_per_rule(report)
    lines = [
        "test files: %d (%d left out: compile-fail tests and target selectors)"
        % (len(p["tests"]), len(p["tests"]) - len(kept)),
        "compiled before: %d of %d kept (run tests: %d, compile-only: %d)"
        % (len(compiled), len(kept), len(runs), len(compiled) - len(runs)),
        "findings (report mode): %d: %s" % (sum(per_rule.values()), ", ".join(
            "%s %d" % kv for kv in sorted(per_rule.items())) or "none"),
        "report mode: " + last_line(report, r"pitfix: \d+ fix(able|ed)"),
        "with --fix:  " + last_line(fix, r"pitfix: \d+ fix(able|ed)"),
        "files changed by --fix: %d" % len(changed),
        "changed tests: compiled after %d of %d"
        % (sum(1 for f in changed if after.get(f, {}).get("compiled")), len(changed)),
        "run tests passed: before %d of %d, after %d of %d"
        % (len(passed_before), len(runs), len(passed_after), len(runs)),
    ]
    failing_before = sorted(f for f in runs if before[f]["status"] != "pass")
    if failing_before:
        lines.append("failing before the fix: " + ", ".join(
            "%s (%s)" % (f, before[f]["status"]) for f in failing_before))
    text = "\n".join(lines) + "\n"
    if problems:
        text += "REGRESSIONS:\n" + "\n".join(problems) + "\n"
    else:
        text += "no regression: every test that passed before passes after\n"
    open(os.path.join(out, "summary.txt"), "w").write(text)
    sys.stdout.write(text)
    return 1 if problems else 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "plan" and len(argv) == 6:
        plan(*argv[2:6])
        return 0
    if cmd == "build" and len(argv) in (7, 8):
        build(argv[2], argv[3], int(argv[4]), float(argv[5]), argv[6],
              argv[7] if len(argv) == 8 else None)
        return 0
    if cmd == "compare" and len(argv) == 7:
        return compare(argv[2], argv[3], argv[4], argv[5], float(argv[6]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
