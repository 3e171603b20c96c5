#!/usr/bin/env bash
# The image test (`make image-test`): builds the classroom image from the Dockerfile, as users get
# it, with Debian's podman, and checks it the way a laptop, a hub and an OpenShift-style platform
# run it. Run as root on Debian (it apt-installs podman & co when missing). No image registry is
# needed: the two base images are built locally from Debian packages as stand-ins, tagged with the
# exact names the Dockerfile's FROM lines use (docs/DOCKER.md lists how they differ from the real ones).
#
# Checks, each printed as PASS/FAIL with its time:
#   stand-in the base stand-in's start.sh logs a failing start-up hook (sourced or run) and goes on
#   static   the FROM tags are pinned; the labels' tool versions equal scripts/versions.env, and so do
#            the tools built into the image; no .git, build/, .venv or Jupyter secret in the image;
#            uid 1000
#   grading  the course's grading in the container (docs/TEACHING.md, "Grading in the classroom
#            container"): under podman's defaults (/proc masked) `gograd_grading.py autograde`
#            refuses, saying what to do, rather than grade without its sandbox; with the documented
#            --security-opt unmask=/proc/* the grading test's class of 04_log, cut to a right
#            answer, an os.Exit(0) and one that prints the teacher's solution, is graded in
#            bubblewrap's sandbox as uid 1000 (scripts/test_grading.py checks the points and the
#            feedback: full, 0 "the program ended before the test finished", and "no such file")
#   port     the default command serves Jupyter on a published port: /api, the Go kernel listed
#   four runs, offline (an internal network: this machine and nothing beyond), each a container
#            started with the default command: uid 1000 without a volume, then with a fresh named
#            volume on the home folder; uid 12345 in group users (100) on that same volume, as uid
#            1000 left it, then without one. In each: HEALTHCHECK healthy; no network beyond this
#            machine; the start-up hook trusted the lessons and logged no error; /api and the
#            kernel, the notebooks in ~/notebooks open trusted, one saves and a new one can be made
#            (through the server's API); a third uid of group users can save there too; the first
#            drawing cell of the cold container, timed; for uid 1000 without a volume and uid 12345
#            on the reused one, the first lesson that draws graphs opened in JupyterLab in Chromium
#            from Binder's URL (/lab/tree/notebooks/LESSON; scripts/browser_test.sh against the
#            container's server: pictures drawn as saved, trusted and untrusted, views answering,
#            Restart Kernel and Run All without error, the server's HTML export); then the
#            repository's notebook runner (scripts/run_notebooks.py, inside the container) over
#            ~/notebooks: every notebook for uid 12345 on the reused volume, the first lesson that
#            draws graphs for the other three (what differs between the four is who owns what, not
#            the notebooks; the build has run every notebook as uid 1000 already).
#   root     started as root (GRANT_SUDO=yes): the hooks run as root, the lessons and the server
#            are jovyan's, the notebooks open trusted.
# Then the image's size, and what each of its own layers adds. The last line is "image-test: N passed, M failed"; exit status 1 if any failed.
#
# Environment: IMAGE_TEST_CONTEXT  build context (default: this checkout), e.g. an older clone
#              IMAGE_TEST_PORT     host port for the port check (default 18901, on 127.0.0.1)
#              IMAGE_TEST_KEEP=1   keep the image, volume and base stand-ins (default: keep the
#                                  stand-ins only, so that a second run skips rebuilding them)
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CONTEXT=$(cd "${IMAGE_TEST_CONTEXT:-$REPO_ROOT}" && pwd -P)
WORK=$REPO_ROOT/build/image
IMAGE=localhost/gograd:image-test
VOLUME=gograd-image-test-home
PORT=${IMAGE_TEST_PORT:-18901}
OTHER_UID=12345
TOKEN=image-test-$$
HELPERS=/gograd-image-test # scripts/image, mounted read-only into the test containers

