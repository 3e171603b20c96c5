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

    scripts/nbpython.sh scripts/test_grading.py [--keep] [--no-laptop] [--course DIR]
                                                [--assignment NAME] [--students NAME,...]
        --keep: leave the course folder; --no-laptop: skip TEACHING.md's laptop path as a new user;
        --course: the course folder (default build/grading-test); --assignment, --students: grade
        only that assignment and those students of the class (the image test grades "right",
        "exiter" and "leaker" of 04_log in the classroom container)
    scripts/nbpython.sh scripts/test_grading.py --answer STUDENT NOTEBOOK
        writes STUDENT's hand-in into a students' version (for the tests of TEACHING.md's paths)

Every notebook is graded in the sandbox of assignments/gograd_grading.py, GRADING_JOBS at once
(default: the number of cores). The class has cheaters and snoopers besides: exits in an answer,
in init and in a goroutine, a process that kills itself, a loop, derivatives written in as numbers,
a redeclared Backward, a cell that reads and writes around the course and opens connections, and
one that prints the teacher's solution; and right answers that log to stderr, have extra cells,
or lost their test cells or setup cell. As root it then runs TEACHING.md's laptop path as a new
user without root (scripts/laptop_grading_test.sh). TEACHING.md's hub path runs in the hub test
(scripts/hub_test.sh), whose students answer with --answer.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import time

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from assignments import nbgrader, stale_setups  # noqa: E402
from run_notebooks import use_this_checkout  # noqa: E402 (the kernel must build this checkout)

COURSE = os.path.join(REPO, "build", "grading-test")
JOBS = int(os.environ.get("GRADING_JOBS", os.cpu_count() or 1))  # submissions graded at once
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
KEEP = "keep"


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


def exits_first(s):
    """The answer, but its function ends the program first: os.Exit(0) scored full points once."""
    return re.sub(r"(\n\tout :=|\n\treturn)", r"\n\tos.Exit(0)\1", s, count=1)


def init_exit(_):
    return "import \"os\"\n\nfunc init() { os.Exit(0) }"


def goroutine_exit(_):
    return "func init() {\n\tgo func() { os.Exit(0) }()\n\ttime.Sleep(2 * time.Second)\n}"


def kills_itself(_):
    return "func init() {\n\tsyscall.Kill(syscall.Getpid(), syscall.SIGKILL)\n}"


def loops(s):
    return changed(s, "return autograd.Add(1, x.Exp()).Log()", "for {\n\t}")


def logs(s):
    return changed(s, "\treturn out\n", '\tlog.Println("DivDirect made", out.Data)\n\treturn out\n')


def hard_log(s):
    return changed(s, "1 / v.Data * out.Grad", "0.5 * out.Grad")


def hard_sigmoid(_):
    # A node of its own whose backward step writes in σ'(0.5), right at x = 0.5 only.
    return ("func sigmoid(x *Value) *Value {\n"
            "\tout := &Value{Data: 1 / (1 + math.Exp(-x.Data)), Prev: []*Value{x}}\n"
            "\tout.backward = func() { x.Grad += 0.2350037122015945 * out.Grad }\n"
            "\treturn out\n}")


def redeclares_backward(_):
    return "// my own Backward, to try things\nfunc (v *Value) Backward() {\n\tv.Grad = 1\n}"


def extra_cells(_):
    return "// a helper of my own\nfunc twice(x float64) float64 { return 2 * x }\n\n%%\nfmt.Println(twice(21))"


# The snooper's cell: what a student could try against the grader. Every line prints what it got
# (SNOOP ...), which lands in the student's feedback; the test checks that none of it is the
# course's. The notebook runs in autograded/snoop/04_log, three levels below the course root.
SNOOP = r'''func init() {
	for _, path := range []string{"../../../gradebook.db", "../../../source/04_log/04_log.ipynb",
		"../../../submitted/right/04_log/04_log.ipynb", "../../../nbgrader_config.py"} {
		b, err := os.ReadFile(path)
		fmt.Printf("SNOOP read %s: %d bytes, %v\n", path, len(b), err)
	}
	for _, dir := range []string{"..", "../..", "../../..", os.Getenv("HOME")} {
		entries, err := os.ReadDir(dir)
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		fmt.Printf("SNOOP list %s: %v %v\n", dir, names, err)
	}
	for _, path := range []string{"../../../pwned.txt", "../pwned.txt", "pwned.txt"} {
		fmt.Printf("SNOOP write %s: %v\n", path, os.WriteFile(path, []byte("pwned"), 0o644))
	}
	f, err := os.OpenFile("../../../gradebook.db", os.O_RDWR, 0)
	fmt.Printf("SNOOP open gradebook for writing: %v\n", err)
	if f != nil {
		f.Close()
	}
	for _, addr := range []string{"1.1.1.1:443", "pypi.org:443", "127.0.0.1:22"} {
		conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
		fmt.Printf("SNOOP dial %s: %v\n", addr, err)
		if conn != nil {
			conn.Close()
		}
	}
}'''


def leaks_solution(s):
    """The right answer, and a cell that prints the teacher's version of this assignment."""
    return s + ('\n\nfunc init() {\n\tb, err := os.ReadFile("../../../source/04_log/04_log.ipynb")\n'
                '\tfmt.Println("LEAK", string(b), err)\n}')


# CLASS[assignment][student] = ({grade_id: edit}, {test grade_id: (points, text in its output)}).
# An edit is a function of the right answer (the cell's new source), None: the cell deleted, or
# KEEP: the students' version left as it is (the stub). "+NAME": a new cell of the student's after
# cell NAME, its source the function's result.
# Students not named get the right answer everywhere (and full points), except "stub", who hands in
# the students' version untouched: every test fails on the stub's panic.
STUB = "not written yet: replace this panic"
RIGHT = ": right! "  # what a test cell prints for a right answer (lesson.Result.Must)
ENDED = "the program ended before the test finished"
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
        "hardcoded": ({"log": hard_log}, {"test_log": (0, "a number written in")}),
        "exiter": ({"log": exits_first}, {"test_log": (0, ENDED)}),
        "redeclarer": ({"+log": redeclares_backward}, {"test_log": (0, "declares Backward again")}),
        "snoop": ({"+log": lambda _: SNOOP}, {"test_log": (2, RIGHT)}),
        "leaker": ({"log": leaks_solution}, {"test_log": (2, RIGHT)}),
        "nofactor": ({"log": no_factor}, {"test_log": (0, "leaves out the factor out.Grad")}),
        "broken": ({"log": no_compile}, {"test_log": (0, "undefined")}),
        "deleter": ({"test_log": None}, {"test_log": (2, RIGHT)}),
    },
    "03_plain_numbers": {
        "extra": ({"+poly": extra_cells, "+setup": extra_cells}, {"test_poly": (1, RIGHT)}),
    },
    "05_divdirect": {
        "logger": ({"divdirect": logs}, {"test_divdirect": (2, RIGHT)}),
        "nosetup": ({"setup": None}, {"test_divdirect": (2, RIGHT)}),
        "assign": ({"divdirect": assign}, {"test_divdirect": (0, "assign (=) where it must add (+=)")}),
        "nofactor": ({"divdirect": no_factor}, {"test_divdirect": (0, "leaves out the factor out.Grad")}),
        "sign": ({"divdirect": wrong_sign}, {"test_divdirect": (0, "-v/w² = 0.125 (v = -2, w = 4): the sign is wrong")}),
        "editor": ({"divdirect": no_factor, "test_divdirect": gutted_test},
                   {"test_divdirect": (0, "leaves out the factor out.Grad")}),
    },
    "06_sub": {
        "killer": ({"+predict": kills_itself}, {"test_predict": (0, "killed")}),
    },
    "07_sigmoid": {
        "hardcoded": ({"sigmoid": hard_sigmoid}, {"test_sigmoid": (0, "a number written in")}),
    },
    "08_softplus": {
        "looper": ({"softplus": loops}, {"test_softplus": (0, "(a loop that does not end")}),
    },
    "09_mlp": {
        "initexit": ({"num_params": KEEP, "learning_rate": KEEP, "+setup": init_exit},
                     {"test_num_params": (0, ENDED), "test_learning_rate": (0, ENDED)}),
        "saturator": ({"learning_rate": lambda s: changed(s, "0.15", "2")},
                      {"test_learning_rate": (0, "flat against ±1"), "test_num_params": (1, RIGHT)}),
        "nobias": ({"num_params": lambda s: changed(s, "(nin + 1) * m", "nin * m")},
                   {"test_num_params": (0, "counts the weights but not the biases")}),
        "small": ({"learning_rate": lambda s: changed(s, "0.15", "0.05")},
                  {"test_learning_rate": (0, "a larger step gets further")}),
    },
    "10_moons": {
        "goexit": ({"+sizes": goroutine_exit}, {"test_sizes": (0, ENDED)}),
    },
    "11_vectors": {
        "untransposed": ({"matvec": lambda s: changed(s, "W[i][j] * g[i]", "W[j][i] * g[i]")},
                         {"test_matvec": (0, "want Wᵀ·g"), "test_dual": (1, RIGHT)}),
        "nog": ({"matvec": lambda s: changed(s, "g[i] * x[j]", "x[j]")}, {"test_matvec": (0, "the factor g[i] is missing")}),
        "quotient": ({"dual": lambda s: changed(s, "(a.D*b.V - a.V*b.D) / (b.V * b.V)", "a.D / b.D")},
                     {"test_dual": (0, "not the quotient of the derivatives"), "test_matvec": (2, RIGHT)}),
        "sign": ({"dual": lambda s: changed(s, "a.D*b.V - a.V*b.D", "a.V*b.D - a.D*b.V")}, {"test_dual": (0, "the sign is wrong")}),
    },
    "12_evaluation": {
        "naive": ({"cross_entropy": lambda s: changed(changed(s, "m := logits[0].Data", "m := 0.0"), "m = max(m, z.Data)", "m = 0 * z.Data")},
                  {"test_cross_entropy": (0, "subtract the largest logit"), "test_batches": (1, RIGHT)}),
        "noaddback": ({"cross_entropy": lambda s: changed(s, "autograd.Add(sum.Log(), m)", "sum.Log()")},
                      {"test_cross_entropy": (0, "add it back")}),
        "droplast": ({"batches": lambda s: changed(s, "start < n", "start+size <= n")},
                     {"test_batches": (0, "the last, smaller batch is missing"), "test_cross_entropy": (2, RIGHT)}),
        "samerng": ({"batches": lambda s: changed(s, "rng.Perm(n)", "rand.New(rand.NewPCG(1, 2)).Perm(n)")},
                    {"test_batches": (0, "two epochs gave the same order")}),
    },
}
# What the snooper and the leaker see in their feedback: nothing of the course but their own
# notebook's folder, no network, no place to write but /tmp.
SEES = {
    "snoop": [
        "SNOOP read ../../../gradebook.db: 0 bytes, open ../../../gradebook.db: no such file or directory",
        "SNOOP read ../../../source/04_log/04_log.ipynb: 0 bytes, open ../../../source/04_log/04_log.ipynb: no such file or directory",
        "SNOOP read ../../../submitted/right/04_log/04_log.ipynb: 0 bytes, open ../../../submitted/right/04_log/04_log.ipynb: no such file or directory",
        "SNOOP list ..: [04_log] <nil>",
        "SNOOP list ../..: [snoop] <nil>",
        "SNOOP list ../../..: [autograded] <nil>",
        "SNOOP write ../../../pwned.txt: open ../../../pwned.txt: read-only file system",
        "SNOOP write pwned.txt: open pwned.txt: read-only file system",
        "SNOOP dial 1.1.1.1:443: dial tcp 1.1.1.1:443: connect: network is unreachable",
        "SNOOP dial 127.0.0.1:22: dial tcp 127.0.0.1:22: connect: connection refused",
    ],
    "leaker": ["LEAK  open ../../../source/04_log/04_log.ipynb: no such file or directory"],
}
SECRETS = ["BEGIN SOLUTION", '"grade_id"', "c.CourseDirectory"]  # the teacher's notebook, the config
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


