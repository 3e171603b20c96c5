#!/usr/bin/env bash
# The hub test (`make hub-test`): a class on one server, for real. As root on Debian it does what
# docs/DOCKER.md tells a teacher: a copy of this checkout where every user can read it (PREFIX/repo),
# then deploy/jupyterhub/setup.sh with GOGRAD_PREFIX=PREFIX (JupyterHub 5.5 and JupyterLab 4 from
# PyPI in PREFIX/venv, configurable-http-proxy from npm). PREFIX is outside the checkout, whose
# `go vet ./...` would trip over the module cache in it. Then it creates local Unix users with
# passwords, starts the hub on 127.0.0.1 with deploy/jupyterhub/jupyterhub_config.py (through
# scripts/hub/test_config.py: fixed ports and an API token) and has every student run a lesson at
# the same time:
#   - the first in headless Chromium, as a student does: logs in on the hub's login form (PAM, the
#     password the test gave them), the hub spawns their server, the lesson opens in JupyterLab at
#     /user/NAME/lab/tree/notebooks/..., shows its pictures and working views as saved, runs, and
#     shows them again (the browser test, scripts/browser_test.sh, against the student's server
#     with REMOTE=1; screenshots in build/hub/browser/);
#   - the others through the Hub's API: the hub starts the student's server, the lesson's cells run
#     over the server's kernel websocket (scripts/hub/run_lesson.py): no error, drawing cells show
#     SVG, the notebook opens trusted.
# Then it checks that each student used a private TMPDIR and a build cache of their own, and runs a
# course: docs/TEACHING.md's hub path, its shell blocks marked `grading-test: hub-...` as written
# (with PREFIX for /opt/gograd; scripts/teaching_block.sh extracts them): steps 1 and 3 (the exchange,
# /etc/jupyter/nbgrader_config.py, nbgrader's interface) as root, the rest in terminals of
# JupyterLab opened through the hub (scripts/hub/terminal.py): a teacher, a new Unix user, makes the
# course folder, restarts their server after step 3 and releases 04_log; three students fetch it, answer it as students of the grading
# test do (scripts/test_grading.py --answer: right, `=` for `+=`, os.Exit(0)) and submit it; the
# teacher collects, grades it in the sandbox (gograd_grading.py) and returns the feedback; the
# students fetch it. It checks the scores that the teacher's formgrader reports and what each
# student's feedback says. Stops the hub, removes the users and undoes steps 1 and 3 at the end
# (the test refuses to run where /srv/nbgrader or /etc/jupyter/nbgrader_config.py exist already).
# Logs go to build/hub/. The last line is "hub-test: N passed, M failed".
#
# Environment: HUB_TEST_USERS     how many students (default 3; the first uses Chromium)
#              HUB_TEST_LESSON    the notebook they run
#                                 (default notebooks/01_value_and_backprop_by_hand.ipynb)
#              HUB_TEST_PORT      first of the ports used on 127.0.0.1 (default 18920; hub, proxy
#                                 API, hub API, then one per student)
#              HUB_TEST_PREFIX    where to install (default /var/tmp/gograd-hub-test; kept, so that a
#                                 second run is faster; the students' folders in it are removed)
#              HUB_TEST_KEEP=1    keep the users, their homes and folders
#              CHROMIUM           the browser (default: chromium on PATH; browser_test.sh installs it)
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$REPO_ROOT/build/hub
PREFIX=${HUB_TEST_PREFIX:-/var/tmp/gograd-hub-test}
COUNT=${HUB_TEST_USERS:-3}
LESSON=${HUB_TEST_LESSON:-notebooks/01_value_and_backprop_by_hand.ipynb}
FIRST_PORT=${HUB_TEST_PORT:-18920}

say() { printf 'hub-test: %s\n' "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (it creates users and starts a hub that spawns their servers)"
START=$SECONDS
PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); say "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); say "FAIL $*"; }

# ------------------------------------------------------------------ setup, as a teacher does it
rm -rf "$WORK"
mkdir -p "$WORK" "$PREFIX"
runuser -u nobody -- test -x "$PREFIX" || die "students could not reach $PREFIX: set HUB_TEST_PREFIX"
say "installing into $PREFIX"
rm -rf "$PREFIX/repo"
mkdir -p "$PREFIX/repo"
tar -C "$REPO_ROOT" --exclude=./.git --exclude=./build --exclude=node_modules -cf - . | tar -C "$PREFIX/repo" -xf -
chmod a+rx "$PREFIX" && chmod -R a+rX "$PREFIX/repo"
t=$SECONDS
GOGRAD_PREFIX=$PREFIX bash "$PREFIX/repo/deploy/jupyterhub/setup.sh" >"$WORK/setup.log" 2>&1 ||
  { tail -n 30 "$WORK/setup.log"; die "deploy/jupyterhub/setup.sh failed (log: $WORK/setup.log)"; }