say() { printf 'image-test: %s\n' "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (podman builds and runs the image rootful here)"
mkdir -p "$WORK"

PASSED=0 FAILED=0
# check NAME COMMAND...: runs a check, prints PASS or FAIL with its time and, on failure, its output.
check() {
  local name=$1 start=$SECONDS out
  shift
  # (podman logs that it cannot schedule health checks without systemd: this test runs them itself)
  if out=$("$@" 2>&1 | grep -v 'unable to get systemd connection'; exit "${PIPESTATUS[0]}"); then
    PASSED=$((PASSED + 1))
    say "PASS $name ($((SECONDS - start)) s)"
    [ -z "$out" ] || printf '%s\n' "$out" | grep -v '^RUN ' | sed 's/^/    /'
  else
    FAILED=$((FAILED + 1))
    say "FAIL $name ($((SECONDS - start)) s)"
    printf '%s\n' "$out" | tail -n 40 | sed 's/^/    | /'
  fi
}
# part NAME: starts a timed part of the test; the previous one's time is printed.
PART='' PART_START=$SECONDS
part() {
  [ -z "$PART" ] || say "-- $PART took $((SECONDS - PART_START)) s"
  PART=$1 PART_START=$SECONDS
  [ -z "$PART" ] || say "-- $PART"
}
TEST_START=$SECONDS

# ------------------------------------------------------------------ podman
part "podman"
bash "$REPO_ROOT/scripts/apt_install.sh" podman runc netavark aardvark-dns iptables mmdebstrap ca-certificates |
  sed 's/^/image-test: /'
# Rootful podman here needs runc (crun refuses this kind of host's cgroup layout), explicit ulimits
# (podman's defaults fail with "setrlimit RLIMIT_NOFILE: Operation not permitted"), cgroupfs and a
# file event log (no systemd), and netavark for the build's network.
nofile=$(ulimit -Hn)
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[network]
network_backend = "netavark"
EOF
export CONTAINERS_CONF=$WORK/containers.conf
say "$(podman --version)"

# ------------------------------------------------------------------ base image stand-ins
part "base image stand-ins"
golang_ref=$(awk 'toupper($1) == "FROM" && tolower($4) == "golang" { print $2; exit }' "$CONTEXT/Dockerfile")
base_ref=$(awk 'toupper($1) == "FROM" { ref = $2 } END { print ref }' "$CONTEXT/Dockerfile")
if [ -z "$golang_ref" ] || [ -z "$base_ref" ]; then
  die "the Dockerfile has no 'FROM golang:... AS golang' stage or no final FROM"
fi
golang_version=${golang_ref#*:}
golang_version=${golang_version%%-*}
case $golang_ref in */*) ;; *) golang_ref=docker.io/library/$golang_ref ;; esac
# A stand-in is rebuilt when its recipe (scripts/image/<name>/) changes: the recipe's hash is a label.
recipe_hash() {
  (cd "$REPO_ROOT/scripts/image/$1" && find . -type f ! -path '*/__pycache__/*' -print0 | sort -z |
    xargs -0 cat -- | sha256sum | cut -c1-16)
}
standin_current() { # IMAGE HASH
  [ "$(podman image inspect --format '{{index .Config.Labels "io.gograd.standin-recipe"}}' "$1" 2>/dev/null)" = "$2" ]
}
# The host's CA bundle, mounted (not copied) into RUN steps that download over TLS: pip in the base
# stand-in, Go modules in the image.
CA_MOUNT=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
# standin_build TAG ARGS...: builds a stand-in, its output in build/image/standin.log.
standin_build() {
  nice podman build --format docker --pull=never "${CA_MOUNT[@]}" -t "$1" "${@:2}" >"$WORK/standin.log" 2>&1 ||
    { tail -n 30 "$WORK/standin.log"; die "could not build the stand-in $1 (log: $WORK/standin.log)"; }
}
DEBIAN=localhost/gograd-standin/debian:bookworm
if ! podman image exists "$DEBIAN"; then
  # The host's Debian sources (they name the mirror, updates and security), else mmdebstrap's default.
  mirror=()
  [ ! -f /etc/apt/sources.list.d/debian.sources ] || mirror=(/etc/apt/sources.list.d/debian.sources)
  say "mmdebstrap: a minimal Debian bookworm root file system"
  nice mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$WORK/debian-bookworm.tar" "${mirror[@]}"
  podman import --quiet "$WORK/debian-bookworm.tar" "$DEBIAN" >/dev/null
  rm -f "$WORK/debian-bookworm.tar"
fi
hash=$(recipe_hash base-notebook)
if ! standin_current "$base_ref" "$hash"; then
  say "building the stand-in $base_ref"
  standin_build "$base_ref" --build-arg "DEBIAN=$DEBIAN" --label "io.gograd.standin-recipe=$hash" \
    "$REPO_ROOT/scripts/image/base-notebook"
fi
hash=$(recipe_hash golang)-$golang_version
if ! standin_current "$golang_ref" "$hash"; then
  say "building the stand-in $golang_ref (Go $golang_version from the Go module proxy's golang.org/toolchain)"
  toolchain=$(cd / && GOFLAGS='' GOTOOLCHAIN=local \
    go mod download -json "golang.org/toolchain@v0.0.1-go$golang_version.linux-$(go env GOARCH)" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$toolchain" ] || die "could not download Go $golang_version (golang.org/toolchain) through the Go module proxy"
  standin_build "$golang_ref" --build-arg "DEBIAN=$DEBIAN" --build-arg "GOLANG_VERSION=$golang_version" \
    -v "$toolchain:/go-dist:ro" --label "io.gograd.standin-recipe=$hash" "$REPO_ROOT/scripts/image/golang"
fi
# The stand-in starts up as docker-stacks' start.sh does: a failing hook, sourced (*.sh, ending
# with a failing command) or run (an executable, here one that stops at an error under set -e), is
# logged, and start-up goes on to the command. (A sourced hook that turns on set -e itself and then
# fails stops start.sh, in docker-stacks too: the project's hook is an executable.)
hooks_dir=$WORK/failing-hooks
mkdir -p "$hooks_dir"
printf 'false\n' >"$hooks_dir/10-sourced-fails.sh"
printf '#!/bin/sh\nset -e\nfalse\necho not reached\n' >"$hooks_dir/20-runs-and-fails"
chmod a+rx "$hooks_dir"/*
failing_hooks_logged() {
  local out
  out=$(podman run --rm --pull=never --network=none -v "$hooks_dir:/usr/local/bin/before-notebook.d:ro" \
    "$base_ref" bash -c 'echo "the command ran"' 2>&1)
  printf '%s\n' "$out" | grep -E 'fails|the command ran'
  printf '%s\n' "$out" | grep -q '10-sourced-fails.sh failed' && printf '%s\n' "$out" | grep -q '20-runs-and-fails failed' &&
    printf '%s\n' "$out" | grep -qx 'the command ran' # (podman passes stdout and stderr on apart)
}
say "stand-ins: $base_ref ($(podman image inspect --format '{{.Size}}' "$base_ref" | numfmt --to=si)B)," \
  "$golang_ref ($(podman image inspect --format '{{.Size}}' "$golang_ref" | numfmt --to=si)B)"
check "stand-in start-up: a failing hook is logged, start-up goes on" failing_hooks_logged

# ------------------------------------------------------------------ the image
part "image build"
build_log=$WORK/build.log
say "podman build $CONTEXT (log: ${build_log#"$REPO_ROOT"/})"
if ! nice podman build --format docker --pull=never "${CA_MOUNT[@]}" -t "$IMAGE" "$CONTEXT" >"$build_log" 2>&1; then
  tail -n 40 "$build_log" | sed 's/^/    | /'
  die "the image does not build (log: $build_log)"
fi
grep -E '^(PASS|FAIL|[0-9]+ passed)' "$build_log" | sed 's/^/    build: /' || true
cleanup() {
  podman rm -f -t 0 gograd-image-test gograd-image-test-port >/dev/null 2>&1 || true
  podman network rm -f gograd-image-test-offline >/dev/null 2>&1 || true
  if [ "${IMAGE_TEST_KEEP:-}" != 1 ]; then
    podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
    podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ static checks
part "static checks"
# Run a command in the image, bypassing the entry point: what the image holds, not what start-up does.
in_image() { podman run --rm --pull=never --network=none --entrypoint "$1" "$IMAGE" "${@:2}"; }
# The Go kernel the notebooks name in their metadata.
lessons=("$CONTEXT"/notebooks/[0-9]*.ipynb)
KERNEL=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["metadata"]["kernelspec"]["name"])' \
  "${lessons[0]}")
pinned_tags() {
  local bad
  bad=$(awk 'toupper($1) == "FROM" { print $2 }' "$CONTEXT/Dockerfile" |
    grep -Ev '@sha256:[0-9a-f]{64}$|:v?[0-9]+\.[0-9]+\.[0-9]+([-_.+][^:/]*)?$|:([^:/]*-)?[0-9]{4}-[0-9]{2}-[0-9]{2}$' || true)
  [ -z "$bad" ] || { echo "base images not pinned to an exact version, a date or a digest: $bad"; return 1; }
}
versions_agree() {
  local key label tool module want have
  # shellcheck source=scripts/versions.env
  . "$CONTEXT/scripts/versions.env"
  for tool in gonb:github.com/janpfeifer/gonb goimports:golang.org/x/tools gopls:golang.org/x/tools/gopls; do
    key=$(echo "${tool%%:*}" | tr '[:lower:]' '[:upper:]')_VERSION module=${tool#*:}
    want=${!key}
    label=$(podman image inspect --format "{{index .Config.Labels \"io.gograd.${tool%%:*}-version\"}}" "$IMAGE")
    have=$(in_image go version -m "/opt/gograd/go/bin/${tool%%:*}" |
      awk -v m="$module" '$1 == "mod" && $2 == m { print $3 }')
    echo "${tool%%:*}: versions.env $want, label $label, built $have"
    [ "$label" = "$want" ] && [ "$have" = "$want" ] || return 1
  done
}
nothing_stray() {
  # shellcheck disable=SC2016 # expanded in the container
  in_image bash -c 'for f in /opt/gograd/repo/.git /opt/gograd/repo/build /opt/gograd/repo/.venv; do
      [ ! -e "$f" ] || { echo "$f is in the image"; exit 1; }
    done
    secrets=$(find / -xdev -name notebook_secret 2>/dev/null)
    [ -z "$secrets" ] || { echo "a Jupyter secret is in the image: $secrets"; exit 1; }'
}
default_user() {
  local uid
  uid=$(in_image id -u)
  echo "the image runs as uid $uid ($(podman image inspect --format '{{.Config.User}}' "$IMAGE"))"
  [ "$uid" = 1000 ]
}
check "FROM tags pinned" pinned_tags
check "tool versions: labels, built tools and scripts/versions.env agree" versions_agree
check "no .git, build/, .venv or Jupyter secret in the image" nothing_stray
check "default user is uid 1000" default_user

# ------------------------------------------------------------------ grading in the container
part "grading in the container"
# The teacher's commands (docs/TEACHING.md), as the image's user, offline (without the start-up
# hooks, which the runs below check, and which have nothing to do with grading).
# Under podman's defaults: refused, with the way out in the message, and nothing graded.
GRADE_04='cp -r /opt/gograd/repo/assignments /tmp/course && cd /tmp/course && python3 gograd_grading.py autograde 04_log'
grading_refused() {
  local out
  if out=$(podman run --rm --pull=never --network=none --entrypoint bash "$IMAGE" -c "bwrap --version; $GRADE_04" 2>&1); then
    printf '%s\n' "$out" | tail -n 5
    echo "graded under podman's defaults, where the sandbox cannot have a /proc"
    return 1
  fi
  printf '%s\n' "$out" | grep -E '^bubblewrap|^gograd_grading:|unmask' | cut -c1-200
  printf '%s\n' "$out" | grep -q -- '--security-opt unmask=/proc/\*'
}
# With /proc unmasked: a right answer, an os.Exit(0) and a leak of the solution, graded in the sandbox.
graded_in_sandbox() {
  podman run --rm --pull=never --network=none --security-opt 'unmask=/proc/*' --entrypoint bash "$IMAGE" \
    /opt/gograd/repo/scripts/nbpython.sh /opt/gograd/repo/scripts/test_grading.py --no-laptop \
    --course /tmp/grading-test --assignment 04_log --students right,exiter,leaker
}
check "grading under podman's defaults refuses, saying what to do" grading_refused
check "grading with --security-opt unmask=/proc/*: right, os.Exit and a leak, in the sandbox" graded_in_sandbox

# ------------------------------------------------------------------ the default command on a port
part "server on a published port"
served_on_port() {
  podman run -d --pull=never --name gograd-image-test-port -p "127.0.0.1:$PORT:8888" -e "JUPYTER_TOKEN=$TOKEN" "$IMAGE" >/dev/null
  python3 "$REPO_ROOT/scripts/image/server_check.py" --url "http://127.0.0.1:$PORT/" --token "$TOKEN" --kernel "$KERNEL"
  local rc=$?
  podman rm -f -t 2 gograd-image-test-port >/dev/null 2>&1
  return $rc
}
check "default command serves Jupyter on 127.0.0.1:$PORT" served_on_port

# ------------------------------------------------------------------ four offline runs
# The containers are offline: on an internal network, which reaches this machine (the browser
# opens JupyterLab there) and nothing beyond it.
NETWORK=gograd-image-test-offline
podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
podman network create --internal "$NETWORK" >/dev/null
# start_container UID VOLUME: the default command, offline, as UID in group users, with a home
# volume: "fresh" (a new named volume), "reused" (the one the previous run used, as another uid
# left it) or "none".
start_container() {
  local mount=()
  podman rm -f -t 0 gograd-image-test >/dev/null 2>&1 || true
  [ "$2" != fresh ] || podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  [ "$2" = none ] || mount=(-v "$VOLUME:/home/jovyan")
  podman run -d --pull=never --name gograd-image-test --network="$NETWORK" --user "$1:100" "${mount[@]}" \
    -v "$REPO_ROOT/scripts/image:$HELPERS:ro" -e "JUPYTER_TOKEN=$TOKEN" "$IMAGE" >/dev/null
}
in_container() { podman exec "$@"; }
offline() {
  # shellcheck disable=SC2016 # expanded in the container
  in_container gograd-image-test python3 -c 'import socket
try:
    socket.create_connection(("proxy.golang.org", 443), timeout=5)
except OSError as e:
    print("proxy.golang.org unreachable from the container:", e)
else:
    raise SystemExit("the container reaches proxy.golang.org")'
}
healthy() {
  local i status
  for i in $(seq 60); do
    if podman healthcheck run gograd-image-test >/dev/null 2>&1; then
      status=$(podman inspect --format '{{.State.Health.Status}}' gograd-image-test)
      echo "health: $status after $i tries"
      [ "$status" = healthy ]
      return
    fi
    sleep 1
  done
  podman logs gograd-image-test 2>&1 | tail -n 20
  return 1
}
hooks_ok() {
  local log
  log=$(podman logs gograd-image-test 2>&1)
  printf '%s\n' "$log" | grep '^lessons_home: ' | sort | uniq -c | sed 's/^ *//' | head -n 5
  ! printf '%s\n' "$log" | grep -E 'failed \(exit status|Traceback|PermissionError' || return 1
  printf '%s\n' "$log" | grep -q '^lessons_home: .*\(Signing notebook\|Notebook already signed\)'
}
server_ok() { in_container gograd-image-test python3 "$HELPERS/server_check.py" --kernel "$KERNEL" --notebooks notebooks; }
# A student with another uid of group users saves in ~/notebooks: rewrites a lesson in place, saves
# one the way Jupyter does (a new file next to it, renamed over it) and makes a new notebook; with
# the umask its server would have (NB_UMASK), so that the next uid on the volume can save too.
other_uid_saves() {
  # shellcheck disable=SC2016 # expanded in the container
  in_container --user "$ANOTHER_UID:100" gograd-image-test bash -c 'set -e
    umask "$NB_UMASK"
    cd ~/notebooks
    lessons=([0-9]*.ipynb)
    cat "${lessons[0]}" >"${lessons[0]}.new"
    cat "${lessons[0]}.new" >"${lessons[0]}"
    mv "${lessons[0]}.new" "${lessons[0]}"
    cp "${lessons[0]}" "uid$(id -u)-copy.ipynb"
    rm "uid$(id -u)-copy.ipynb"
    echo "uid $(id -u) rewrote, saved and created notebooks in ~/notebooks (folder owned by uid $(stat -c %u .))"'
}
first_drawing() {
  in_container gograd-image-test bash /opt/gograd/repo/scripts/nbpython.sh "$HELPERS/first_drawing.py" \
    /opt/gograd/repo "/home/jovyan/notebooks/$GRAPH_LESSON"
}
# run_notebooks all|lesson
run_notebooks() {
  local which='/home/jovyan/notebooks/[0-9]*.ipynb'
  [ "$1" = all ] || which=/home/jovyan/notebooks/$GRAPH_LESSON
  in_container gograd-image-test bash -c \
    "bash /opt/gograd/repo/scripts/nbpython.sh /opt/gograd/repo/scripts/run_notebooks.py --out /tmp/notebook-run $which"
}
# The lesson in JupyterLab in Chromium, from Binder's URL (/lab/tree/notebooks/LESSON), against the
# container's server, with the browser test (scripts/browser_test.sh, which installs Chromium and
# playwright-core when missing): pictures as saved, trusted and untrusted, views answering,
# Restart and Run All without error, the server's HTML export. in_browser UID: its screenshots and
# reports in build/image/lab-uidUID/.
in_browser() {
  local ip
  ip=$(podman inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' gograd-image-test)
  OUT_DIR=$WORK/lab-uid$1 JUPYTER_URL="http://$ip:8888/" JUPYTER_TOKEN=$TOKEN UI=lab \
    bash "$REPO_ROOT/scripts/browser_test.sh" "notebooks/$GRAPH_LESSON"
}
# offline_run UID VOLUME all|lesson [browser]
offline_run() {
  local what
  case $2 in
    fresh) what="uid $1, a fresh volume on home" ;;
    reused) what="uid $1, the volume uid $PREVIOUS_UID used" ;;
    none) what="uid $1, no volume" ;;
  esac
  part "offline: $what"
  check "$what: container starts" start_container "$1" "$2"
  check "$what: HEALTHCHECK healthy" healthy
  check "$what: no network beyond this machine" offline
  check "$what: start-up hook trusted the lessons, no error in the log" hooks_ok
  check "$what: /api, the $KERNEL kernel, notebooks trusted, save, new notebook" server_ok
  check "$what: uid $ANOTHER_UID of group users saves in ~/notebooks" other_uid_saves
  check "$what: first drawing cell of a cold container" first_drawing
  [ "${4:-}" != browser ] || check "$what: $GRAPH_LESSON in JupyterLab in Chromium" in_browser "$1"
  check "$what: notebooks ($([ "$3" = all ] && echo all || echo "$GRAPH_LESSON")) pass offline" run_notebooks "$3"
  podman rm -f -t 2 gograd-image-test >/dev/null 2>&1
  PREVIOUS_UID=$1
}
# The first lesson that draws graphs: the shorter runs use it, and the first drawing cell is timed in it.
GRAPH_LESSON=$(podman run --rm --pull=never --network=none --entrypoint bash -v "$REPO_ROOT/scripts/image:$HELPERS:ro" \
  "$IMAGE" /opt/gograd/repo/scripts/nbpython.sh "$HELPERS/first_drawing.py" /opt/gograd/repo \
  --find /opt/gograd/repo/notebooks 2>/dev/null)
