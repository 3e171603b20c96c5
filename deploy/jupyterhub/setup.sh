#!/usr/bin/env bash
# Sets up one server for a class on JupyterHub with local Unix users, as root (see
# jupyterhub_config.py next to this file, and docs/DOCKER.md, "A class on one server"):
#   - Debian's jupyterhub (with configurable-http-proxy) and the Jupyter packages of scripts/versions.env
#     (the classic Notebook server, nbclient);
#   - through scripts/install.sh, with GOPATH=$GOGRAD_PREFIX/go: gonb, goimports and gograd-render
#     (gopls too with INSTALL_GOPLS=1) in $GOGRAD_PREFIX/go/bin, the module cache in
#     $GOGRAD_PREFIX/go/pkg/mod (every kernel reads it first, as a module proxy) and the gograd kernel
#     spec in $GOGRAD_PREFIX/jupyter (the hub puts that folder on every student's JUPYTER_PATH);
#   - a warm Go build cache, $GOGRAD_PREFIX/cache/go-build: every notebook is executed once with the
#     notebook runner; each student's own build cache starts as hard links to it.
# All of it is readable by everyone and writable by root only; students' kernels build this
# checkout's packages, so it must be readable by them too (e.g. clone it into /opt/gograd/repo).
# Run it again after updating the checkout. Environment: GOGRAD_PREFIX (default /opt/gograd),
# INSTALL_GOPLS=1 (autocomplete; 1-2 more minutes).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
PREFIX=${GOGRAD_PREFIX:-/opt/gograd}
say() { printf 'hub setup: %s\n' "$*"; }
die() { printf 'hub setup: ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root: it installs Debian packages and tools for every user"
case $PREFIX in /*) ;; *) die "GOGRAD_PREFIX must be an absolute path, not $PREFIX" ;; esac
runuser -u nobody -- test -r "$REPO_ROOT/go.mod" ||
  die "students cannot read this checkout ($REPO_ROOT): clone it where everyone can read it, e.g. $PREFIX/repo"
umask 022

# shellcheck source=scripts/versions.env
. "$REPO_ROOT/scripts/versions.env"
read -r -a packages <<<"jupyterhub $JUPYTER_APT_PACKAGES"
bash "$REPO_ROOT/scripts/apt_install.sh" "${packages[@]}" | sed 's/^/hub setup: /'

mkdir -p "$PREFIX/go" "$PREFIX/cache" "$PREFIX/jupyter"
export GOPATH=$PREFIX/go GOBIN=$PREFIX/go/bin
say "installing the tools into $GOBIN and the gograd kernel into $PREFIX/jupyter"
# Not trusted here: each student trusts them at the start of their server, and root's trust secret
# has no place in a folder everyone reads.
JUPYTER_DATA_DIR=$PREFIX/jupyter TRUST_NOTEBOOKS=0 bash "$REPO_ROOT/scripts/install.sh"

say "warming $PREFIX/cache/go-build: every notebook, executed once"
run_out=$(mktemp -d)
GOCACHE=$PREFIX/cache/go-build JUPYTER_PATH=$PREFIX/jupyter \
  bash "$REPO_ROOT/scripts/nbpython.sh" "$REPO_ROOT/scripts/run_notebooks.py" --out "$run_out" |
  sed 's/^/    /'
rm -rf "$run_out"
chmod -R a+rX "$PREFIX/go" "$PREFIX/cache" "$PREFIX/jupyter"
say "done. Start the hub as root with:"
say "    GOGRAD_PREFIX=$PREFIX jupyterhub -f $REPO_ROOT/deploy/jupyterhub/jupyterhub_config.py"
