#!/usr/bin/env bash
# Two Unix users of one machine draw in turn, and then at once, sharing /tmp: each must get
# pictures, whoever drew first. (Before the renderer moved out of notebook cells, the second user's
# cells crashed: go-graphviz's compilation cache in /tmp belonged to the first.) The trap of old is
# laid on purpose: a private /tmp/go-graphviz of the first user. The second user has no writable
# home, so their renderer folder falls back to /tmp. Needs root (it creates the two users and runs
# programs as them); skipped otherwise.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ "$(id -u)" -ne 0 ]; then
  echo "multiuser test: skipped (needs root to create users and run programs as them)"
  exit 0
fi
users=(gograd-test-ann gograd-test-bob)
created=()
for u in "${users[@]}"; do
  id "$u" >/dev/null 2>&1 || { useradd --create-home --shell /bin/bash "$u" && created+=("$u"); }
done
work=$(mktemp -d /tmp/gograd-multiuser.XXXXXX)
cleanup() {
  for u in "${users[@]}"; do pkill -KILL -u "$u" || true; done
  sleep 0.2
  rm -rf "$work" /tmp/go-graphviz /tmp/gograd-render-uid"$(id -u gograd-test-bob)"
  for u in "${created[@]}"; do userdel --remove "$u" 2>/dev/null || true; done
}
trap cleanup EXIT
chmod 755 "$work"

# A program that draws the tanh neuron through package display, and the renderer, both where the
# test users can run them.
mkdir "$work/draw"
cat >"$work/draw/main.go" <<'GO'
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

func main() {
	x1, w1 := autograd.New(2).Named("x1"), autograd.New(-3).Named("w1")
	o := x1.Mul(w1).Add(autograd.New(6.88).Named("b")).Tanh().Named("o")
	o.Backward()
	svg, err := display.SVG(o)
	if err != nil || !bytes.HasPrefix(svg, []byte("<svg")) {
		fmt.Fprintln(os.Stderr, "no picture:", err)
		os.Exit(1)
	}
	fmt.Printf("%d bytes of SVG\n", len(svg))
}
GO
go_line=$(grep -m1 '^go ' "$REPO_ROOT/go.mod")
printf 'module drawcheck\n\n%s\n' "$go_line" >"$work/draw/go.mod"
printf '%s\n\nuse (\n\t.\n\t%s\n)\n' "$go_line" "$REPO_ROOT" >"$work/draw/go.work"
(cd "$work/draw" && go build -o "$work/draw-neuron" . && go build -o "$work/gograd-render" "$REPO_ROOT/cmd/gograd-render")
chmod 755 "$work/draw-neuron" "$work/gograd-render"

# The trap of old: the first user's go-graphviz cache in the shared /tmp, private to them (what a
# program linking go-graphviz leaves behind; any other user's such program then panics in init).
rm -rf /tmp/go-graphviz
echo 'digraph { trap }' | runuser -u gograd-test-ann -- env -i TMPDIR=/tmp "$work/gograd-render" >/dev/null

draw_as() { # USER HOME: draws once as USER, with HOME
  runuser -u "$1" -- env -i PATH=/usr/bin:/bin HOME="$2" TMPDIR=/tmp GOGRAD_RENDER="$work/gograd-render" \
    "$work/draw-neuron" 2>&1 | sed "s/^/  $1: /"
  return "${PIPESTATUS[0]}"
}
failed=0
for _ in 1 2; do
  draw_as gograd-test-ann /home/gograd-test-ann || failed=1
  draw_as gograd-test-bob /nonexistent || failed=1
done
# At once: both users' programs start together, twice each.
pids=()
for u in gograd-test-ann gograd-test-bob gograd-test-ann gograd-test-bob; do
  home=/home/$u
  [ "$u" = gograd-test-bob ] && home=/nonexistent
  draw_as "$u" "$home" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
# Each user's renderer folder: their own, private (bob's in /tmp, as his home is not writable).
for pair in "gograd-test-ann /home/gograd-test-ann/.cache/gograd" "gograd-test-bob /tmp/gograd"; do
  read -r u base <<<"$pair"
  dir="$base-render-uid$(id -u "$u")"
  [ "$base" = /tmp/gograd ] || dir="$base/render-uid$(id -u "$u")"
  got=$(stat -c '%U %a' "$dir" 2>&1 || true)
  if [ "$got" != "$u 700" ]; then
    echo "  $u's renderer folder $dir: $got, want '$u 700'"
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "multiuser test: FAILED (a user could not draw)"
  exit 1
fi
echo "multiuser test: two users drew in turn and at once, sharing /tmp: passed"