grep -E '^ *(PASS|FAIL|[0-9]+ passed)' "$WORK/setup.log" | sed 's/^ */    setup: /' || true
say "setup took $((SECONDS - t)) s"
PYTHON=$PREFIX/venv/bin/python # the hub's, with tornado and nbformat

# ------------------------------------------------------------------ students and their teacher
users=()
for i in $(seq "$COUNT"); do users+=("gograd-hubtest$i"); done
teacher=gograd-hubteacher
everyone=("${users[@]}" "$teacher")
hub_pid='' course_made=''
VENV_CONFIG=$PREFIX/venv/etc/jupyter # what step 3 (nbgrader's interface) changes
cleanup() {
  if [ -n "$hub_pid" ]; then
    kill "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  if [ -n "$course_made" ]; then # undo TEACHING.md's steps 1 and 3
    rm -rf /srv/nbgrader /etc/jupyter/nbgrader_config.py
    rmdir /etc/jupyter 2>/dev/null || true
    rm -rf "$VENV_CONFIG" && tar -C "$PREFIX/venv" -xf "$WORK/venv-etc-jupyter.tar"
  fi
  if [ "${HUB_TEST_KEEP:-}" != 1 ]; then
    for u in "${everyone[@]}"; do
      # what the students' sessions left running (e.g. an idle renderer server), by id
      for pid in $(pgrep -u "$u"); do kill "$pid" 2>/dev/null || true; done
      if id "$u" >/dev/null 2>&1; then userdel -r "$u" 2>/dev/null || true; fi
    done
    rm -rf "$PREFIX/users" "$PREFIX/hub"
  fi
}
trap cleanup EXIT
# A password for the student who logs in through the form; it lives as long as the user does.
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
for u in "${everyone[@]}"; do
  if id "$u" >/dev/null 2>&1; then userdel -r "$u" 2>/dev/null || true; fi
  useradd --create-home --shell /bin/bash "$u"
done
printf '%s:%s\n' "${users[0]}" "$password" | chpasswd
rm -rf "$PREFIX/users" "$PREFIX/hub" # every run is each student's first session
say "students: ${users[*]} (new, empty homes; ${users[0]} has a password and uses Chromium); teacher: $teacher"

# ------------------------------------------------------------------ the hub
ports=()
for i in $(seq 0 $((COUNT + 3))); do ports+=($((FIRST_PORT + i))); done
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
hub_url=http://127.0.0.1:${ports[0]}
(
  cd "$WORK"
  export GOGRAD_PREFIX=$PREFIX GOGRAD_HUB_GROUP='' GOGRAD_HUB_TEST_TOKEN=$token
  GOGRAD_HUB_TEST_PORTS=$(IFS=,; echo "${ports[*]}") GOGRAD_HUB_TEST_USERS=$(IFS=,; echo "${everyone[*]}")
  export GOGRAD_HUB_TEST_PORTS GOGRAD_HUB_TEST_USERS
  exec "$PREFIX/venv/bin/jupyterhub" -f "$PREFIX/repo/scripts/hub/test_config.py"
) >"$WORK/hub.log" 2>&1 &
hub_pid=$!
t=$SECONDS
until curl -fsS "$hub_url/hub/api" >/dev/null 2>&1; do
  kill -0 "$hub_pid" 2>/dev/null || { tail -n 30 "$WORK/hub.log"; die "the hub exited (log: $WORK/hub.log)"; }
  [ $((SECONDS - t)) -lt 60 ] || { tail -n 30 "$WORK/hub.log"; die "the hub did not answer within 60 s"; }
  sleep 0.5
done
version=$(curl -fsS "$hub_url/hub/api" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["version"])')
say "JupyterHub $version answers on $hub_url after $((SECONDS - t)) s"

