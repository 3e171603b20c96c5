#!/usr/bin/env python3
"""Measures what notebook cells cost through a real GoNB kernel: CPU seconds and wall time.

Usage:
  bench_cells.py [--baseline DIR] [--rounds N] [--lessons] [NOTEBOOK ...]
  bench_cells.py --students K [--spread SECONDS] NOTEBOOK

The CPU of a cell is what the kernel process and everything it waited for used during the cell
(goimports, `go get`, `go build`, the cell's own program: /proc/PID/stat, utime+stime+cutime+
cstime), plus what the user's renderer servers (gograd-render -serve) used meanwhile: they run
outside the kernel's process tree. Caches are warmed by one unmeasured pass first.

Default mode, for every kernel (this checkout with the `gograd` kernel; with --baseline DIR also
DIR, an older checkout of the project, with the `gonb` kernel that older installs made), in
alternation, --rounds times, reporting medians:
  - cells of four kinds in one kernel: a cell that builds the tanh neuron and prints it, the same
    cell drawing it with display.Graph, the first cell of a fresh kernel when it prints and when it
    draws, and inside a cell, the time of display.Graph for a graph of 200 Values and of a refusal
    over the size limit;
  - with --lessons (or NOTEBOOK arguments): each lesson run top to bottom in a fresh kernel, the
    CPU seconds a student costs, with its drawing cells and other cells apart. Lessons are this
    checkout's notebooks/[0-9]*.ipynb, run with this checkout's kernel; with --baseline, the
    baseline's own lessons run in both kernels, so that the same cells are compared.

--students K: a class. K kernels run NOTEBOOK at once (all pressing Run All together, or their
starts spread evenly over --spread seconds); prints p50/p95 latency per cell kind (drawing or
not) and the CPU seconds per student. Run it with this checkout's kernel only.
"""
import argparse
import glob
import os
import statistics
import sys
import tempfile
import threading
import time

import nbformat
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_notebooks import REPO, checkout_kernel, is_drawing_cell  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")

SETUP = r'''import (
	"fmt"
	"time"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// neuron builds the lessons' tanh neuron with n inputs (n = 2: 10 Values) and runs Backward.
func neuron(n int) *autograd.Value {
	sum := autograd.New(6.8813735870195432).Named("b")
	for i := range n {
		x := autograd.New(float64(i%3) - 1).Named(fmt.Sprintf("x%d", i))
		w := autograd.New(float64(i%5)/2 - 1).Named(fmt.Sprintf("w%d", i))
		sum = sum.Add(x.Mul(w))
	}
	o := sum.Tanh().Named("o")
	o.Backward()
	return o
}

var _ = time.Now
'''
PRINT = "%%\nfmt.Println(neuron(2).Data)\n"
DRAW = "%%\ndisplay.Graph(neuron(2))\n"
TIMED = r'''%%
big := neuron(49) // 200 Values
start := time.Now()
display.Graph(big)
fmt.Printf("graph200 %.1f\n", float64(time.Since(start).Microseconds())/1000)
huge := neuron(150) // 604 Values, over the default limit of 500
start = time.Now()
display.Graph(huge)
fmt.Printf("refusal %.1f\n", float64(time.Since(start).Microseconds())/1000)
'''


