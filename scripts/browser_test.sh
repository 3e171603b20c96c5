#!/usr/bin/env bash
# The real-browser test: opens each lesson in the classic Notebook UI in headless Chromium, as a
# student who ran `make notebook` would, and checks (details in tests/browser/notebook_ui.mjs):
#   (a) opened as saved, every stored SVG graph is drawn (an untrusted notebook fails here);
#   (b) after Kernel > Restart & Run All, no cell shows an error (unless tagged raises-exception);
#   (c) saved and after the run, every graph fits its output area, with text at least 8 px tall;
#   (d) the interactive views respond to their slider and buttons with the right numbers, within
#       100 ms, as saved with no kernel, after the run, and in nbconvert's HTML export.
# Usage: scripts/browser_test.sh [NOTEBOOK.ipynb ...]
#   (default: notebooks/[0-9]*.ipynb, tests/smoke.ipynb and tests/browser/hostile_labels.ipynb, labels made of markup)
# The notebooks are copied to build/browser/notebooks/ and served from there (the UI never writes
# into notebooks/); screenshots NAME-saved.png and NAME-run.png, report.tsv and jupyter.log go to
# build/browser/. Installs what is missing: chromium, node and npm with apt (as root or with
# passwordless sudo), playwright-core with `npm ci` in tests/browser. Environment:
#   CHROMIUM              the browser (default: chromium on PATH)
#   BROWSER_TEST_PORT     the Jupyter server's port (default: a free one)
#   BROWSER_TEST_TIMEOUT  seconds allowed for Restart & Run All of one notebook (default 300)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=build/browser

# die MESSAGE [DETAIL_LINE...]
die() {
  printf 'browser-test: ERROR: %s\n' "$1" >&2
  shift
  [ $# -eq 0 ] || printf '    %s\n' "$@" >&2
  exit 1
}
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || die "missing: $*; installing needs root or passwordless sudo. Run:" \
      "sudo apt-get install -y --no-install-recommends $*"
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null || die "missing: $*, and there is no apt-get to install it with." \
    "Install Chromium (set CHROMIUM=/path/to/it) and Node.js 18 or newer with npm, then run this again."
  echo "browser-test: apt-get install $*"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ]; then
  apt_install chromium fonts-dejavu-core
  CHROMIUM=$(command -v chromium) || die "chromium was installed, but there is no chromium on PATH"
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || die "node $(node --version) is too old: playwright-core needs 18 or newer"
# npm ci only when tests/browser/package-lock.json changed since the last install (works offline after).
if ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.installed-lock; then
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp tests/browser/package-lock.json tests/browser/node_modules/.installed-lock
fi

# Trusted as `make notebook` trusts them (trust follows the content, so the copies are trusted too).
bash scripts/trust_notebooks.sh notebooks/*.ipynb tests/smoke.ipynb tests/browser/hostile_labels.ipynb
if [ $# -eq 0 ]; then set -- notebooks/[0-9]*.ipynb tests/smoke.ipynb tests/browser/hostile_labels.ipynb; fi
rm -rf "$OUT"
mkdir -p "$OUT/notebooks"
cp -- "$@" "$OUT/notebooks/"

port=${BROWSER_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JUPYTER_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export JUPYTER_TOKEN
args=(--no-browser --ip=127.0.0.1 "--port=$port" --port-retries=0 "--notebook-dir=$OUT/notebooks")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
jupyter notebook "${args[@]}" >"$OUT/jupyter.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
server_up() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
for _ in $(seq 120); do
  server_up && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
server_up || die "the Jupyter server did not start on port $port; end of $OUT/jupyter.log:" "$(tail -n 5 "$OUT/jupyter.log")"

notebooks=()
for nb in "$@"; do notebooks+=("$OUT/notebooks/$(basename "$nb")"); done
# nbconvert's HTML export of the notebooks as saved, where the interactive views must work too.
jupyter nbconvert --to html --log-level=WARN --output-dir "$OUT/html" "${notebooks[@]}"
JUPYTER_URL=http://127.0.0.1:$port CHROMIUM=$CHROMIUM OUT_DIR=$OUT EXPORT_DIR=$OUT/html \
  node tests/browser/notebook_ui.mjs "${notebooks[@]}"
