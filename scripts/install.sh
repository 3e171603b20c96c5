#!/usr/bin/env bash
# Installs what gograd's notebooks and tests need, and nothing that is already there; no root:
#   - Jupyter (JupyterLab 4, Notebook 7, nbclient, nbconvert; versions in scripts/requirements.txt)
#     from PyPI into a virtual environment of the project's own, .venv in this checkout,
#   - GoNB, goimports (and gopls with INSTALL_GOPLS=1) at the versions pinned in scripts/versions.env,
#     and gograd's renderer, gograd-render (cmd/gograd-render), into $(go env GOBIN), or
#     $(go env GOPATH)/bin when GOBIN is unset; the renderer's WebAssembly cache is warmed,
#   - a Jupyter kernel of the project's own, "gograd" (shown as "Go (gograd)"), that the lessons
#     use: GoNB with --go_work=<this repo>, so every notebook can import github.com/gograd/gograd/...,
#     and an environment that finds go, goimports and the renderer, and serves modules from the Go
#     module cache before asking the network. A GoNB kernel of the user's own ("gonb") is left alone.
#   - trust for the shipped notebooks (`jupyter trust`), so that they open with their pictures.
# It needs Go and Python 3 and says what to do when either is missing. Used by `make notebook`,
# `make test`, .ci/run and the Dockerfile. Safe to run again: a second run installs nothing.
# Environment:
#   GOGRAD_VENV=DIR       the virtual environment (default: .venv in this checkout)
#   GOGRAD_JUPYTER=system use the Jupyter on PATH, make no virtual environment (the image's base
#                         image has its own)
#   INSTALL_GOPLS=1       also install gopls (autocomplete in the notebook; 1-2 minutes to build)
#   INSTALL_NBGRADER=1    with GOGRAD_JUPYTER=system: also install nbgrader into that Jupyter's
#                         environment (the image, for grading in the container; docs/TEACHING.md)
#   INSTALL_SHELLCHECK=1  also apt-install what `make test` uses: shellcheck, make, gcc (for -race),
#                         as root or with passwordless sudo; implied by CI=true
#   JUPYTER_DATA_DIR      where the kernel spec and the trust database go (default ~/.local/share/jupyter)
#   TRUST_NOTEBOOKS=0     do not trust the notebooks: for a kernel folder that several users share
#                         (the image, a hub), where each user trusts them when their server starts
set -euo pipefail

ORIG_PATH=$PATH
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# shellcheck source=scripts/versions.env
. "$REPO_ROOT/scripts/versions.env"

INSTALLED=()
say() { printf 'install: %s\n' "$*"; }
# die MESSAGE [HINT_LINE...]: explains what is missing and what to run, then exits 1.
die() {
  printf '\ninstall: ERROR: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '    %s\n' "$line" >&2; done
  exit 1
}
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
# module_version BINARY MODULE: the version of MODULE built into BINARY, or nothing.
module_version() {
  [ -x "$1" ] || return 0
  go version -m "$1" 2>/dev/null | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m { print $3; exit }'
}

# ---------------------------------------------------------------- Go
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="/usr/local/go/bin:$PATH"
fi
GO_NEED=$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$REPO_ROOT/go.mod")
command -v go >/dev/null 2>&1 || die "Go is not installed (no 'go' on PATH, none in /usr/local/go/bin)." \
  "Install Go $GO_NEED or newer from https://go.dev/dl/ (e.g. into /usr/local/go), then:" \
  "    export PATH=/usr/local/go/bin:\$PATH" \
  "and run this command again."