# ------------------------------------------------------------------ every student runs the lesson, at once
# The first in Chromium, through the login form and JupyterLab; the others through the API.
browser_student() {
  OUT_DIR=$WORK/browser JUPYTER_URL=$hub_url/user/$1/ HUB_LOGIN=$1:$password UI=lab REMOTE=1 \
    bash "$REPO_ROOT/scripts/browser_test.sh" "$LESSON"
}
api_student() {
  "$PYTHON" "$REPO_ROOT/scripts/hub/run_lesson.py" --hub "$hub_url" --token "$token" --user "$1" \
    --notebook "$LESSON" --stop
}
t=$SECONDS
pids=()
for i in "${!users[@]}"; do
  if [ "$i" -eq 0 ]; then how=browser_student; else how=api_student; fi
  "$how" "${users[$i]}" >"$WORK/${users[$i]}.log" 2>&1 &
  pids+=($!)
done
for i in "${!users[@]}"; do
  u=${users[$i]}
  if wait "${pids[$i]}"; then
    if [ "$i" -eq 0 ]; then
      pass "$u logged in, opened $LESSON in JupyterLab in Chromium and ran it: $(grep -E '^(ok|FAIL) ' "$WORK/$u.log" | tr -s ' ' | paste -sd ';')"
    else
      pass "$u ran $LESSON through the hub's API: $(grep -E 'code cells in' "$WORK/$u.log" | sed "s/^$u: //")"
    fi
  else
    fail "$u, $LESSON (log: $WORK/$u.log):"
    tail -n 15 "$WORK/$u.log" | sed 's/^/    | /'
  fi
done
say "the lessons took $((SECONDS - t)) s for $COUNT students at once"

# ------------------------------------------------------------------ what each student's kernel used
for u in "${users[@]}"; do
  dir=$PREFIX/users/$u
  own_tmp=$(find "$dir/tmp" -maxdepth 0 -user "$u" -perm 700 2>/dev/null)
  own_entries=$(find "$dir/go-build" -type f -user "$u" 2>/dev/null | wc -l)
  shared=$(find "$dir/go-build" -type f -user root 2>/dev/null | wc -l)
  if [ -n "$own_tmp" ] && [ "$own_entries" -gt 0 ]; then
    pass "$u: private TMPDIR; build cache of $shared entries linked from the warm one, $own_entries built by $u"
  else
    fail "$u: TMPDIR $dir/tmp private: ${own_tmp:-no}; entries $u built in $dir/go-build: $own_entries"
  fi
done
# ------------------------------------------------------------------ a course: TEACHING.md's hub path
t=$SECONDS
block() { bash "$REPO_ROOT/scripts/teaching_block.sh" "$1" | sed "s#/opt/gograd#$PREFIX#g"; }
in_terminal() { # [--restart] --user NAME CODE: CODE typed into a new terminal of NAME's JupyterLab
  "$PYTHON" "$REPO_ROOT/scripts/hub/terminal.py" --hub "$hub_url" --token "$token" "$@"
}
took() { times+=("$1 $((SECONDS - phase)) s"); phase=$SECONDS; } # the course's phases
course() { # runs the course; prints what failed, if anything
  local u i kinds=(right assign exiter) students=() pids=() phase=$SECONDS times=()
  for i in "${!kinds[@]}"; do [ "$i" -ge "$COUNT" ] || students+=("${users[$i]}"); done
  if [ -e /srv/nbgrader ] || [ -e /etc/jupyter/nbgrader_config.py ]; then
    echo "/srv/nbgrader or /etc/jupyter/nbgrader_config.py exists (a course on this machine?): left alone, course not run"
    return
  fi
  tar -C "$PREFIX/venv" -cf "$WORK/venv-etc-jupyter.tar" etc/jupyter
  course_made=1
  bash -euo pipefail -c "$(block hub-exchange)" >"$WORK/course-root.log" 2>&1 ||
    { echo "step 1 as root (log: $WORK/course-root.log)"; return; }
  took "step 1"
  in_terminal --user "$teacher" "$(block hub-course)" >"$WORK/course-$teacher.log" 2>&1 ||
    { echo "the teacher's hub-course (log: $WORK/course-$teacher.log)"; return; }
  took "step 2 (a server started)"
  bash -euo pipefail -c "$(block hub-interface)" >>"$WORK/course-root.log" 2>&1 ||
    { echo "step 3 as root (log: $WORK/course-root.log)"; return; }
  took "step 3"
  # TEACHING.md: restart the server, for nbgrader's interface and for the formgrader's gradebook.
  in_terminal --restart --user "$teacher" "$(block hub-release)" >>"$WORK/course-$teacher.log" 2>&1 ||
    { echo "the teacher's hub-release (log: $WORK/course-$teacher.log)"; return; }
  took "release (the server restarted)"
  for i in "${!students[@]}"; do
    in_terminal --user "${students[$i]}" "$(block hub-fetch)
python3 $PREFIX/repo/scripts/test_grading.py --answer ${kinds[$i]} 04_log/04_log.ipynb >~/.gograd-hub-test-expected
$(block hub-submit)" >"$WORK/course-${students[$i]}.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!students[@]}"; do
    wait "${pids[$i]}" || echo "${students[$i]}'s hub-fetch, answer, hub-submit (log: $WORK/course-${students[$i]}.log)"
  done
  took "fetch, answer, submit (servers started)"
  in_terminal --user "$teacher" "$(block hub-grade)" >>"$WORK/course-$teacher.log" 2>&1 ||
    { echo "the teacher's hub-grade (log: $WORK/course-$teacher.log)"; return; }
  took "collect, autograde, feedback"
  pids=()
  for u in "${students[@]}"; do
    in_terminal --user "$u" "$(block hub-feedback)" >>"$WORK/course-$u.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!students[@]}"; do
    wait "${pids[$i]}" || echo "${students[$i]}'s hub-feedback (log: $WORK/course-${students[$i]}.log)"
  done
  took "fetch_feedback"
  # What the teacher's formgrader says, and what each student's feedback says.
  curl -fsS -H "Authorization: token $token" "$hub_url/user/$teacher/formgrader/api/submissions/04_log" \
    >"$WORK/course-formgrader.json" 2>&1 || { echo "the formgrader's submissions of 04_log: $(cat "$WORK/course-formgrader.json")"; return; }
  for u in "${students[@]}"; do
    "$PYTHON" - "$u" "$(getent passwd "$u" | cut -d: -f6)" "$WORK/course-formgrader.json" <<'PY'
