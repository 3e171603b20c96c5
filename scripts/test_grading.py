#!/usr/bin/env python3
"""Grades a synthetic class with nbgrader and the gograd kernel, and checks every grade.

The course is a copy of assignments/ in build/grading-test/. `nbgrader generate_assignment` writes
the students' versions; each student of the class below starts from them, as a student does, and
hands in answers: the right ones, the classic wrong ones (`=` for `+=`, the chain rule's factor
out.Grad left out, a wrong sign, a depth-first walk without a visited set, unreversed or appending
too early, a learning rate that saturates tanh), the untouched stubs, test cells edited or deleted,
a cell that does not compile. `nbgrader autograde` grades the class in one run with the gograd
kernel, `nbgrader generate_feedback` writes the HTML feedback, and this checks each test cell's
points in the gradebook and the message that explains them (in the graded notebook and in the
feedback). A table of what nbgrader said is printed either way.

    scripts/nbpython.sh scripts/test_grading.py [--keep]    (--keep: leave build/grading-test)
"""
import html
import os
import re
import shutil
import sys
import time

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from assignments import nbgrader, stale_setups  # noqa: E402
from run_notebooks import use_this_checkout  # noqa: E402 (the kernel must build this checkout)

COURSE = os.path.join(REPO, "build", "grading-test")
SOURCE = os.path.join(REPO, "assignments", "source")


def solution(nb, grade_id):
    """The teacher's solution cell grade_id without its BEGIN/END SOLUTION lines: the right answer."""
    cell = cell_of(nb, grade_id)
    return "\n".join(l for l in cell.source.split("\n") if not re.search(r"// (BEGIN|END) SOLUTION", l))


def cell_of(nb, grade_id):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def changed(text, old, new):
    """text with old replaced by new; old must be there (else the wrong answer would be the right one)."""
    if old not in text:
        raise ValueError("%r is not in %r" % (old, text))
    return text.replace(old, new)


# The wrong answers, made from the right one: each names what it does to the solution text.
def assign(s):
    return changed(s, "+=", "=")


def no_factor(s):
    return changed(s, " * out.Grad", "")


def wrong_sign(s):
    return changed(s, "-v.Data", "v.Data")


def no_visited(s):
    return changed(s, "\t\tif visited[n] {\n\t\t\treturn\n\t\t}\n", "")


def append_first(s):
    """A depth-first walk that appends a node before it visits the node's operands."""
    loop = "\t\tfor _, p := range n.Prev {\n\t\t\tbuild(p)\n\t\t}\n"
    return changed(s, loop + "\t\tlist = append(list, n)\n", "\t\tlist = append(list, n)\n" + loop)


def no_compile(s):
    return s[:s.rstrip().rfind("}")]  # the closing brace of the function, forgotten


def gutted_test(_):
    return '%%\nfmt.Println("all checks passed")'