GRAPH_LESSON=$(basename "$GRAPH_LESSON")
ANOTHER_UID=23456
offline_run 1000 none lesson browser
offline_run 1000 fresh lesson
offline_run "$OTHER_UID" reused all browser
offline_run "$OTHER_UID" none lesson

# Started as root, as docker-stacks allows (e.g. GRANT_SUDO=yes): start.sh runs the hooks as root
# and the server as jovyan; the lessons must be jovyan's, and trusted for jovyan.
part "offline: started as root"
root_start() {
  podman rm -f -t 0 gograd-image-test >/dev/null 2>&1 || true
  podman run -d --pull=never --name gograd-image-test --network="$NETWORK" --user root -e GRANT_SUDO=yes \
    -v "$REPO_ROOT/scripts/image:$HELPERS:ro" -e "JUPYTER_TOKEN=$TOKEN" "$IMAGE" >/dev/null
}
jovyans_lessons() {
  # shellcheck disable=SC2016 # expanded in the container
  in_container gograd-image-test bash -c 'set -e
    owners=$(stat -c %u /home/jovyan/notebooks /home/jovyan/notebooks/*.ipynb /tmp/jupyter-runtime/jpserver-*.json | sort -u)
    echo "uids owning ~/notebooks, its lessons and the server'"'"'s runtime file: $owners"
    [ "$owners" = 1000 ]'
}
check "started as root: container starts" root_start
check "started as root: HEALTHCHECK healthy" healthy
check "started as root: start-up hook trusted the lessons, no error in the log" hooks_ok
check "started as root: the lessons and the server are jovyan's" jovyans_lessons
check "started as root: /api, the $KERNEL kernel, notebooks trusted, save, new notebook" server_ok
podman rm -f -t 2 gograd-image-test >/dev/null 2>&1

# ------------------------------------------------------------------ size
part ""
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$base_ref")
say "image size: $(numfmt --to=si "$size")B ($(numfmt --to=si $((size - base_size)))B on top of" \
  "the base stand-in's $(numfmt --to=si "$base_size")B)"
# What the image's own layers add (newest first; podman history lists the base's after them).
own=$(($(podman history -q "$IMAGE" | wc -l) - $(podman history -q "$base_ref" | wc -l)))
podman history --no-trunc --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" |
  awk -v own="$own" 'NR <= own && !/^0 B/ { print "image-test:   layer " substr($0, 1, 110) }'
say "took $((SECONDS - TEST_START)) s"
say "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
