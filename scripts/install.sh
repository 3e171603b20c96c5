#!/usr/bin/env bash
# Installs what gograd's notebooks and tests need, and nothing that is already there:
#   - Jupyter (Debian packages through apt, only when no Jupyter is found),
#   - GoNB, goimports (and gopls with INSTALL_GOPLS=1) at the versions pinned in scripts/versions.env,
#     and gograd's renderer, gograd-render (cmd/gograd-render), into $(go env GOBIN), or
#     $(go env GOPATH)/bin when GOBIN is unset; the renderer's WebAssembly cache is warmed,
#   - a Jupyter kernel of the project's own, "gograd" (shown as "Go (gograd)"), that the lessons
#     use: GoNB with --go_work=<this repo>, so every notebook can import github.com/gograd/gograd/...,
#     and an environment that finds go, goimports and the renderer, and serves modules from the Go
#     module cache before asking the network. A GoNB kernel of the user's own ("gonb") is left alone.
#   - trust for the shipped notebooks (scripts/trust_notebooks.sh), so that they open with their
#     pictures.
# Used by `make notebook`, `make test`, .ci/run and the Dockerfile. Safe to run again: a second run
# installs nothing. Environment:
#   INSTALL_GOPLS=1       also install gopls (autocomplete in the notebook; 1-2 minutes to build)
#   INSTALL_SHELLCHECK=1  also apt-install what `make test` uses: shellcheck, make, gcc (for -race);
#                         implied by CI=true
#   JUPYTER_DATA_DIR      where the kernel spec goes (default ~/.local/share/jupyter)
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

# ---------------------------------------------------------------- apt (Jupyter, shellcheck, make)
SUDO=()
can_apt() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); return 0; fi
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n); return 0; fi
  return 1
}
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

jupyter_ok() {
  command -v jupyter >/dev/null 2>&1 &&
    { command -v jupyter-lab >/dev/null 2>&1 || command -v jupyter-notebook >/dev/null 2>&1; } &&
    "$REPO_ROOT/scripts/nbpython.sh" --which >/dev/null
}

HAVE_JUPYTER=false
if jupyter_ok; then HAVE_JUPYTER=true; fi
if [ "$HAVE_JUPYTER" = false ] && ! can_apt; then
  if command -v apt-get >/dev/null 2>&1; then
    die "Jupyter is not installed, and apt-get needs root (no passwordless sudo here)." \
      "Install it with:" \
      "    sudo apt-get update && sudo apt-get install -y --no-install-recommends $JUPYTER_APT_PACKAGES" \
      "and run this command again."
  fi
  die "Jupyter is not installed, and there is no apt-get to install it with." \
    "Install Jupyter (a notebook server plus nbclient) with:" \
    "    python3 -m pip install --user notebook nbconvert nbclient" \
    "make sure 'jupyter' is then on PATH, and run this command again."
fi
APT_WANT=()
if [ "$HAVE_JUPYTER" = false ]; then
  read -r -a JUPYTER_PKGS <<<"$JUPYTER_APT_PACKAGES"
  APT_WANT+=("${JUPYTER_PKGS[@]}")
fi
if [ "${CI:-}" = true ] || [ "${INSTALL_SHELLCHECK:-}" = 1 ]; then
  command -v shellcheck >/dev/null 2>&1 || APT_WANT+=(shellcheck)
  command -v make >/dev/null 2>&1 || APT_WANT+=(make)
  command -v gcc >/dev/null 2>&1 || APT_WANT+=(gcc libc6-dev) # go test -race needs cgo
fi
APT_MISSING=()
for pkg in "${APT_WANT[@]}"; do
  if ! command -v dpkg-query >/dev/null 2>&1 || ! deb_installed "$pkg"; then APT_MISSING+=("$pkg"); fi
done
if [ ${#APT_MISSING[@]} -gt 0 ]; then
  if can_apt; then
    say "apt-get install ${APT_MISSING[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${APT_MISSING[@]}" >/dev/null
    INSTALLED+=("${APT_MISSING[@]}")
  else
    say "warning: cannot apt-get install ${APT_MISSING[*]} (not root, no sudo): skipped"
  fi
fi
[ "$HAVE_JUPYTER" = true ] || jupyter_ok || die "Jupyter is still not usable: need 'jupyter', 'jupyter-notebook' or 'jupyter-lab' on PATH" \
  "and a python3 that can 'import nbclient, nbformat'. Install them and run this command again."
nbpython() { "$REPO_ROOT/scripts/nbpython.sh" "$@"; }

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
"$RENDERER" -warm >/dev/null || die "the renderer $RENDERER does not run (output above)."

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
  bash "$REPO_ROOT/scripts/trust_notebooks.sh" || say "warning: could not trust the notebooks (scripts/trust_notebooks.sh)"
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