def hand_in(nb, assignment, student):
    """Edits nb, the students' version of assignment, into what student of the class hands in (the
    right answers for a student not in CLASS, the untouched stubs for "stub"). Returns what grading
    must give it: {test grade_id: (points, text in its output)}."""
    teacher = nbformat.read(os.path.join(SOURCE, assignment, assignment + ".ipynb"), as_version=4)
    solutions = [c.metadata.nbgrader["grade_id"] for c in teacher.cells if c.metadata.get("nbgrader", {}).get("solution")]
    tests = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
             for c in teacher.cells if c.metadata.get("nbgrader", {}).get("grade")}
    if student == "stub":
        return {t: (0, STUB) for t in tests}
    plan = CLASS.get(assignment, {}).get(student, ({}, {}))
    edits = {s: (lambda x: x) for s in solutions}
    edits.update(plan[0])
    want = {t: (p, RIGHT) for t, p in tests.items()}
    want.update(plan[1])
    for grade_id, edit in edits.items():
        if edit == KEEP:
            continue
        if grade_id.startswith("+"):
            after = cell_of(nb, grade_id[1:])
            nb.cells.insert(nb.cells.index(after) + 1, nbformat.v4.new_code_cell(edit("")))
            continue
        cell = cell_of(nb, grade_id)
        if edit is None:
            nb.cells.remove(cell)
        else:
            right = solution(teacher, grade_id) if grade_id in solutions else cell.source
            cell.source = edit(right)
    return want


