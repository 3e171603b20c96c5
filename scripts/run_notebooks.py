#!/usr/bin/env python3
"""Runs gograd's notebooks headlessly with the GoNB kernel and checks them.

Usage: run_notebooks.py [--update] [--out DIR] [--timeout SECONDS] [NOTEBOOK ...]
(default: the lessons, notebooks/[0-9]*.ipynb, and the installation's smoke test, tests/smoke.ipynb). Needs nbformat and nbclient (Debian: /usr/bin/python3).

Each notebook runs from a fresh kernel, started in the notebook's folder, and its executed copy
is written to DIR (default build/notebooks/) with the kernel's log next to it. A notebook FAILS when:

 1. a code cell ends in an error (compile error, panic, os.Exit != 0, timeout), unless the
    cell has the tag "raises-exception", which then requires an error;
 2. a cell's stderr has a line "exit status N": a failed `!` or `!*` shell command (GoNB does
    not turn those into cell errors);
 3. a drawing cell has no output containing "<svg" (SVG images given as data URIs count: they are
    decoded, here and for comparisons). A drawing cell is a code cell whose source
    calls a drawing function (DRAWING_FUNCS, such as `display.Graph(` or `views.Nudge(`, outside
    a // comment) or contains the marker comment `//gograd:svg`
    (e.g. a cell calling a helper that draws); the marker `//gograd:nosvg` exempts a cell;
 4. its metadata lacks "gograd": {"expect_text": [...]} (at least one string), or one of those
    strings is not in the run's output text (stdout, text/plain, text/markdown, text/html);
    with "min_svg": N, fewer than N outputs contain "<svg";
 5. the committed outputs differ from the fresh run's, per code cell, after normalisation
    (see normalise(); stdout, stderr and display outputs are compared as separate groups, since
    GoNB does not order them deterministically). Cells tagged "gograd-volatile" are not compared.
    A notebook committed without outputs fails this check.

With --update, a notebook that passes checks 1-4 is written back in place with its fresh outputs
(check 5 is skipped), and trusted for the current user, as saving it from Jupyter would; one that
fails is left untouched.
The last line printed is "N passed, M failed"; the exit status is 1 if any notebook failed.
"""
import argparse
import base64
import copy
import difflib
import glob
import html
import json
import os
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The functions that show an SVG: package display's pictures and package display/views' views.
DRAWING_FUNCS = ("display.Graph", "display.ShowDot", "views.Nudge", "views.StepByStep")
DRAW_CALL = re.compile(r"\b(%s)\s*\(" % "|".join(re.escape(f) for f in DRAWING_FUNCS))
SVG_MARK, NOSVG_MARK = "//gograd:svg", "//gograd:nosvg"
EXIT_STATUS = re.compile(r"^exit status \d+\s*$", re.M)
SVG_DATA_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "image/svg+xml")


def code_without_comments(src):
    return "\n".join(line.split("//", 1)[0] for line in src.splitlines())


def is_drawing_cell(src):
    compact = src.replace(" ", "")
    if NOSVG_MARK in compact:
        return False
    return SVG_MARK in compact or bool(DRAW_CALL.search(code_without_comments(src)))


def joined(text):
    return "".join(text) if isinstance(text, list) else (text or "")


def svg_images_inlined(text):
    """text with every SVG image given as a data URI replaced by its SVG markup."""
    return SVG_DATA_URI.sub(lambda m: base64.b64decode(m.group(1)).decode("utf-8", "replace"), text)


def output_texts(out):
    """Every text an output shows: stream text, and text-like mime data (SVG images as markup)."""
    if out.output_type == "stream":
        return [joined(out.text)]
    if out.output_type in ("display_data", "execute_result"):
        return [svg_images_inlined(joined(out.data[m])) for m in TEXT_MIMES if m in out.get("data", {})]
    if out.output_type == "error":
        return ["%s: %s" % (out.ename, out.evalue)]
    return []


def stream(cell, name):
    return "".join(joined(o.text) for o in cell.outputs
                   if o.output_type == "stream" and o.name == name)


def error_summary(cell):
    """A readable explanation of a failed cell: the error, stderr and GoNB's HTML error text."""
    parts = ["%s: %s" % (o.ename, o.evalue) for o in cell.outputs if o.output_type == "error"]
    err = stream(cell, "stderr").strip()
    if err:
        parts.append(err)
    for o in cell.outputs:
        page = o.get("data", {}).get("text/html", "") if o.output_type == "display_data" else ""
        if "gonb-err" in joined(page):
            text = re.sub(r"<style>.*?</style>|<div class=\"gonb-err-context\">.*?</div></div>", "",
                          joined(page), flags=re.S)
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
            parts.append("\n".join(l.strip() for l in text.splitlines() if l.strip()))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts)).splitlines()
    if len(lines) > 25:
        lines = lines[:10] + ["..."] + lines[-14:]
    return "\n".join("      | " + l for l in lines)


