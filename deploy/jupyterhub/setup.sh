#!/usr/bin/env bash
# Sets up one server for a class on JupyterHub with local Unix users, as root (see
# jupyterhub_config.py next to this file, and docs/DOCKER.md, "A class on one server"):
#   - a Python virtual environment, $GOGRAD_PREFIX/venv, made with Debian's /usr/bin/python3, holding
#     the project's Jupyter (scripts/requirements.txt, installed by scripts/install.sh: JupyterLab 4
#     for each student's server, nbclient) and JupyterHub 5.5 (the version Zero to JupyterHub runs)
#     with requirements.txt next to this file; pip runs again when either file changes;
#   - the hub's proxy, configurable-http-proxy from npm at the version proxy/package-lock.json pins,
#     in $GOGRAD_PREFIX/proxy (it needs Node.js 20 or newer);
#   - through scripts/install.sh, with GOPATH=$GOGRAD_PREFIX/go: gonb, goimports and gograd-render
#     (gopls too with INSTALL_GOPLS=1) in $GOGRAD_PREFIX/go/bin, the module cache in
#     $GOGRAD_PREFIX/go/pkg/mod (every kernel reads it first, as a module proxy) and the gograd kernel
#     spec in $GOGRAD_PREFIX/jupyter (the hub puts that folder on every student's JUPYTER_PATH);
#   - a warm Go build cache, $GOGRAD_PREFIX/cache/go-build: every notebook is executed once with the
#     notebook runner; each student's own build cache starts as hard links to it.
# All of it is readable by everyone and writable by root only; students' kernels build this
# checkout's packages, so it must be readable by them too (e.g. clone it into /opt/gograd/repo).
# Run it again, with the hub stopped, after updating the checkout. Environment: GOGRAD_PREFIX
# (default /opt/gograd), INSTALL_GOPLS=1 (autocomplete; 1-2 more minutes).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO_ROOT/deploy/jupyterhub
PREFIX=${GOGRAD_PREFIX:-/opt/gograd}
VENV=$PREFIX/venv PROXY=$PREFIX/proxy
say() { printf 'hub setup: %s\n' "$*"; }
die() {
  printf 'hub setup: ERROR: %s\n' "$1" >&2
  shift
  [ $# -eq 0 ] || printf '    %s\n' "$@" >&2
  exit 1
}
[ "$(id -u)" -eq 0 ] || die "run as root: it installs Debian packages and tools for every user"
case $PREFIX in /*) ;; *) die "GOGRAD_PREFIX must be an absolute path, not $PREFIX" ;; esac
runuser -u nobody -- test -r "$REPO_ROOT/go.mod" ||
  die "students cannot read this checkout ($REPO_ROOT): clone it where everyone can read it, e.g. $PREFIX/repo"
{ command -v node && command -v npm; } >/dev/null ||
  die "the hub's proxy (configurable-http-proxy) needs Node.js 20 or newer with npm, and there is none on PATH." \
    "Debian bookworm's nodejs is 18: install Node.js 20 from https://nodejs.org (or NodeSource), then run this again."
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] ||
  die "node $(node --version) is too old for configurable-http-proxy 5 (it needs 20 or newer)." \
    "Install Node.js 20 from https://nodejs.org (or NodeSource) and put it first on PATH, then run this again."
umask 022

# The venv is made with Debian's python3, which lives where every student can read it (a python3
# first on PATH may not: pyenv's is in root's home); the venv's python is a link to it.
bash "$REPO_ROOT/scripts/apt_install.sh" python3-venv | sed 's/^/hub setup: /'
[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv "$VENV"
if ! cmp -s "$HERE/proxy/package-lock.json" "$PROXY/package-lock.json"; then
  say "installing configurable-http-proxy into $PROXY"
  rm -rf "$PROXY"
  mkdir -p "$PROXY"
  cp "$HERE/proxy/package.json" "$HERE/proxy/package-lock.json" "$PROXY/"
  (cd "$PROXY" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$PREFIX/go" "$PREFIX/cache" "$PREFIX/jupyter"
# install.sh puts the project's Jupyter (scripts/requirements.txt) into the venv; JupyterHub goes
# on top. The venv comes first on PATH for the rest (the notebook runner).
export GOGRAD_VENV=$VENV PATH=$VENV/bin:$PATH GOPATH=$PREFIX/go GOBIN=$PREFIX/go/bin
say "installing Jupyter into $VENV, the tools into $GOBIN and the gograd kernel into $PREFIX/jupyter"
# Not trusted here: each student trusts them at the start of their server, and root's trust secret
# has no place in a folder everyone reads.
JUPYTER_DATA_DIR=$PREFIX/jupyter TRUST_NOTEBOOKS=0 bash "$REPO_ROOT/scripts/install.sh"
if ! cat "$REPO_ROOT/scripts/requirements.txt" "$HERE/requirements.txt" | cmp -s - "$VENV/.gograd-hub-requirements.txt"; then
  say "installing JupyterHub into $VENV (deploy/jupyterhub/requirements.txt)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$HERE/requirements.txt"
  cat "$REPO_ROOT/scripts/requirements.txt" "$HERE/requirements.txt" >"$VENV/.gograd-hub-requirements.txt"
fi
say "$("$VENV/bin/jupyterhub" --version | sed 's/^/JupyterHub /'), JupyterLab $("$VENV/bin/jupyter-lab" --version)," \
  "configurable-http-proxy $("$PROXY/node_modules/.bin/configurable-http-proxy" --version)"

# What the warm cache was built from: Go, the kernel and this checkout's Go code and notebooks.
# When none changed since the last run, the cache is still warm and the notebooks passed.
warm_for=$({
  PATH=$PATH:/usr/local/go/bin go version
  cat "$PREFIX/jupyter/kernels/gograd/kernel.json"
  cd "$REPO_ROOT" && find . -path ./build -prune -o -type f \( -name '*.go' -o -name go.mod -o -name go.sum \
    -o -name '*.ipynb' \) -print | LC_ALL=C sort | xargs sha256sum
} | sha256sum)
if [ "$warm_for" = "$(cat "$PREFIX/cache/warm-for" 2>/dev/null)" ]; then
  say "$PREFIX/cache/go-build is warm for this checkout already"
else
  say "warming $PREFIX/cache/go-build: every notebook, executed once"
  run_out=$(mktemp -d)
  GOCACHE=$PREFIX/cache/go-build JUPYTER_PATH=$PREFIX/jupyter \
    bash "$REPO_ROOT/scripts/nbpython.sh" "$REPO_ROOT/scripts/run_notebooks.py" --out "$run_out" |
    sed 's/^/    /'
  rm -rf "$run_out"
  echo "$warm_for" >"$PREFIX/cache/warm-for"
fi
chmod -R a+rX "$VENV" "$PROXY" "$PREFIX/go" "$PREFIX/cache" "$PREFIX/jupyter"
say "done. Start the hub as root with:"
say "    GOGRAD_PREFIX=$PREFIX $VENV/bin/jupyterhub -f $HERE/jupyterhub_config.py"