def answer_command(args):
    """`test_grading.py --answer STUDENT NOTEBOOK`: writes the hand-in of STUDENT of the class into
    NOTEBOOK (a students' version, named ASSIGNMENT.ipynb), as that student would answer it, and
    prints what grading must give it: one line per test cell, "grade_id<TAB>points<TAB>text".
    The other tests that run TEACHING.md's paths (scripts/laptop_grading_test.sh, scripts/hub_test.sh)
    answer with it."""
    student, path = args
    nb = nbformat.read(path, as_version=4)
    want = hand_in(nb, os.path.basename(path)[:-len(".ipynb")], student)
    nbformat.write(nb, path)
    for test, (points, text) in sorted(want.items()):
        print("%s\t%g\t%s" % (test, points, text))


def laptop_path():
    """TEACHING.md's course on a laptop, as a new user without root (scripts/laptop_grading_test.sh);
    only as root, which can make that user. Returns a problem, or None."""
    if os.geteuid() != 0:
        print("laptop path: skipped (it needs root to make a teacher's user; scripts/laptop_grading_test.sh)")
        return None
    run = subprocess.run(["bash", os.path.join(HERE, "laptop_grading_test.sh")], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, universal_newlines=True)
    print(run.stdout, end="")
    return None if run.returncode == 0 else "TEACHING.md's laptop path failed (above)"