def normalise(text):
    """Blanks out what legitimately changes from run to run."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # terminal colours
    text = re.sub(r"<style>.*?</style>", "<style/>", text, flags=re.S)  # GoNB's error CSS
    for path, name in ((REPO, "<REPO>"), (os.path.expanduser("~"), "<HOME>")):
        if len(path) > 1:
            text = text.replace(path, name)
    text = re.sub(r"gonb_[0-9a-f]{8}", "gonb_ID", text)  # GoNB's temp module / program name
    tmp = re.escape(tempfile.gettempdir().rstrip("/"))  # $TMPDIR, e.g. the Docker image's
    text = re.sub(r"(%s|/tmp)/[^\s\"'<>)]*" % tmp, "<TMP>", text)  # temp paths
    text = re.sub(r"\b0x[0-9a-fA-F]{6,}\b", "0xADDR", text)  # pointers (e.g. %p node names)
    text = re.sub(r"\[\[ Cell \[\d+\] Line \d+ \]\] ", "", text)  # GoNB's panic annotation (racy)
    text = re.sub(r" \+0x[0-9a-f]+$", " +0xOFF", text, flags=re.M)  # panic trace offsets
    text = re.sub(r"\bgoroutine \d+ ", "goroutine N ", text)
    text = re.sub(r"\b(id|href|xlink:href)=\"[^\"]*\"", r'\1="ID"', text)  # SVG/HTML element ids
    text = re.sub(r"url\(#[^)]*\)", "url(#ID)", text)
    text = re.sub(r"(\d+(\.\d+)?(ns|µs|us|ms|s|m|h))+\b", "<DURATION>", text)  # Go durations
    lines = [l.rstrip() for l in text.splitlines()
             if not re.match(r"go: (downloading|finding|extracting|added|upgraded) ", l)]
    return "\n".join(lines).strip()


def comparable(cell):
    """The text of a cell's outputs in a stable order: stdout, stderr, then each display/error."""
    groups = ["[stdout]\n" + stream(cell, "stdout"), "[stderr]\n" + stream(cell, "stderr")]
    for o in cell.outputs:
        if o.output_type != "stream":
            groups.append("[%s]\n%s" % (o.output_type, "\n".join(output_texts(o))))
    return normalise("\n".join(groups)).splitlines()


def coalesce_streams(nb):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for o in cell.outputs:
            if (o.output_type == "stream" and merged and merged[-1].output_type == "stream"
                    and merged[-1].name == o.name):
                merged[-1].text = joined(merged[-1].text) + joined(o.text)
            else:
                merged.append(o)
        cell.outputs = merged


def describe(nb, index):
    """'cell 4 (In [3]: "first line")': the 1-based position among all cells, as shown in Jupyter."""
    cell = nb.cells[index]
    first = next((l.strip() for l in cell.source.splitlines() if l.strip() not in ("", "%%")), "")
    count = cell.get("execution_count")
    return 'cell %d (%s"%s")' % (index + 1, "In [%s]: " % count if count else "", first[:60])


