#!/usr/bin/env python3
"""Times the first drawing cell a student runs: in a fresh kernel, the cells of NOTEBOOK run in order
up to its first cell that draws a graph (a call of package display's drawing functions, as
scripts/run_notebooks.py finds them); prints the kernel's start-up time and each cell's wall time,
the drawing cell last. Fails when a cell errs or the drawing cell shows no SVG.

Usage: first_drawing.py REPO NOTEBOOK     (REPO: the checkout whose scripts/run_notebooks.py to use)
       first_drawing.py REPO --find DIR   prints the first notebook of DIR (NN_*.ipynb) that draws a graph
"""
import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def first_graph_cell(nb, run_notebooks):
    """The index of the first code cell calling a drawing function of package display, or None."""
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and
                 run_notebooks.DRAW_CALL.search(run_notebooks.code_without_comments(c.source))), None)


def main():
    repo, path = sys.argv[1:3]
    sys.path.insert(0, os.path.join(repo, "scripts"))
    import run_notebooks

    if path == "--find":
        for candidate in sorted(glob.glob(os.path.join(sys.argv[3], "[0-9]*.ipynb"))):
            if first_graph_cell(nbformat.read(candidate, as_version=4), run_notebooks) is not None:
                print(candidate)
                return
        sys.exit("first_drawing: no notebook in %s draws a graph" % sys.argv[3])

    nb = nbformat.read(path, as_version=4)
    drawing = first_graph_cell(nb, run_notebooks)
    if drawing is None:
        sys.exit("first_drawing: %s draws no graph" % path)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    folder = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(nb, kernel_name=nb.metadata["kernelspec"]["name"], timeout=600,
                            allow_errors=True, resources={"metadata": {"path": folder}})
    start = time.time()
    with open(os.devnull, "w") as quiet, client.setup_kernel(stderr=quiet):  # the kernel's log
        print("first_drawing: kernel %s started in %.2f s" % (client.kernel_name, time.time() - start))
        for i, cell in enumerate(nb.cells[:drawing + 1]):
            if cell.cell_type != "code":
                continue
            start = time.time()
            client.execute_cell(cell, i)
            took = time.time() - start
            if any(o.output_type == "error" for o in cell.outputs):
                sys.exit("first_drawing: cell %d failed:\n%s" % (i + 1, run_notebooks.error_summary(cell)))
            if i < drawing:
                print("first_drawing: cell %d: %.2f s" % (i + 1, took))
    if not any("<svg" in t for o in nb.cells[drawing].outputs for t in run_notebooks.output_texts(o)):
        sys.exit("first_drawing: the drawing cell %d showed no SVG:\n%s" % (
            drawing + 1, run_notebooks.error_summary(nb.cells[drawing])))
    print("first_drawing: first drawing cell (%s, cell %d): %.2f s" % (os.path.basename(path), drawing + 1, took))


if __name__ == "__main__":
    main()