def cpu_of(pid):
    """CPU seconds used by pid and its waited-for children."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICK


def renderer_cpu():
    """CPU seconds used so far by this user's renderer servers, by pid."""
    found = {}
    for d in glob.glob("/proc/[0-9]*"):
        try:
            if os.stat(d).st_uid != os.getuid():
                continue
            with open(d + "/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            if len(argv) > 1 and argv[0].endswith(b"gograd-render") and argv[1] == b"-serve":
                found[int(d[6:])] = cpu_of(int(d[6:]))
        except OSError:
            pass
    return found


def renderer_delta(before, after):
    return sum(after[p] - before.get(p, 0) for p in after)


class Kernel:
    """A GoNB kernel from a kernel spec, started in notebooks/."""

    def __init__(self, name):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(cwd=os.path.join(REPO, "notebooks"))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.pid = self.km.provisioner.pid

    def run(self, code):
        """Runs one cell. Returns (wall seconds, kernel CPU seconds, stdout, error or None)."""
        out, err = [], []

        def hook(msg):
            content = msg["content"]
            if msg["msg_type"] == "stream" and content["name"] == "stdout":
                out.append(content["text"])
            elif msg["msg_type"] == "error":
                err.append(content["evalue"])

        cpu0, start = cpu_of(self.pid), time.perf_counter()
        reply = self.kc.execute_interactive(code, timeout=600, output_hook=hook, allow_stdin=False)
        wall = time.perf_counter() - start
        if reply["content"]["status"] != "ok" and not err:
            err.append(reply["content"].get("evalue", "error"))
        return wall, cpu_of(self.pid) - cpu0, "".join(out), (err[0] if err else None)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def spec_dir_with(kernels):
    """A kernel spec folder, put first on JUPYTER_PATH, with one spec per (new name, installed
    name, checkout): the installed spec with --go_work pointing at the checkout."""
    root = tempfile.mkdtemp(prefix="bench-kernels-")
    for new, installed, checkout in kernels:
        checkout_kernel(installed, checkout, root, new)
    return root


RUNS = iter(range(1 << 62))


def measured(kernel, code):
    """Runs a cell, made unique by a comment (GoNB skips the build of a cell run twice in a row);
    returns (wall, cpu including renderer servers, stdout)."""
    code += "\n// run %d\n" % next(RUNS)
    before = renderer_cpu()
    wall, cpu, out, err = kernel.run(code)
    if err:
        raise RuntimeError("cell failed: %s\n%s" % (err, code))
    return wall, cpu + renderer_delta(before, renderer_cpu()), out


def cell_kinds(name):
    """One round of the cell kinds in kernel `name`: {kind: (wall, cpu)} and in-cell timings."""
    res = {}
    for kind, first in (("first cell, printing", PRINT), ("first cell, drawing", DRAW)):
        k = Kernel(name)
        try:
            measured(k, SETUP)
            res[kind] = measured(k, first)[:2]
        finally:
            k.stop()
    k = Kernel(name)
    try:
        measured(k, SETUP)
        measured(k, PRINT)
        measured(k, DRAW)
        res["printing cell"] = measured(k, PRINT)[:2]
        res["drawing cell"] = measured(k, DRAW)[:2]
        out = measured(k, TIMED)[2]
    finally:
        k.stop()
    inner = {}
    for line in out.splitlines():
        key, _, ms = line.partition(" ")
        if key in ("graph200", "refusal"):
            inner[key] = float(ms) / 1000
    return res, inner


def code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def run_lesson(name, path):
    """Runs a lesson top to bottom in a fresh kernel: per cell (drawing?, wall, cpu)."""
    k = Kernel(name)
    cells = []
    try:
        for src in code_cells(path):
            before = renderer_cpu()
            wall, cpu, _, _ = k.run(src)  # errors too: some cells fail on purpose
            cells.append((is_drawing_cell(src), wall, cpu + renderer_delta(before, renderer_cpu())))
    finally:
        k.stop()
    return cells


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else float("nan")


def bench(args):
    kernels = [("bench-new", "gograd", REPO)]
    if args.baseline:
        kernels.append(("bench-old", "gonb", os.path.abspath(args.baseline)))
    spec_dir_with(kernels)
    labels = {"bench-new": "this checkout", "bench-old": "baseline"}
    # (label, notebook, the kernels that run it)
    everyone = [k for k, _, _ in kernels]
    lessons = [(os.path.basename(p), p, ["bench-new"]) for p in args.notebooks]
    if args.lessons and not lessons:
        lessons = [(os.path.basename(p), p, ["bench-new"])
                   for p in sorted(glob.glob(os.path.join(REPO, "notebooks", "[0-9]*.ipynb")))]
        if args.baseline:
            lessons += [("baseline " + os.path.basename(p), p, everyone)
                        for p in sorted(glob.glob(os.path.join(args.baseline, "notebooks", "[0-9]*.ipynb")))]
    kinds = {k: [] for k, _, _ in kernels}
    inner = {k: [] for k, _, _ in kernels}
    per_lesson = {(k, l): [] for l, _, ks in lessons for k in ks}
    print("warming caches (one unmeasured pass)...", flush=True)
    for name, _, _ in kernels:
        cell_kinds(name)
        for _, path, ks in lessons:
            if name in ks:
                run_lesson(name, path)
    for r in range(args.rounds):
        print("round %d of %d" % (r + 1, args.rounds), flush=True)
        for name, _, _ in kernels:
            res, tim = cell_kinds(name)
            kinds[name].append(res)
            inner[name].append(tim)
            for label, path, ks in lessons:
                if name in ks:
                    per_lesson[(name, label)].append(run_lesson(name, path))

    print("\nCell kinds (median of %d rounds; CPU-s include the renderer server)" % args.rounds)
    print("%-24s" % "" + "".join("%28s" % labels[k] for k, _, _ in kernels))
    print("%-24s" % "" + "".join("%14s%14s" % ("CPU-s", "wall s") for _ in kernels))
    for kind in ("printing cell", "drawing cell", "first cell, printing", "first cell, drawing"):
        row = "%-24s" % kind
        for name, _, _ in kernels:
            row += "%14.3f%14.3f" % (median([r[kind][1] for r in kinds[name]]),
                                     median([r[kind][0] for r in kinds[name]]))
        print(row)
    for name, _, _ in kernels:
        m = {k: (median([r[k][1] for r in kinds[name]]), median([r[k][0] for r in kinds[name]])) for k in kinds[name][0]}
        print("%s: drawing/printing cell %.2fx CPU, %.2fx wall; first drawing cell/printing cell %.2fx wall"
              % (labels[name], m["drawing cell"][0] / m["printing cell"][0], m["drawing cell"][1] / m["printing cell"][1],
                 m["first cell, drawing"][1] / m["printing cell"][1]))
        print("%s: display.Graph of 200 Values %.1f ms, refusal over the limit %.1f ms (inside the cell)"
              % (labels[name], 1000 * median([t["graph200"] for t in inner[name]]),
                 1000 * median([t["refusal"] for t in inner[name]])))
    if lessons:
        print("\nLessons, top to bottom in a fresh kernel (median of %d rounds): CPU-s per student" % args.rounds)
        print("%-44s" % "lesson" + "".join("%26s" % labels[k] for k, _, _ in kernels))
        print("%-44s" % "" + "".join("%10s%8s%8s" % ("CPU-s", "draw", "other") for _ in kernels))
        for label, _, ks in lessons:
            row = "%-44s" % label
            for name, _, _ in kernels:
                runs = per_lesson.get((name, label))
                if not runs:
                    row += "%26s" % "-"
                    continue
                row += "%10.2f%8.2f%8.2f" % (median([sum(c[2] for c in run) for run in runs]),
                                             median([sum(c[2] for c in run if c[0]) for run in runs]),
                                             median([sum(c[2] for c in run if not c[0]) for run in runs]))
            print(row)


def classroom(args):
    if len(args.notebooks) != 1:
        sys.exit("--students needs exactly one NOTEBOOK")
    spec_dir_with([("bench-new", "gograd", REPO)])
    path = args.notebooks[0]
    print("warming caches...", flush=True)
    run_lesson("bench-new", path)
    results = [None] * args.students
    before = renderer_cpu()

    def student(i):
        time.sleep(args.spread * i / max(1, args.students - 1) if args.spread else 0)
        results[i] = run_lesson("bench-new", path)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(args.students)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    server = renderer_delta(before, renderer_cpu())
    draw = [c[1] for r in results for c in r if c[0]]
    other = [c[1] for r in results for c in r if not c[0]]
    cpu = sum(c[2] for r in results for c in r) + server
    print("%d students ran %s, starts spread over %g s, on %d cores: %.0f s in all"
          % (args.students, os.path.basename(path), args.spread, os.cpu_count(), took))
    print("drawing cells: p50 %.2f s, p95 %.2f s (%d cells)" % (median(draw), p95(draw), len(draw)))
    print("other cells:   p50 %.2f s, p95 %.2f s (%d cells)" % (median(other), p95(other), len(other)))
    print("CPU-s per student: %.2f (renderer servers included)" % (cpu / args.students))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--baseline", help="an older checkout of the project, run with the `gonb` kernel")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--lessons", action="store_true", help="also run every lesson")
    ap.add_argument("--students", type=int, default=0)
    ap.add_argument("--spread", type=float, default=0, help="seconds over which the students start")
    args = ap.parse_args()
    print("bench_cells: %s, %d cores, %s" % (time.strftime("%Y-%m-%d %H:%M"), os.cpu_count(), os.uname().machine))
    if args.students:
        classroom(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
