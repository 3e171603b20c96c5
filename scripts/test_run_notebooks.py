#!/usr/bin/env python3
"""Tests scripts/run_notebooks.py on the fixture notebooks in scripts/testdata/runner/.

Each fixture says in its metadata what the runner must conclude about it:
    "gograd_selftest": {"expect": "pass" | "fail", "messages": ["text the runner must print", ...]}
The fixtures are run in one runner invocation with the real GoNB kernel; this checks each
verdict and message, the closing "N passed, M failed" line and the exit status. A runner that
cannot fail (or fails for the wrong reason) makes this test fail.
"""
import glob
import os
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    fixtures = sorted(glob.glob(os.path.join(HERE, "testdata", "runner", "*.ipynb")))
    expected = {}
    for path in fixtures:
        meta = nbformat.read(path, as_version=4).metadata["gograd_selftest"]
        expected[os.path.relpath(path, REPO)] = (meta["expect"], meta["messages"])
    run = subprocess.run(
        [sys.executable, os.path.join(HERE, "run_notebooks.py"),
         "--out", os.path.join(REPO, "build", "runner-selftest")] + sorted(expected),
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    lines = run.stdout.splitlines()

    sections, current = {}, None  # the runner's lines about each notebook, from its RUN line on
    for line in lines:
        if line.startswith("RUN  "):
            current = sections.setdefault(line[5:], [])
        elif current is not None:
            current.append(line)
    problems = []
    for name, (verdict, messages) in sorted(expected.items()):
        section = sections.get(name, [])
        verdicts = [l.split()[0] for l in section if l.startswith(("PASS ", "FAIL "))]
        if verdicts != [verdict.upper()]:
            problems.append("%s: runner said %s, expected %s" % (name, verdicts, verdict.upper()))
        for msg in messages:
            if msg not in "\n".join(section):
                problems.append("%s: runner output lacks %r" % (name, msg))
    n_pass = sum(1 for v, _ in expected.values() if v == "pass")
    summary = "%d passed, %d failed" % (n_pass, len(expected) - n_pass)
    if not lines or lines[-1] != summary:
        problems.append("last line is %r, expected %r" % (lines[-1] if lines else "", summary))
    if run.returncode != (1 if n_pass < len(expected) else 0):
        problems.append("runner exit status %d, expected %d" % (run.returncode, 1))

    if problems:
        print(run.stdout)
        print("runner self-test FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("runner self-test ok: %d fixture notebooks (%d should pass, %d should fail) judged as expected"
          % (len(expected), n_pass, len(expected) - n_pass))
    return 0


if __name__ == "__main__":
    sys.exit(main())