# CLASS[assignment][student] = ({grade_id: edit}, {test grade_id: (points, text in its output)}).
# An edit is a function of the right answer (the cell's new source), or None: the cell deleted.
# Students not named get the right answer everywhere (and full points), except "stub", who hands in
# the students' version untouched: every test fails on the stub's panic.
STUB = "not written yet: replace this panic"
RIGHT = ": right! "  # what a test cell prints for a right answer (lesson.Result.Must)
CLASS = {
    "02_accumulate": {
        "assign": ({"add_mul": assign}, {"test_add_mul": (0, "a used twice: +=")}),
        "nofactor": ({"add_mul": no_factor}, {"test_add_mul": (0, "dy/da (1 times out.Grad)")}),
        "editor": ({"add_mul": assign, "test_add_mul": gutted_test, "test_predict": gutted_test},
                   {"test_add_mul": (0, "a used twice: +="), "test_predict": (1, RIGHT)}),
        "deleter": ({"test_add_mul": None, "test_predict": None},
                    {"test_add_mul": (2, RIGHT), "test_predict": (1, RIGHT)}),
        "novisited": ({"order": no_visited}, {"test_order": (0, "listed 2 times")}),
        "unreversed": ({"order": lambda s: changed(s, "\tslices.Reverse(list)\n", "")}, {"test_order": (0, "wrong way round")}),
        "preorder": ({"order": append_first}, {"test_order": (0, "before visiting its operands")}),
    },
    "04_log": {
        "assign": ({"log": assign}, {"test_log": (0, "assign (=) where it must add (+=)")}),
        "nofactor": ({"log": no_factor}, {"test_log": (0, "leaves out the factor out.Grad")}),
        "broken": ({"log": no_compile}, {"test_log": (0, "undefined")}),
        "deleter": ({"test_log": None}, {"test_log": (2, RIGHT)}),
    },
    "05_divdirect": {
        "assign": ({"divdirect": assign}, {"test_divdirect": (0, "assign (=) where it must add (+=)")}),
        "nofactor": ({"divdirect": no_factor}, {"test_divdirect": (0, "leaves out the factor out.Grad")}),
        "sign": ({"divdirect": wrong_sign}, {"test_divdirect": (0, "-v/w² = 0.125 (v = -2, w = 4): the sign is wrong")}),
        "editor": ({"divdirect": no_factor, "test_divdirect": gutted_test},
                   {"test_divdirect": (0, "leaves out the factor out.Grad")}),
    },
    "09_mlp": {
        "saturator": ({"learning_rate": lambda s: changed(s, "0.15", "2")},
                      {"test_learning_rate": (0, "flat against ±1"), "test_num_params": (1, RIGHT)}),
        "nobias": ({"num_params": lambda s: changed(s, "(nin + 1) * m", "nin * m")},
                   {"test_num_params": (0, "counts the weights but not the biases")}),
        "small": ({"learning_rate": lambda s: changed(s, "0.15", "0.05")},
                  {"test_learning_rate": (0, "a larger step gets further")}),
    },
}
# What the broken notebook's feedback must show: the compiler's own message, on the cell that has the error.
COMPILER_MESSAGE = "expected '}', found 'EOF'"


def outputs_text(cell):
    """What a graded cell showed: its streams and errors, then its HTML, as text."""
    text, pages = [], []  # GoNB's HTML error page (the code around the error) goes last
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            text.append(out.text)
        elif out.output_type == "error":
            text.append(out.ename + ": " + out.evalue + "\n" + "\n".join(out.traceback) + "\n")
        elif "text/html" in out.get("data", {}):
            pages.append(html.unescape(re.sub(r"<[^>]+>", "", out.data["text/html"])))
        elif "text/plain" in out.get("data", {}):
            text.append(out.data["text/plain"])
    return "".join(text + pages)