GO_HAVE=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
GO_HAVE=${GO_HAVE#go}
GO_HAVE=${GO_HAVE%%[!0-9.]*}
if [ -z "$GO_HAVE" ] || ! version_ge "$GO_HAVE" "$GO_NEED"; then
  die "Go ${GO_HAVE:-of unknown version} at $(command -v go) is older than go $GO_NEED required by go.mod." \
    "Install Go $GO_NEED or newer from https://go.dev/dl/ and put its bin/ first on PATH, e.g.:" \
    "    export PATH=/usr/local/go/bin:\$PATH" \
    "and run this command again."
fi
GOROOT_BIN="$(go env GOROOT)/bin"
GOBIN_DIR=$(go env GOBIN)
if [ -z "$GOBIN_DIR" ]; then
  GOPATH_FIRST=$(go env GOPATH)
  GOBIN_DIR="${GOPATH_FIRST%%:*}/bin"
fi
export GOBIN="$GOBIN_DIR"
export PATH="$GOBIN_DIR:$GOROOT_BIN:$PATH"
mkdir -p "$GOBIN_DIR"

# go_fetch DESCRIPTION COMMAND...: runs a command that downloads Go modules; explains a failure.
go_fetch() {
  local what=$1 log
  shift
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "could not download $what through the Go module proxy (GOPROXY=$(go env GOPROXY))." \
      "Check the network. Behind an HTTP proxy: export HTTPS_PROXY=http://HOST:PORT" \
      "With a module mirror of your own: export GOPROXY=https://YOUR-MIRROR" \
      "Then run this command again. (Command that failed: $*)"
  fi
  rm -f "$log"
}

# ---------------------------------------------------------------- Jupyter, from PyPI, in a venv
# JupyterLab, Notebook 7, nbclient and nbconvert at the versions of scripts/requirements.txt, in a
# virtual environment the user owns (no root). GOGRAD_JUPYTER=system uses the Jupyter already on
# PATH instead (the classroom image, whose base image brings its own).
PY_NEED=3.11
REQUIREMENTS="$REPO_ROOT/scripts/requirements.txt"
# nbgrader_off JUPYTER: nbgrader is there for the course's assignments (docs/TEACHING.md), not for a
# student reading the lessons: its menus, toolbar and server extensions are off in the environment
# of JUPYTER until a teacher turns them on (docs/TEACHING.md: `jupyter labextension enable` and
# `jupyter server extension enable` of each of the four below, by name).
nbgrader_off() {
  for ext in formgrader validate_assignment assignment_list course_list; do
    "$1" server extension disable --sys-prefix "nbgrader.server_extensions.$ext" >/dev/null 2>&1
  done
  "$1" labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
}
if [ "${GOGRAD_JUPYTER:-venv}" = system ]; then
  command -v jupyter >/dev/null 2>&1 || die "GOGRAD_JUPYTER=system, but there is no 'jupyter' on PATH."
  SYSTEM_PY=$("$REPO_ROOT/scripts/nbpython.sh" --which) ||
    die "GOGRAD_JUPYTER=system, but the Python of $(command -v jupyter) cannot import nbclient and nbformat."
  # INSTALL_NBGRADER=1 (the image): nbgrader at the version of scripts/requirements.txt, for grading
  # in the container. Of what it needs, what that Jupyter has stays as it is; the rest is pinned to
  # requirements.txt's versions (a constraints file of only the packages not installed yet).
  NBGRADER_PIN=$(grep -i '^nbgrader==' "$REQUIREMENTS")
  # shellcheck disable=SC2086 # a shebang such as "/usr/bin/env python3" is a command with arguments
  if [ "${INSTALL_NBGRADER:-}" = 1 ] && [ "$($SYSTEM_PY -m pip list --format=freeze 2>/dev/null | grep -i '^nbgrader==')" != "$NBGRADER_PIN" ]; then
    say "installing $NBGRADER_PIN into $SYSTEM_PY's environment"
    constraints=$(mktemp)
    # shellcheck disable=SC2086
    $SYSTEM_PY -m pip list --format=freeze | cut -d= -f1 | tr 'A-Z_.' 'a-z--' | sort -u >"$constraints.have"
    awk -F'==' 'NR == FNR { have[$1] = 1; next }
      /^[A-Za-z0-9]/ && NF == 2 { name = tolower($1); gsub(/[_.]/, "-", name); if (!(name in have)) print }' \
      "$constraints.have" "$REQUIREMENTS" >"$constraints"
    # shellcheck disable=SC2086
    $SYSTEM_PY -m pip install --disable-pip-version-check --no-input -q -c "$constraints" "$NBGRADER_PIN" ||
      die "pip could not install $NBGRADER_PIN into $SYSTEM_PY's environment (pip's messages above)."
    rm -f "$constraints" "$constraints.have"
    nbgrader_off "$(command -v jupyter)"
    INSTALLED+=("$NBGRADER_PIN")
  fi
else
  VENV=${GOGRAD_VENV:-$REPO_ROOT/.venv}
  if [ ! -x "$VENV/bin/python" ]; then
    PYTHON=$(command -v python3 || true)
    [ -n "$PYTHON" ] || die "Python 3 is not installed (no 'python3' on PATH); Jupyter needs Python $PY_NEED or newer." \
      "Debian/Ubuntu: sudo apt-get install python3 python3-venv   macOS: brew install python" \
      "or a Python of your own from https://www.python.org/downloads/ (no root needed), then run this command again."
    "$PYTHON" -c "import sys; sys.exit(sys.version_info < tuple(map(int, '$PY_NEED'.split('.'))))" ||
      die "$PYTHON is Python $("$PYTHON" -c 'import platform; print(platform.python_version())'); Jupyter needs $PY_NEED or newer." \
        "Install a newer Python 3 and put it first on PATH, then run this command again."
    say "creating a Python virtual environment for Jupyter in $VENV"
    venv_log=$(mktemp)
    # Debian and Ubuntu ship venv's pip (ensurepip) apart, in python3-venv: without it, an
    # environment made --without-pip gets its pip from the system's pip, or virtualenv makes one.
    if ! "$PYTHON" -m venv "$VENV" >"$venv_log" 2>&1 &&
      ! { rm -rf "$VENV" && "$PYTHON" -m venv --without-pip "$VENV" >>"$venv_log" 2>&1 &&
        "$PYTHON" -m pip --python "$VENV/bin/python" install --disable-pip-version-check -q pip >>"$venv_log" 2>&1; } &&
      ! { rm -rf "$VENV" && "$PYTHON" -m virtualenv "$VENV" >>"$venv_log" 2>&1; }; then
      cat "$venv_log" >&2
      rm -rf "$VENV" "$venv_log"
      die "$PYTHON cannot create a virtual environment (its venv module lacks ensurepip, and there is neither pip nor virtualenv)." \
        "Debian/Ubuntu: sudo apt-get install python3-venv" \
        "Without root: any Python 3.11 or newer of your own (e.g. from python.org, pyenv or uv) first on PATH" \
        "then run this command again. (GOGRAD_VENV=DIR puts the environment elsewhere.)"
    fi
    rm -f "$venv_log"
  fi
  # The stamp is a copy of the requirements the environment was made from: pip runs when they change.
  if ! cmp -s "$REQUIREMENTS" "$VENV/.gograd-requirements.txt"; then
    say "installing Jupyter into $VENV (pip install -r scripts/requirements.txt; about a minute the first time)"
    pip_log=$(mktemp)
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$REQUIREMENTS" >"$pip_log" 2>&1; then
      cat "$pip_log" >&2
      rm -f "$pip_log"
      die "pip could not install scripts/requirements.txt into $VENV (pip's messages above)." \
        "A package that needs a newer Python: install Python 3.11.2 or newer, remove $VENV, run this again." \
        "No network to PyPI: check it. Behind an HTTP proxy: export HTTPS_PROXY=http://HOST:PORT" \
        "With a package mirror of your own: export PIP_INDEX_URL=https://YOUR-MIRROR/simple" \
        "Then run this command again."
    fi
    rm -f "$pip_log"
    nbgrader_off "$VENV/bin/jupyter"
    # Nor would JupyterLab ask every student whether to fetch Jupyter's news from the internet.
    "$VENV/bin/jupyter" labextension disable --level=sys_prefix @jupyterlab/apputils-extension:announcements >/dev/null 2>&1
    cp "$REQUIREMENTS" "$VENV/.gograd-requirements.txt"
    INSTALLED+=("jupyter (in $VENV)")
  fi
  export PATH="$VENV/bin:$PATH"
fi
nbpython() { "$REPO_ROOT/scripts/nbpython.sh" "$@"; }

# ---------------------------------------------------------------- apt (for `make test` in CI)
# What `make test` needs besides: shellcheck, make, gcc (go test -race needs cgo) and bubblewrap (the
# grading test's sandbox), with CI=true or INSTALL_SHELLCHECK=1; only as
# root or with passwordless sudo.
if [ "${CI:-}" = true ] || [ "${INSTALL_SHELLCHECK:-}" = 1 ]; then
  APT_MISSING=()
  command -v shellcheck >/dev/null 2>&1 || APT_MISSING+=(shellcheck)
  command -v make >/dev/null 2>&1 || APT_MISSING+=(make)
  command -v gcc >/dev/null 2>&1 || APT_MISSING+=(gcc libc6-dev)
  command -v bwrap >/dev/null 2>&1 || APT_MISSING+=(bubblewrap) # the grading sandbox (docs/TEACHING.md)
  if [ ${#APT_MISSING[@]} -eq 0 ]; then
    :
  elif [ "$(id -u)" -eq 0 ]; then
    bash "$REPO_ROOT/scripts/apt_install.sh" "${APT_MISSING[@]}"
    INSTALLED+=("${APT_MISSING[@]}")
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n bash "$REPO_ROOT/scripts/apt_install.sh" "${APT_MISSING[@]}"
    INSTALLED+=("${APT_MISSING[@]}")
  else
    say "warning: cannot apt-get install ${APT_MISSING[*]} (not root, no sudo): skipped"
  fi
fi

# ---------------------------------------------------------------- Go modules and tools
# The repository's own dependencies (a no-op, offline, when they are in the module cache).
(cd "$REPO_ROOT" && go_fetch "this repository's dependencies" go mod download)

if [ "$(module_version "$GOBIN_DIR/gonb" github.com/janpfeifer/gonb)" != "$GONB_VERSION" ]; then
  say "building gonb $GONB_VERSION into $GOBIN_DIR"
  # `go install gonb@VERSION` is refused (gonb's go.mod has replace directives): build it from a
  # throwaway module that requires the pinned version.
  tmpmod=$(mktemp -d)
  (
    cd "$tmpmod"
    go mod init gonb-build >/dev/null 2>&1
    go_fetch "github.com/janpfeifer/gonb@$GONB_VERSION" go get "github.com/janpfeifer/gonb@$GONB_VERSION"
    go install github.com/janpfeifer/gonb
  )
  rm -rf "$tmpmod"
  INSTALLED+=("gonb@$GONB_VERSION")
fi
if [ "$(module_version "$GOBIN_DIR/goimports" golang.org/x/tools)" != "$GOIMPORTS_VERSION" ]; then
  say "installing goimports $GOIMPORTS_VERSION into $GOBIN_DIR"
  go_fetch "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION" \
    go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
  INSTALLED+=("goimports@$GOIMPORTS_VERSION")
fi
if [ "${INSTALL_GOPLS:-}" = 1 ] &&
  [ "$(module_version "$GOBIN_DIR/gopls" golang.org/x/tools/gopls)" != "$GOPLS_VERSION" ]; then
  say "installing gopls $GOPLS_VERSION into $GOBIN_DIR (1-2 minutes)"
  go_fetch "golang.org/x/tools/gopls@$GOPLS_VERSION" go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
  INSTALLED+=("gopls@$GOPLS_VERSION")
fi

# ---------------------------------------------------------------- the renderer
# Notebook cells that draw hand DOT text to gograd-render instead of linking Graphviz. -warm compiles Graphviz's WebAssembly into this user's renderer
# folder, so that the first drawing does not wait for it.
RENDERER="$GOBIN_DIR/gograd-render"
renderer_before=$(go tool buildid "$RENDERER" 2>/dev/null || true)
(cd "$REPO_ROOT" && go install ./cmd/gograd-render) || die "could not build the renderer: go install ./cmd/gograd-render failed in $REPO_ROOT (output above)."
[ "$renderer_before" = "$(go tool buildid "$RENDERER")" ] || INSTALLED+=("gograd-render")
# go-graphviz compiles its WebAssembly into $TMPDIR/go-graphviz in every process's init, before
# main, and panics when another user made /tmp/go-graphviz: this process gets a private TMPDIR (the
# renderer then compiles into the user's renderer folder, as display starts it).
warm_tmp=$(mktemp -d)
TMPDIR=$warm_tmp "$RENDERER" -warm >/dev/null || { rm -rf "$warm_tmp"; die "the renderer $RENDERER does not run (output above)."; }
rm -rf "$warm_tmp"

# ---------------------------------------------------------------- the gograd kernel
# `gonb --install` writes a spec named gonb into a scratch data dir; it becomes the spec of a kernel
# named gograd, with this checkout as --go_work and an environment of its own. Jupyter expands
# ${PATH} to the server's PATH. GOPROXY serves modules that are already in the module cache from
# the cache itself (GoNB runs `go get` for every cell, which otherwise waits on the network), and
# asks the usual proxy for the rest. GOFLAGS adds -ldflags=-w: cells link without DWARF debug
# information, which nobody reads in a notebook (panics still give files and lines), and which
# takes a quarter of the time GoNB spends building every cell.
KERNEL_DIR="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/gograd"
CACHE_PROXY="file://$(go env GOMODCACHE)/cache/download"
case "$(go env GOPROXY)," in
  "$CACHE_PROXY",*) KERNEL_GOPROXY=$(go env GOPROXY) ;;
  *) KERNEL_GOPROXY="$CACHE_PROXY,$(go env GOPROXY)" ;;
esac
KERNEL_GOFLAGS=$(go env GOFLAGS)
case " $KERNEL_GOFLAGS" in
  *" -ldflags"*) ;;
  *) KERNEL_GOFLAGS="${KERNEL_GOFLAGS:+$KERNEL_GOFLAGS }-ldflags=-w" ;;