def new_course(course, assignments="*"):
    """Makes a fresh course folder: the course's nbgrader config and grading module, the assignments'
    sources, and the students' versions of the chosen assignments (nbgrader generate_assignment)."""
    shutil.rmtree(course, ignore_errors=True)
    os.makedirs(course)
    for name in ("nbgrader_config.py", "gograd_grading.py"):
        shutil.copy(os.path.join(REPO, "assignments", name), course)
    shutil.copytree(SOURCE, os.path.join(course, "source"))
    nbgrader(course, "generate_assignment", assignments, "--force")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="leave the course folder")
    parser.add_argument("--no-laptop", action="store_true", help="skip TEACHING.md's laptop path")
    parser.add_argument("--course", default=COURSE, help="the course folder (default: %(default)s)")
    parser.add_argument("--assignment", help="grade only this assignment")
    parser.add_argument("--students", help="grade only these students of the class (comma-separated)")
    args = parser.parse_args()
    course = os.path.abspath(args.course)
    if not shutil.which("bwrap") and os.geteuid() == 0:
        subprocess.run(["bash", os.path.join(HERE, "apt_install.sh"), "bubblewrap"], check=True)
    problem = use_this_checkout("gograd")
    if problem:
        raise SystemExit("test_grading: " + problem)
    assignments = [args.assignment] if args.assignment else sorted(os.listdir(SOURCE))
    only = set(args.students.split(",")) if args.students else None
    started = time.monotonic()
    new_course(course, args.assignment or "*")

    # The class: every student's notebooks, made from the students' version.
    expected = {}  # (student, assignment, test grade_id) -> (points, text)
    for a in assignments:
        released = os.path.join(course, "release", a, a + ".ipynb")
        students = ["right", "stub"] + list(CLASS.get(a, {}))
        unknown = only - set(students) if only else None
        if unknown:
            raise SystemExit("test_grading: no student %s in the class of %s" % (", ".join(sorted(unknown)), a))
        for student in students:
            if only and student not in only:
                continue
            nb = nbformat.read(released, as_version=4)
            want = hand_in(nb, a, student)
            folder = os.path.join(course, "submitted", student, a)
            os.makedirs(folder, exist_ok=True)
            nbformat.write(nb, os.path.join(folder, a + ".ipynb"))
            for t, w in want.items():
                expected[(student, a, t)] = w

    generated_in = time.monotonic() - started
    sys.path.insert(0, course)
    from gograd_grading import autograde  # noqa: E402 (the course's copy)
    started = time.monotonic()
    try:
        log = autograde(course, "*", JOBS)
    except RuntimeError as e:
        raise SystemExit("test_grading: %s" % e)
    graded_in = time.monotonic() - started
    nbgrader(course, "generate_feedback", "*", "--force")

    from nbgrader.api import Gradebook
    problems, rows = stale_setups(), []
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        for (student, a, test), (points, text) in sorted(expected.items()):
            graded = os.path.join(course, "autograded", student, a, a + ".ipynb")
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
            feedback = os.path.join(course, "feedback", student, a, a + ".html")
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
            hexed = re.search(r"\+0x[0-9a-f]+|\(\{*0x[0-9a-f]+|^[IWEF]\d{4} \d\d:\d\d:\d\d", page, re.M)
            if hexed:
                problems.append("%s/%s: the feedback shows a hex address or a kernel log line: %r" % (student, a, hexed.group(0)))
            if points == 0 and RIGHT in shown:
                problems.append("%s/%s %s: 'right!' beside a zero" % (student, a, test))
            if student == "nosetup" and "was missing from the" not in page:
                problems.append("%s/%s: the feedback does not say that the setup cell was missing" % (student, a))
            if student in SEES:
                for line in SEES[student]:
                    if line not in page:
                        problems.append("%s/%s: the feedback does not show %r" % (student, a, line))
                for secret in SECRETS:
                    if secret in page:
                        problems.append("%s/%s: the feedback shows %r, which is the course's" % (student, a, secret))
    for root, _, files in os.walk(course):
        if "pwned.txt" in files:
            problems.append("the snooper wrote %s" % os.path.join(root, "pwned.txt"))

    width = max(len(r[0]) + len(r[1]) + len(r[2]) for r in rows) + 3
    for a, student, test, got, msg in rows:
        print("%-*s %3g  %s" % (width, "%s %s %s" % (a, student, test), got, msg[:150]))
    notebooks = len({(s, a) for s, a, _ in expected})
    print("graded %d notebooks of %d assignments: generate_assignment %.0f s, autograde %.0f s "
          "(%d at once, %.1f s a notebook)" % (notebooks, len(assignments), generated_in, graded_in, JOBS,
                                              graded_in / notebooks))
    if "Traceback" in log:
        problems.append("nbgrader autograde logged a Python traceback:\n" + log[log.index("Traceback"):][:3000])
    if not args.keep:
        shutil.rmtree(course, ignore_errors=True)
    if not args.no_laptop:
        problem = laptop_path()
        if problem:
            problems.append(problem)
    if problems:
        print("\ngrading test: %d problem(s):\n%s" % (len(problems), "\n".join(problems)))
        sys.exit(1)
    print("grading test: every grade and message as expected")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--answer"]:
        answer_command(sys.argv[2:])
    else:
        main()
