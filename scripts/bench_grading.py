#!/usr/bin/env python3
"""What grading costs: a class of right answers graded by the course's nbgrader setup, timed.

    scripts/nbpython.sh scripts/bench_grading.py [--students 30] [--assignments '*'] [--jobs N]
                                                 [--compare 5]

Copies the course into build/bench-grading/, writes the students' versions, hands in the teacher's
solutions for every student and assignment, and grades them with gograd_grading.autograde (the
sandbox, N submissions at once). Prints the seconds per notebook and the whole class's time.
--compare K first grades K students twice, one at a time, with and without the sandbox, and
prints the sandbox's own cost per notebook; it also times bubblewrap starting a process that does
nothing. A benchmark, not a test: it prints figures and checks only that every grade is full.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from run_notebooks import use_this_checkout  # noqa: E402
from test_grading import cell_of, new_course, solution  # noqa: E402

COURSE = os.path.join(REPO, "build", "bench-grading")


def hand_in(assignments, students):
    """Every student hands in the teacher's solutions of every assignment."""
    shutil.rmtree(os.path.join(COURSE, "submitted"), ignore_errors=True)
    shutil.rmtree(os.path.join(COURSE, "autograded"), ignore_errors=True)
    for a in assignments:
        teacher = nbformat.read(os.path.join(COURSE, "source", a, a + ".ipynb"), as_version=4)
        nb = nbformat.read(os.path.join(COURSE, "release", a, a + ".ipynb"), as_version=4)
        for c in teacher.cells:
            if c.metadata.get("nbgrader", {}).get("solution"):
                cell_of(nb, c.metadata.nbgrader["grade_id"]).source = solution(teacher, c.metadata.nbgrader["grade_id"])
        for s in students:
            folder = os.path.join(COURSE, "submitted", s, a)
            os.makedirs(folder, exist_ok=True)
            nbformat.write(nb, os.path.join(folder, a + ".ipynb"))


def grade(autograde, assignments, students, jobs, *extra):
    hand_in(assignments, students)
    started = time.monotonic()
    autograde(COURSE, "*", jobs, list(extra))
    took = time.monotonic() - started
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + os.path.join(COURSE, "gradebook.db")) as gb:
        for a in assignments:
            full = gb.find_assignment(a).max_score
            for s in students:
                got = gb.find_submission(a, s).score
                if got != full:
                    raise SystemExit("bench_grading: %s/%s scored %g of %g" % (s, a, got, full))
    return took


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--students", type=int, default=30)
    p.add_argument("--assignments", default="*")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--compare", type=int, default=0, metavar="K")
    args = p.parse_args()
    problem = use_this_checkout("gograd")
    if problem:
        raise SystemExit("bench_grading: " + problem)
    new_course(COURSE, args.assignments)
    assignments = sorted(os.listdir(os.path.join(COURSE, "release")))
    sys.path.insert(0, COURSE)
    from gograd_grading import autograde  # noqa: E402 (the course's copy)
    print("bench_grading: %d cores, load average %s" % (os.cpu_count(), " ".join("%.1f" % x for x in os.getloadavg())))

    if args.compare:
        bwrap = ["bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib64", "/lib64",
                 "--symlink", "usr/lib", "/lib", "--proc", "/proc", "--dev", "/dev", "/usr/bin/true"]
        t = time.monotonic()
        for _ in range(20):
            subprocess.run(bwrap, check=True)
        print("bwrap starting /usr/bin/true: %.1f ms" % ((time.monotonic() - t) / 20 * 1000))
        few = ["s%02d" % i for i in range(args.compare)]
        n = len(few) * len(assignments)
        # The sandboxed run first: the run without the sandbox writes its programs into the build
        # cache, where a later sandboxed run would find them, and look cheaper than it is.
        boxed = grade(autograde, assignments, few, 1)
        plain = grade(autograde, assignments, few, 1, "--GoExecute.sandbox=False")
        print("one at a time, %d notebooks: %.1f s a notebook without the sandbox, %.1f s with it "
              "(the sandbox's cost: %+.2f s a notebook)" % (n, plain / n, boxed / n, (boxed - plain) / n))

    students = ["s%02d" % i for i in range(args.students)]
    n = len(students) * len(assignments)
    took = grade(autograde, assignments, students, args.jobs)
    print("a class of %d students x %d assignments (%d notebooks), %d at once: %.0f s, %.2f s a notebook"
          % (len(students), len(assignments), n, args.jobs, took, took / n))
    print("load average after: %s" % " ".join("%.1f" % x for x in os.getloadavg()))


if __name__ == "__main__":
    main()