def first_message(text):
    """The line that says why a test cell failed (CHECK FAILED, a panic, a compiler error), or its last line.
    The first of them wins: the streams come before GoNB's HTML, which also quotes the cell's code."""
    m = re.search(r"CHECK FAILED: [^\n]*|panic: [^\n]*\n?[^\n]*|[^\n]*(undefined|expected)[^\n]*", text)
    if m:
        return " ".join(m.group(0).split())
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def main():
    keep = "--keep" in sys.argv[1:]
    problem = use_this_checkout("gograd")
    if problem:
        raise SystemExit("test_grading: " + problem)
    shutil.rmtree(COURSE, ignore_errors=True)
    os.makedirs(COURSE)
    shutil.copy(os.path.join(REPO, "assignments", "nbgrader_config.py"), COURSE)
    shutil.copytree(SOURCE, os.path.join(COURSE, "source"))
    assignments = sorted(os.listdir(SOURCE))
    started = time.monotonic()
    nbgrader(COURSE, "generate_assignment", "*", "--force")

    # The class: every student's notebooks, made from the students' version.
    expected = {}  # (student, assignment, test grade_id) -> (points, text)
    for a in assignments:
        teacher = nbformat.read(os.path.join(SOURCE, a, a + ".ipynb"), as_version=4)
        released = os.path.join(COURSE, "release", a, a + ".ipynb")
        solutions = [c.metadata.nbgrader["grade_id"] for c in teacher.cells if c.metadata.get("nbgrader", {}).get("solution")]
        tests = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
                 for c in teacher.cells if c.metadata.get("nbgrader", {}).get("grade")}
        students = {"right": ({}, {}), "stub": None}
        students.update(CLASS.get(a, {}))
        for student, plan in students.items():
            nb = nbformat.read(released, as_version=4)
            if plan is None:
                edits, want = {}, {t: (0, STUB) for t in tests}
            else:
                edits = {s: (lambda x: x) for s in solutions}
                edits.update(plan[0])
                want = {t: (p, RIGHT) for t, p in tests.items()}
                want.update(plan[1])
            for grade_id, edit in edits.items():
                cell = cell_of(nb, grade_id)
                if edit is None:
                    nb.cells.remove(cell)
                else:
                    right = solution(teacher, grade_id) if grade_id in solutions else cell.source
                    cell.source = edit(right)
            folder = os.path.join(COURSE, "submitted", student, a)
            os.makedirs(folder, exist_ok=True)
            nbformat.write(nb, os.path.join(folder, a + ".ipynb"))
            for t, w in want.items():
                expected[(student, a, t)] = w

    log = nbgrader(COURSE, "autograde", "*", "--force")
    graded_in = time.monotonic() - started
    nbgrader(COURSE, "generate_feedback", "*", "--force")

    from nbgrader.api import Gradebook
    problems, rows = stale_setups(), []
    with Gradebook("sqlite:///" + os.path.join(COURSE, "gradebook.db")) as gb:
        for (student, a, test), (points, text) in sorted(expected.items()):
            graded = os.path.join(COURSE, "autograded", student, a, a + ".ipynb")
            if not os.path.exists(graded):
                problems.append("%s/%s: not graded (no %s)" % (student, a, graded))
                continue
            nb = nbformat.read(graded, as_version=4)
            shown = outputs_text(cell_of(nb, test))
            if student == "broken":  # the compiler's message is on the solution cell, and in the feedback
                shown += outputs_text(cell_of(nb, "log"))
            got = gb.find_grade(test, a, a, student).auto_score
            rows.append((a, student, test, got, first_message(shown)))
            if got != points:
                problems.append("%s/%s %s: %s points, want %s" % (student, a, test, got, points))
            if text not in shown:
                problems.append("%s/%s %s: the output does not say %r:\n%s" % (student, a, test, text, shown[-1500:]))
            feedback = os.path.join(COURSE, "feedback", student, a, a + ".html")
            if not os.path.exists(feedback):
                problems.append("%s/%s: no feedback %s" % (student, a, feedback))
                continue
            page = html.unescape(re.sub(r"<[^>]+>", "", open(feedback).read()))
            score = "%s (Score: %.1f / %.1f)" % (a, gb.find_submission(a, student).score, gb.find_assignment(a).max_score)
            if score not in " ".join(page.split()):
                problems.append("%s/%s: the feedback does not say %r" % (student, a, score))
            if text not in page:
                problems.append("%s/%s: the feedback does not say %r" % (student, a, text))
            if student == "broken" and COMPILER_MESSAGE not in page:
                problems.append("%s/%s: the feedback lacks the compiler's message %r" % (student, a, COMPILER_MESSAGE))
            if student == "deleter" and "was missing from the submission" not in open(graded).read():
                problems.append("%s/%s: the deleted test cell was not put back" % (student, a))

    width = max(len(r[0]) + len(r[1]) + len(r[2]) for r in rows) + 3
    for a, student, test, got, msg in rows:
        print("%-*s %3g  %s" % (width, "%s %s %s" % (a, student, test), got, msg[:150]))
    notebooks = len({(s, a) for s, a, _ in expected})
    print("graded %d notebooks of %d assignments in %.0f s (generate_assignment and autograde)"
          % (notebooks, len(assignments), graded_in))
    if "Traceback" in log:
        problems.append("nbgrader autograde logged a Python traceback:\n" + log[log.index("Traceback"):][:3000])
    if not keep:
        shutil.rmtree(COURSE, ignore_errors=True)
    if problems:
        print("\ngrading test: %d problem(s):\n%s" % (len(problems), "\n".join(problems)))
        sys.exit(1)
    print("grading test: every grade and message as expected")


if __name__ == "__main__":
    main()
