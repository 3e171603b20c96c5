#!/usr/bin/env bash
# The real-browser test: what a student sees in JupyterLab 4 and Notebook 7, in headless Chromium at
# 1280x900. The checks live in tests/browser/notebook_ui.mjs (its top comment lists them): every
# saved picture drawn, trusted and untrusted; Restart & Run All without an error or a dialog; every
# graph inside its output area with text >= 8 px and its root shown; the interactive views right and
# answering within 100 ms (median) as saved with no kernel, after the run and in nbconvert's HTML
# export; setup cells collapsed; JupyterLab Dark readable (contrast >= 4.5:1). The classic Notebook 6
# is no longer a target.
#
# Two ways to run it:
#
#   scripts/browser_test.sh [NOTEBOOK.ipynb ...]
#     Local (make browser-test). Default notebooks: the lessons, notebooks/[0-9]*.ipynb, and
#     tests/browser/hostile_labels.ipynb (labels made of markup); not the kernel's smoke test
#     tests/smoke.ipynb, which shows a raw inline <svg> on purpose (an untrusted notebook strips
#     it; scripts/run_notebooks.py runs it). Trusts them with `jupyter trust`, copies them to
#     build/browser/notebooks/ (the UI never writes into notebooks/), starts `jupyter lab` there on
#     a free port with settings and workspaces of its own under build/browser/, and checks, in order:
#       lab:saved lab:untrusted lab:run lab-dark:saved lab-dark:untrusted notebook:saved
#       notebook:untrusted lab:small notebook:small lab:present export
#     (lab-dark:*, notebook:untrusted and notebook:small on the notebooks with a view in their saved
#     outputs only)
#     (small: 1024x700 with the file browser open; present: 1280x720 in JupyterLab's presentation
#     mode, a projector, where every graph's and view's text must be 14 px or more; both print the
#     text sizes; every view is driven from the keyboard as saved and on the projector,
#     tests/browser/keyboard.mjs; a picture's Full size control as saved and untrusted)
#     two notebooks at a time (BROWSER_TEST_JOBS). Restart & Run All runs in JupyterLab only:
#     Notebook 7 is the same notebook widget, kernel and renderers in another page. Needs the
#     gograd kernel (scripts/install.sh) and Jupyter on PATH.
#
#   JUPYTER_URL=URL (JUPYTER_TOKEN=T | HUB_LOGIN=USER:PASSWORD) [UI=lab|notebook] [REMOTE=1] \
#     scripts/browser_test.sh PATH...
#     Against a server that is already running (the classroom image, a JupyterHub): PATHs are
#     relative to that server's root. Nothing local is assumed: no trusting, no copying, no server
#     started; the notebooks are read through the server's contents API and exported by its
#     nbconvert handler. JUPYTER_URL may end in /user/NAME/; HUB_LOGIN logs in through the hub's
#     login form at its root and waits for the spawn. UI picks JupyterLab (default) or Notebook 7.
#     Default checks: UI:saved UI:untrusted UI:run export; REMOTE=1 (write nothing to the server)
#     makes them UI:saved UI:run export. CHECKS=... sets them (see notebook_ui.mjs).
#
# Both print one line per notebook and check, a table per graph and one per notebook and check, and
# last "browser: N passed, M failed"; screenshots NAME-CHECK.png (the whole notebook) and
# NAME-CHECK-views.png, report.tsv, summary.tsv (and locally jupyter.log) go to OUT_DIR
# (default build/browser/). Installs what is missing: chromium and fonts, node and npm with apt (as
# root or with passwordless sudo), playwright-core with `npm ci` in tests/browser. Environment:
#   CHROMIUM              the browser (default: chromium on PATH)
#   BROWSER_TEST_PORT     the local server's port (default: a free one)
#   BROWSER_TEST_TIMEOUT  seconds allowed for Restart & Run All of one notebook (default 300)
#   BROWSER_TEST_JOBS     notebooks checked at a time (default 2)
#   SITE                  0: skip the website (scripts/site.sh, checked by tests/browser/site.mjs)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${OUT_DIR:-build/browser}

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
export CHROMIUM OUT_DIR=$OUT

