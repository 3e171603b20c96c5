#!/usr/bin/env python3
"""Writes the students' versions of the course's assignments with nbgrader (make assignments).

assignments/ is an nbgrader course folder (docs/TEACHING.md). This runs
`nbgrader generate_assignment` on every assignment in assignments/source/, which writes the
students' versions into assignments/release/ (solutions replaced by Go stubs, cells locked,
checksums recorded in assignments/gradebook.db).

An assignment's read-only setup cell is the engine as its lesson left it: the lesson's cells with
the tags that the cell's metadata names ("gograd": {"setup_from": LESSON, "tags": [...]}), in order.
The lesson is the one source: a setup cell that no longer matches stops this, and
    scripts/nbpython.sh scripts/assignments.py --sync
rewrites those setup cells from the lessons (commit them) before writing the students' versions.
"""
import os
import re
import subprocess
import sys

import nbformat

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COURSE = os.path.join(REPO, "assignments")


def source_notebooks():
    """The paths of the teacher's notebooks, assignments/source/*/*.ipynb."""
    src = os.path.join(COURSE, "source")
    return sorted(os.path.join(src, a, n) for a in os.listdir(src)
                  for n in os.listdir(os.path.join(src, a)) if n.endswith(".ipynb"))


def lesson_setup(lesson, tags):
    """The source of the cells of notebooks/LESSON that have one of tags, in order: their declarations,
    then, after one `%%` line, what their bodies run (a lesson's setup cell prints that it ran). A
    declaration after a `%%` would be in main, where Go does not allow it."""
    nb = nbformat.read(os.path.join(REPO, "notebooks", lesson), as_version=4)
    decls, bodies = [], []
    for c in nb.cells:
        if set(c.metadata.get("tags", [])) & set(tags):
            parts = re.split(r"(?m)^%%[ \t]*$", c.source, maxsplit=1)
            decls.append(parts[0].strip("\n"))
            if len(parts) > 1:
                bodies.append(parts[1].strip("\n"))
    source = "\n\n".join(d for d in decls if d)
    return source + "\n\n%%\n" + "\n".join(bodies) if bodies else source


def stale_setups(sync=False):
    """The setup cells that differ from their lessons, as "notebook: cell" lines; with sync, rewrites them."""
    stale = []
    for path in source_notebooks():
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            origin = cell.metadata.get("gograd", {})
            if "setup_from" not in origin:
                continue
            want = lesson_setup(origin["setup_from"], origin["tags"])
            if cell.source != want:
                stale.append("%s: cell %s is not the engine of notebooks/%s (cells tagged %s)" % (
                    os.path.relpath(path, REPO), cell.metadata.nbgrader["grade_id"], origin["setup_from"],
                    ", ".join(origin["tags"])))
                cell.source, changed = want, True
        if sync and changed:
            nbformat.write(nb, path)
    return stale


def nbgrader(course, *args):
    """Runs nbgrader ARGS in the course folder with this Python; returns its output, or exits with it
    when nbgrader fails. nbgrader runs the command alembic when it creates a gradebook: this Python's
    folder of commands goes first on PATH, for a virtual environment that was not activated."""
    env = dict(os.environ, PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]))
    run = subprocess.run([sys.executable, "-m", "nbgrader"] + list(args), cwd=course, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if run.returncode != 0:
        raise SystemExit("%s\nnbgrader %s failed (exit %d, its output above)" % (run.stdout[-6000:], " ".join(args), run.returncode))
    return run.stdout


def main():
    sync = "--sync" in sys.argv[1:]
    stale = stale_setups(sync)
    if stale and not sync:
        raise SystemExit("assignments: setup cells out of date with their lessons:\n  %s\n"
                         "Run: scripts/nbpython.sh scripts/assignments.py --sync   (then commit assignments/source)"
                         % "\n  ".join(stale))
    for line in stale:
        print("assignments: rewrote " + line.split(" is not ")[0])
    nbgrader(COURSE, "generate_assignment", "*", "--force")
    print("assignments: the students' versions are in %s" % os.path.relpath(os.path.join(COURSE, "release"), os.getcwd()))


if __name__ == "__main__":
    main()
