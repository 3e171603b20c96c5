#!/usr/bin/env bash
# TEMPORARY (issue 15, views branch): the real-browser check of display.Nudge and display.StepByStep.
# Makes and runs the demo notebook (make_demo.py) against this checkout, exports it to HTML, then
# drives the views with check_views.mjs: in the export, in a page that adds the outputs as JupyterLab's
# HTML renderer does, in the classic Notebook UI (trusted: as saved with the kernel shut down, then
# after Restart & Run All) and in an untrusted copy.
#   scripts/views_check_tmp/run.sh [PORT]      (default port 18850; needs node, npm, /usr/bin/chromium)
# playwright-core (pinned in package.json/package-lock.json) is installed in $VIEWS_NPM_DIR
# (default: a folder under $TMPDIR), outside the repository. Output: build/views-demo/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
port=${1:-18850}
out=$repo/build/views-demo
npm_dir=${VIEWS_NPM_DIR:-${TMPDIR:-/tmp}/gograd-views-npm}
mkdir -p "$out" "$npm_dir"

cp "$here/package.json" "$here/package-lock.json" "$here/check_views.mjs" "$npm_dir/"
(cd "$npm_dir" && npm ci --no-audit --no-fund --silent)

cd "$repo"
py=$(bash scripts/nbpython.sh --which)
$py "$here/make_demo.py" "$out/views_demo.ipynb"
bash scripts/nbpython.sh scripts/run_notebooks.py --update --out "$out/run" "$out/views_demo.ipynb"
jupyter nbconvert --to html "$out/views_demo.ipynb" --output-dir "$out/html" --log-level WARN
status=0
node "$npm_dir/check_views.mjs" export "$out/html/views_demo.html" "$out/shots" || status=1
node "$npm_dir/check_views.mjs" lab "$out/views_demo.ipynb" "$out/shots" || status=1

# The Notebook UI: the runner left a kernel spec for this checkout in build/jupyter.
$py -m nbformat.sign "$out/views_demo.ipynb" # what `jupyter trust` does; Debian ships no jupyter-trust
$py - "$out/views_demo.ipynb" "$out/views_demo_untrusted.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nb.metadata["copy"] = "untrusted"  # another signature than the trusted one
nbformat.write(nb, sys.argv[2])
PY
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
JUPYTER_PATH=$repo/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH} jupyter notebook --no-browser \
  --ip=127.0.0.1 --port="$port" --port-retries=0 --notebook-dir="$out" \
  --NotebookApp.token="$token" --allow-root >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
up=
for _ in $(seq 60); do
  if curl -fsS "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.5
done
[ -n "$up" ] || { echo "the Jupyter server did not start; see $out/server.log"; exit 1; }
url=http://127.0.0.1:$port/notebooks
node "$npm_dir/check_views.mjs" notebook "$url/views_demo.ipynb?token=$token" "$out/shots" || status=1
node "$npm_dir/check_views.mjs" untrusted "$url/views_demo_untrusted.ipynb?token=$token" "$out/shots" || status=1
exit $status