esac
scratch=$(mktemp -d)
deps_flag=()
command -v gopls >/dev/null 2>&1 || deps_flag=(--force_deps) # gopls is optional
if ! out=$(JUPYTER_DATA_DIR="$scratch" "$GOBIN_DIR/gonb" --install "${deps_flag[@]}" "--go_work=$REPO_ROOT" 2>&1); then
  printf '%s\n' "$out" >&2
  rm -rf "$scratch"
  die "'gonb --install' failed (output above)."
fi
# Prints "same" when the installed spec already is the one wanted, else writes it.
kernel_state=$(nbpython - "$scratch/kernels/gonb" "$KERNEL_DIR" "$GOBIN_DIR:$GOROOT_BIN:\${PATH}" \
  "$RENDERER" "$KERNEL_GOPROXY" "$KERNEL_GOFLAGS" <<'PY'
import json, os, shutil, sys
made, target, path, renderer, goproxy, goflags = sys.argv[1:]
spec = json.load(open(os.path.join(made, "kernel.json")))
spec["display_name"] = "Go (gograd)"
spec["env"] = {"PATH": path, "GOGRAD_RENDER": renderer, "GOPROXY": goproxy, "GOFLAGS": goflags}
try:
    if json.load(open(os.path.join(target, "kernel.json"))) == spec:
        print("same")
        sys.exit(0)
except (OSError, ValueError):
    pass
os.makedirs(target, exist_ok=True)
for name in os.listdir(made):
    if name != "kernel.json":
        shutil.copy(os.path.join(made, name), target)
json.dump(spec, open(os.path.join(target, "kernel.json"), "w"), indent=1)
print("written")
PY
) || { rm -rf "$scratch"; die "could not write the kernel spec in $KERNEL_DIR (output above)."; }
rm -rf "$scratch"
if [ "$kernel_state" = written ]; then
  say "installed the gograd kernel in $KERNEL_DIR (go.work uses $REPO_ROOT)"
  INSTALLED+=("gograd-kernel")
