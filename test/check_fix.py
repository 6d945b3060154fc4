#!/usr/bin/env python3
"""Golden test of one rule on one input file, in the manner of clang-tidy's
check_clang_tidy.py.

  check_fix.py --pitfix P --clangxx C --filecheck F INPUT CHECKS TMP [-- ARGS]

1. copies INPUT to TMP.d/ (with the .clang-format of INPUT's directory, if
   it has one: the style of the project the rewrites must follow), runs
   `pitfix --checks=-*,CHECKS --fix` on the copy (compiler ARGS after --);
2. checks pitfix's output against the `CHECK-MESSAGES:` lines of INPUT with
   FileCheck, and demands that every warning is expected (an input without
   CHECK-MESSAGES lines must produce no warning at all);
3. compares the rewritten copy exactly with INPUT.expected (or, when there is
   no such file, with INPUT itself: nothing may change); whole-line
   `// CHECK-MESSAGES` comments are left out of the comparison, so an
   .expected file need not repeat them;
4. when the run rewrote the copy, compiles it with `clang++ -fsyntax-only
   ARGS`;
5. and runs pitfix --fix again and demands that nothing changes (a copy
   left unchanged is its own fixpoint, and its one parse had no error).

With PITFIX_UPDATE_GOLDEN=1 in the environment (like `ast-grep test -U`), a
rewritten copy that differs from INPUT.expected is written to INPUT.expected
(without the CHECK-MESSAGES lines) instead of failing, and INPUT.expected is
removed when the rewrite changes nothing; the other checks still run.
Review the change with `git diff` before committing it.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys


def fail(msg):
    sys.stderr.write("check_fix: " + msg + "\n")
    sys.exit(1)


def without_checks(text):
    """The text without its whole-line CHECK-MESSAGES comments."""
    return "".join(l for l in text.splitlines(True)
                   if not l.lstrip().startswith("// CHECK-MESSAGES"))


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kw)


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser()
    p.add_argument("--pitfix", required=True)
    p.add_argument("--clangxx", required=True)
    p.add_argument("--filecheck", required=True)
    p.add_argument("--pitfix-arg", action="append", default=[],
                   help="extra pitfix option (repeatable)")
    p.add_argument("input")
    p.add_argument("checks")
    p.add_argument("tmp")
    a = p.parse_args(argv)
    if not extra:
        extra = ["-std=c++20"]

    work = a.tmp + ".d"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    copy = os.path.join(work, os.path.basename(a.input))
    shutil.copyfile(a.input, copy)
    style = os.path.join(os.path.dirname(a.input), ".clang-format")
    if os.path.exists(style):
        shutil.copyfile(style, os.path.join(work, ".clang-format"))
    with open(a.input) as f:
        original = f.read()

    cmd = [a.pitfix, "--quiet", "--checks=-*," + a.checks, "--fix"] + \
        a.pitfix_arg + [copy, "--"] + extra
    r = run(cmd)
    if r.returncode not in (0, 1):
        fail("pitfix exited with %d:\n%s" % (r.returncode, r.stdout))
    out = r.stdout

    if "CHECK-MESSAGES" in original:
        fc = subprocess.run([a.filecheck, a.input, "--check-prefix=CHECK-MESSAGES",
                             "--implicit-check-not={{warning|error}}:"],
                            input=out, universal_newlines=True)
        if fc.returncode != 0:
            fail("pitfix output did not match CHECK-MESSAGES:\n" + out)
    elif "warning:" in out or "error:" in out:
        fail("expected no finding, got:\n" + out)

    with open(copy) as f:
        fixed = f.read()
    expected_path = a.input + ".expected"
    expected = original
    if os.path.exists(expected_path):
        with open(expected_path) as f:
            expected = f.read()
    if without_checks(fixed) != without_checks(expected):
        if os.environ.get("PITFIX_UPDATE_GOLDEN") == "1":
            if fixed == original:
                if os.path.exists(expected_path):
                    os.remove(expected_path)
            else:
                with open(expected_path, "w") as f:
                    f.write(without_checks(fixed))
            sys.stderr.write("check_fix: updated %s\n" % expected_path)
        else:
            diff = "".join(difflib.unified_diff(
                without_checks(expected).splitlines(True),
                without_checks(fixed).splitlines(True),
                "expected", "rewritten"))
            fail("rewritten file differs from %s:\n%s" % (
                os.path.basename(expected_path) if expected is not original
                else "the input (no change was expected)", diff))

    # A file the run left unchanged is its own fixpoint, and pitfix has
    # parsed it without errors (an error fails the checks above): only a
    # rewrite needs the compiler and a second run.
    if fixed == original:
        return

    c = run([a.clangxx, "-fsyntax-only", "-w"] + extra + [copy])
    if c.returncode != 0:
        fail("the rewritten file does not compile:\n" + c.stdout)

    r2 = run(cmd)
    with open(copy) as f:
        again = f.read()
    if again != fixed:
        fail("a second run changed the file again:\n" + r2.stdout)
    if r2.returncode not in (0, 1):
        fail("second run exited with %d:\n%s" % (r2.returncode, r2.stdout))


if __name__ == "__main__":
    main()
