#!/usr/bin/env bash
# Builds the course as a static website (`make site`): the welcome page, every lesson with its saved
# pictures and working views (they need no kernel: their scripts ship in the outputs), the docs,
# a table of contents, search, and on each lesson a button that runs it on Binder (or a
# JupyterHub). The lessons are not executed: the site shows the outputs committed with them.
# Built with Jupyter Book 1 (Sphinx + MyST-NB), which keeps a text/html output as it is, scripts
# included, so the views work as in nbconvert's export; Jupyter Book 2 (MyST) fetches its theme from
# the network at build time (see scripts/site-requirements.txt). It installs itself, pinned, into a
# virtual environment of its own (.venv-site, or GOGRAD_SITE_VENV), made again when
# scripts/site-requirements.txt changes.
#
#   scripts/site.sh            writes build/site/_build/html/ (open index.html, or serve the folder)
#
# Environment:
#   SITE_DIR     where to build (default build/site)
#   SITE_REPO    the repository on GitHub that Binder builds, OWNER/NAME (default OWNER/gograd, a
#                placeholder, as in docs/DOCKER.md)
#   SITE_BRANCH  its branch, tag or commit (default HEAD)
#   SITE_HUB     a JupyterHub's URL: adds a button that opens the lesson there (nbgitpuller)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${SITE_DIR:-build/site}
VENV=${GOGRAD_SITE_VENV:-.venv-site}
REQ=scripts/site-requirements.txt

if ! cmp -s "$REQ" "$VENV/.installed-requirements" 2>/dev/null; then
  echo "site: installing Jupyter Book into $VENV (pip install -r $REQ; about a minute)"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || { echo "site: python3 -m venv failed: install python3-venv (Debian, Ubuntu)" >&2; exit 1; }
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/.installed-requirements"
fi

# The book's source mirrors the repository's layout (notebooks/, docs/), so that the links between
# them (../docs/SETUP.md) work in the site as in Jupyter.
src=$OUT/src
rm -rf "$OUT"
mkdir -p "$src/notebooks"
cp -R docs "$src/docs"
"$VENV/bin/python" - notebooks "$src" <<'PY'
"""Copies the welcome page and the lessons into the book and writes its table of contents: a cell
saved with its input hidden (a lesson's setup cell) keeps it hidden on the site too (hide-input)."""
import glob, os, sys
import nbformat

notebooks, src = sys.argv[1:]
lessons = sorted(glob.glob(os.path.join(notebooks, "[0-9]*.ipynb")))
for path in [os.path.join(notebooks, "START_HERE.ipynb")] + lessons:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
    nbformat.write(nb, os.path.join(src, "notebooks", os.path.basename(path)))
with open(os.path.join(src, "_toc.yml"), "w") as toc:
    toc.write("format: jb-book\nroot: notebooks/START_HERE\nparts:\n- caption: Lessons\n  chapters:\n")
    for path in lessons:
        toc.write("  - file: notebooks/%s\n" % os.path.basename(path)[:-len(".ipynb")])
    toc.write("- caption: Help\n  chapters:\n")
    for path in sorted(glob.glob(os.path.join(src, "docs", "*.md"))):
        first = open(path).readline()
        title = first[2:].strip() if first.startswith("# ") else os.path.basename(path)
        toc.write("  - file: docs/%s\n    title: \"%s\"\n" % (os.path.basename(path)[:-3], title.replace('"', "'")))
PY
cat >"$src/_config.yml" <<YML
title: "gograd: backpropagation from scratch, in Go"
author: the gograd authors
copyright: ""
only_build_toc_files: true
execute:
  execute_notebooks: "off"
repository:
  url: https://github.com/${SITE_REPO:-OWNER/gograd}
  branch: ${SITE_BRANCH:-HEAD}
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: https://mybinder.org
  jupyterhub_url: "${SITE_HUB:-}"
html:
  use_repository_button: true
sphinx:
  config:
    html_show_sphinx: false
    myst_heading_anchors: 3
YML
"$VENV/bin/jupyter-book" build --quiet "$src" --path-output "$OUT" >"$OUT/build.log" 2>&1 ||
  { tail -n 20 "$OUT/build.log" >&2; echo "site: jupyter-book build failed (log: $OUT/build.log)" >&2; exit 1; }
pages=("$OUT"/_build/html/notebooks/*.html)
echo "site: ${#pages[@]} pages in $OUT/_build/html/ (open index.html)"