fi

# Warm the Go build cache so that the first notebook cell does not wait for a compile.
(cd "$REPO_ROOT" && go build ./... >/dev/null 2>&1) || say "warning: 'go build ./...' failed in $REPO_ROOT (run it to see why)"

# The shipped notebooks open with their pictures only when trusted (see docs/SETUP.md).
if [ "${TRUST_NOTEBOOKS:-1}" != 0 ]; then
  jupyter trust "$REPO_ROOT"/notebooks/*.ipynb >/dev/null || say "warning: could not trust the notebooks (jupyter trust notebooks/*.ipynb)"
fi

if [ ${#INSTALLED[@]} -eq 0 ]; then
  tools="gonb $GONB_VERSION, goimports $GOIMPORTS_VERSION, gograd-render"
  if [ "${INSTALL_GOPLS:-}" = 1 ]; then tools+=", gopls $GOPLS_VERSION"; fi
  say "nothing to install: $tools and the kernel are in place"
else
  say "installed: ${INSTALLED[*]}"
fi
say "kernel spec: $KERNEL_DIR/kernel.json"
case ":$ORIG_PATH:" in
  *":$GOBIN_DIR:"*) ;;
  *) say "note: $GOBIN_DIR is not on your PATH; the Makefile adds it, or run: export PATH=\"$GOBIN_DIR:\$PATH\"" ;;
esac