if [ -n "${JUPYTER_URL:-}" ]; then
  [ $# -gt 0 ] || die "JUPYTER_URL is set: name the notebooks, as paths relative to that server's root"
  mkdir -p "$OUT"
  exec node tests/browser/notebook_ui.mjs "$@"
fi

# The project's Jupyter (scripts/nbpython.sh says where it is), as the Makefile puts it on PATH.
bin=$(bash scripts/nbpython.sh --bin) || die "no Jupyter: run scripts/install.sh"
PATH="$bin:$PATH"
if [ $# -eq 0 ]; then set -- notebooks/[0-9]*.ipynb tests/browser/hostile_labels.ipynb; fi
# Trusted as `make notebook` trusts them (trust follows the content, so the copies are trusted too).
jupyter trust "$@" >/dev/null
rm -rf "$OUT"
mkdir -p "$OUT/notebooks"
cp -- "$@" "$OUT/notebooks/"

port=${BROWSER_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JUPYTER_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export JUPYTER_TOKEN
# The server's own configuration, settings (the test switches the theme) and workspaces: none of
# the user's, and nothing of the test's left in theirs.
export JUPYTER_CONFIG_DIR=$OUT/config JUPYTERLAB_SETTINGS_DIR=$OUT/settings JUPYTERLAB_WORKSPACES_DIR=$OUT/workspaces
args=(--no-browser --ip=127.0.0.1 "--port=$port" --port-retries=0 "--ServerApp.root_dir=$OUT/notebooks")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
jupyter lab "${args[@]}" >"$OUT/jupyter.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
server_up() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
for _ in $(seq 120); do
  server_up && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
server_up || die "the Jupyter server did not start on port $port; end of $OUT/jupyter.log:" "$(tail -n 5 "$OUT/jupyter.log")"

names=() viewing=()
for nb in "$@"; do
  names+=("$(basename "$nb")")
  # The notebooks with a view (a page of controls: views.Nudge, views.StepByStep, training.Recorder)
  # in their saved outputs.
  if grep -qE 'class=\\"(gograd-view|gograd-training)' "$nb"; then viewing+=("$(basename "$nb" .ipynb)"); fi
done
# Every notebook as saved in both UIs, untrusted, after Run All, in a small window and on the
# projector in JupyterLab; the dark theme and Notebook 7 untrusted and in a small window on the
# notebooks with a view, where the page draws most of its own and the untrusted note is (elsewhere
# the pictures are images alike in every notebook).
with_views=$(IFS=,; echo "${viewing[*]}")
status=0
JUPYTER_URL=http://127.0.0.1:$port/ \
  CHECKS=${CHECKS:-lab:saved lab:untrusted lab:run lab-dark:saved@$with_views lab-dark:untrusted@$with_views notebook:saved notebook:untrusted@$with_views lab:small notebook:small@$with_views lab:present export} \
  node tests/browser/notebook_ui.mjs "${names[@]}" || status=$?

# The training view (training.Recorder) driven as a student drives it, by tests/browser/training.mjs:
# the slider at a few steps against the loss, accuracy and boundary it derives itself from the
# recorded weights, pointing, Play and Pause, the time a slider move takes. Lesson 10 in nbconvert's
# export, in JupyterLab and Notebook 7 as saved (no kernel), and in JupyterLab after Run All;
# lesson 09's (a network without a plane, the sum of squared errors) in the export; lesson 12's (with
# held-out points, a third curve) in the export and in JupyterLab as saved.
base=http://127.0.0.1:$port
passed=0 failed=0
# training PATH [OPTION...]: the view at $base/PATH (with the token added), with training.mjs's options.
training() {
  local sep='?'
  case $1 in *'?'*) sep='&' ;; esac
  echo "training view: $1 ${*:2}"
  if node tests/browser/training.mjs "$base/$1${sep}token=$JUPYTER_TOKEN" "${@:2}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}
for name in "${names[@]}"; do
  case $name in
    10_two_moons.ipynb)
      training "nbconvert/html/$name?download=false"
      training "lab/tree/$name?reset"
      training "notebooks/$name"
      training "lab/tree/$name?reset" --run
      ;;
    12_honest_evaluation.ipynb)
      training "nbconvert/html/$name?download=false"
      training "lab/tree/$name?reset"
      ;;
    09_mlp.ipynb) training "nbconvert/html/$name?download=false" ;;
  esac
done
if [ $((passed + failed)) -gt 0 ]; then
  echo "training view: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] || status=1
fi

# The way in: `make notebook`'s own command (scripts/notebook.sh, on this machine's address only),
# for JupyterLab and for Notebook 7, checked by tests/browser/welcome.mjs: the root URL opens the
# welcome page, which links every lesson and the docs, and a click opens the first lesson.
lessons=()
for nb in notebooks/[0-9]*.ipynb; do lessons+=("$(basename "$nb")"); done
for ui in lab notebook; do
  wport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  UI=$ui PORT=$wport bash scripts/notebook.sh >"$OUT/welcome-$ui-jupyter.log" 2>&1 &
  welcome_server=$!
  for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$wport") 2>/dev/null && break; sleep 0.5; done
  JUPYTER_URL=http://127.0.0.1:$wport/ UI=$ui node tests/browser/welcome.mjs "${lessons[@]}" || status=1
  kill "$welcome_server" 2>/dev/null
  wait "$welcome_server" 2>/dev/null || true
done

# The course's website (scripts/site.sh, built from notebooks/ as committed), served as static
# files, opened by tests/browser/site.mjs as a student would: the welcome page and its table of
# contents, a search, every lesson with its views started and driven from the keyboard, and its
# Binder button. SITE=0 skips it.
if [ "${SITE:-1}" != 0 ]; then
  bash scripts/site.sh || status=1
  site_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$site_port" --bind 127.0.0.1 --directory build/site/_build/html >"$OUT/site-server.log" 2>&1 &
  site_server=$!
  trap 'kill "$server" "$site_server" 2>/dev/null; wait "$server" "$site_server" 2>/dev/null || true' EXIT
  for _ in $(seq 40); do (exec 3<>"/dev/tcp/127.0.0.1/$site_port") 2>/dev/null && break; sleep 0.25; done
  stems=()
  for nb in notebooks/[0-9]*.ipynb; do stems+=("$(basename "$nb" .ipynb)"); done
  SITE_URL=http://127.0.0.1:$site_port/ node tests/browser/site.mjs "${stems[@]}" || status=1
fi
exit "$status"