import glob, html, json, re, sys
user, home, formgrader = sys.argv[1:]
want = [l.rstrip("\n").split("\t") for l in open(home + "/.gograd-hub-test-expected")]
points = sum(float(p) for _, p, _ in want)
got = {s["student"]: s for s in json.load(open(formgrader))}.get(user)
if got is None or got["score"] != points or got["max_score"] != 2:
    print("%s: the formgrader says %s, want %g of 2 points" % (user, got and (got["score"], got["max_score"]), points))
pages = glob.glob(home + "/04_log/feedback/*/04_log.html")
page = " ".join(html.unescape(re.sub(r"<[^>]+>", "", open(pages[0]).read())).split()) if pages else ""
for test, p, text in want:
    for needed in ["04_log (Score: %.1f / 2.0)" % points, " ".join(text.split())]:
        if needed not in page:
            print("%s: the feedback %s does not say %r" % (user, pages or "(none fetched)", needed))
    if float(p) == 0 and ": right! " in page:
        print("%s: the feedback says right! beside a zero" % user)
if pages:
    print("OK %s %g/2: %s" % (user, points, text.strip(": ")))
PY
  done
  echo "OK times: $(IFS=,; echo "${times[*]}")"
}
course >"$WORK/course.txt" # not in a subshell: cleanup must see course_made
problems=$(cat "$WORK/course.txt")
if grep -qv '^OK ' <<<"$problems"; then
  fail "TEACHING.md's hub path:"
  printf '%s\n' "$problems" | sed 's/^/    | /'
else
  pass "TEACHING.md's hub path, teacher $teacher and students in terminals of JupyterLab, in $((SECONDS - t)) s: $(printf '%s\n' "${problems//OK /}" | paste -sd ';')"
fi

# The log's error entries: an [E ...] line or a traceback, with the indented lines that follow it. A
# browser that left a page while one of its requests was still being answered (tornado's
# StreamClosedError) and the spawner's own timeouts are not errors of the hub.
errors=$(awk '/^\[/ { if (e && rec !~ /StreamClosedError|TimeoutError: Timeout/) printf "%s", rec; rec = ""; e = 0 }
  { rec = rec $0 "\n" }
  /Traceback|^\[E / { e = 1 }
  END { if (e && rec !~ /StreamClosedError|TimeoutError: Timeout/) printf "%s", rec }' "$WORK/hub.log")
if [ -n "$errors" ]; then
  fail "errors in the hub's log ($WORK/hub.log):"
  printf '%s\n' "$errors" | head -n 20 | sed 's/^/    | /'
else
  pass "no errors in the hub's log"
fi
say "took $((SECONDS - START)) s"
say "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