def checkout_kernel(installed, checkout, spec_dir, name=None):
    """Writes spec_dir/kernels/NAME/kernel.json (NAME: installed's by default), a copy of the
    installed kernel spec whose -go_work is checkout, and puts spec_dir first on JUPYTER_PATH.
    Raises jupyter_client's NoSuchKernel when there is no installed kernel of that name."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(installed).to_dict()
    spec["argv"] = [a for a in spec["argv"] if not a.lstrip("-").startswith("go_work=")]
    spec["argv"].append("-go_work=" + checkout)
    folder = os.path.join(spec_dir, "kernels", name or installed)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1)
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if spec_dir not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([spec_dir] + paths)


def use_this_checkout(kernel):
    """Makes the kernel build this checkout's packages (see checkout_kernel), even when the user's
    kernel spec (one per user) was last installed from another clone. Returns an error message or
    None."""
    from jupyter_client.kernelspec import NoSuchKernel
    try:
        checkout_kernel(kernel, REPO, os.path.join(REPO, "build", "jupyter"))
    except NoSuchKernel:
        return "no Jupyter kernel named %r: run scripts/install.sh (or make install)" % kernel
    return None


def execute(nb, path, out_dir, timeout, kernel):
    """Executes nb in place from a fresh kernel. Returns an error message or None."""
    log_path = os.path.join(out_dir, os.path.basename(path)[:-len(".ipynb")] + ".kernel.log")
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                            record_timing=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    with open(log_path, "w") as log:
        try:
            client.execute(stderr=log)
        except Exception as e:  # kernel died, timeout, no such kernel...
            return "execution stopped: %s: %s (kernel log: %s)" % (
                type(e).__name__, str(e).strip().splitlines()[-1] if str(e).strip() else "",
                os.path.relpath(log_path))
    return None


def check(stored, fresh, update):
    problems, failed_cells = [], set()

    def fail(i, message):
        failed_cells.add(i)
        problems.append("%s: %s" % (describe(fresh, i), message))

    for i, cell in enumerate(fresh.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        has_error = any(o.output_type == "error" for o in cell.outputs)
        if "raises-exception" in tags:
            if not has_error:
                fail(i, "is tagged raises-exception but ran without error")
        elif has_error:
            fail(i, "cell error:\n" + error_summary(cell))
        elif EXIT_STATUS.search(stream(cell, "stderr")):
            fail(i, "a shell command (! or !*) failed:\n" + error_summary(cell))
        if is_drawing_cell(cell.source) and not any(
                "<svg" in t for o in cell.outputs for t in output_texts(o)):
            shown = re.sub(r"<[^>]+>", "", " ".join(t for o in cell.outputs for t in output_texts(o)))
            fail(i, "drawing cell produced no output containing <svg; its output: %r"
                 % html.unescape(shown.strip())[:300])

    meta = fresh.metadata.get("gograd", {})
    expect = meta.get("expect_text", [])
    if not expect:
        problems.append('notebook metadata has no "gograd": {"expect_text": ["..."]} '
                        "(rules: scripts/run_notebooks.py)")
    all_text = "\n".join(t for c in fresh.cells if c.cell_type == "code"
                         for o in c.outputs if o.output_type != "error" for t in output_texts(o))
    for want in expect:
        if want not in all_text:
            problems.append("expected text not in the output: %r" % want)
    svgs = sum(1 for c in fresh.cells if c.cell_type == "code" for o in c.outputs
               if any("<svg" in t for t in output_texts(o)))
    if svgs < meta.get("min_svg", 0):
        problems.append("expected at least %d outputs with <svg, got %d" % (meta["min_svg"], svgs))

    if update:
        return problems
    if not any(c.get("outputs") for c in stored.cells if c.cell_type == "code"):
        problems.append("the notebook was committed without outputs: run `make notebooks-update`")
        return problems
    for i, (old, new) in enumerate(zip(stored.cells, fresh.cells)):
        if (old.cell_type != "code" or i in failed_cells
                or "gograd-volatile" in new.metadata.get("tags", [])):
            continue
        a, b = comparable(old), comparable(new)
        if a != b:
            diff = list(difflib.unified_diff(a, b, "committed", "fresh run", n=1, lineterm=""))
            if len(diff) > 30:
                diff = diff[:30] + ["... (%d more lines)" % (len(diff) - 30)]
            problems.append("%s: output differs from the committed one (if intended, run "
                            "`make notebooks-update`):\n%s" % (describe(fresh, i),
                                                                 "\n".join("      | " + l for l in diff)))
    return problems


def default_notebooks():
    """The lessons, in order, and the smoke test of the installation."""
    lessons = sorted(glob.glob(os.path.join(REPO, "notebooks", "[0-9]*.ipynb")))
    return lessons + [os.path.join(REPO, "tests", "smoke.ipynb")] if lessons else []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--update", action="store_true", help="write fresh outputs back in place")
    ap.add_argument("--out", default=os.path.join(REPO, "build", "notebooks"))
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--kernel", default="gograd", help="kernel spec (scripts/install.sh installs gograd)")
    args = ap.parse_args()
    paths = args.notebooks or default_notebooks()
    if not paths:
        print("no notebooks found (expected notebooks/[0-9]*.ipynb)")
        print("0 passed, 1 failed")
        return 1
    os.makedirs(args.out, exist_ok=True)
    problem = use_this_checkout(args.kernel)
    if problem:
        print(problem)
        print("0 passed, %d failed" % len(paths))
        return 1
    passed = failed = 0
    for path in paths:
        name = os.path.relpath(path)
        print("RUN  %s" % name, flush=True)
        start = time.time()
        stored = nbformat.read(path, as_version=4)
        fresh = copy.deepcopy(stored)
        for cell in fresh.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        problem = execute(fresh, path, args.out, args.timeout, args.kernel)
        coalesce_streams(fresh)
        out_path = os.path.join(args.out, os.path.basename(path))
        nbformat.write(fresh, out_path)
        problems = ([problem] if problem else []) + check(stored, fresh, args.update)
        took = time.time() - start
        if problems:
            failed += 1
            print("FAIL %s (%.1f s; executed copy: %s)" % (name, took, os.path.relpath(out_path)))
            for p in problems:
                print("  %s: %s" % (name, p))
        else:
            passed += 1
            if args.update:
                nbformat.write(fresh, path)
                NotebookNotary().sign(nbformat.read(path, as_version=nbformat.NO_CONVERT))
            print("PASS %s (%.1f s)%s" % (name, took, " (outputs written back)" if args.update else ""))
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
