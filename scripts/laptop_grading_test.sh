#!/usr/bin/env bash
# docs/TEACHING.md's course on a laptop, run as written by a teacher without root (as root: it makes
# the teacher, a new Unix user with an empty home; scripts/test_grading.py runs it when root).
# The teacher gets a copy of this checkout in ~/gograd (their clone) and runs the shell blocks of
# TEACHING.md marked `grading-test: laptop-setup` (install, course folder, exchange folder, release)
# and, after a student (the same user, in ~/student) fetched 04_log, answered it right and
# submitted it, the block marked `grading-test: laptop-grade` (collect, sandboxed autograde,
# feedback). Then it checks the gradebook (2 of 2 points) and the feedback page. Logs go to
# build/laptop/. The teacher is removed at the end (LAPTOP_TEST_KEEP=1 keeps them).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$REPO_ROOT/build/laptop
TEACHER=${LAPTOP_TEST_USER:-gograd-laptop}
say() { printf 'laptop-test: %s\n' "$*"; }
die() { say "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (it creates the teacher's user)"
command -v bwrap >/dev/null || bash "$REPO_ROOT/scripts/apt_install.sh" bubblewrap
rm -rf "$WORK" && mkdir -p "$WORK"

setup=$(bash "$REPO_ROOT/scripts/teaching_block.sh" laptop-setup) || die "no laptop-setup block"
grade=$(bash "$REPO_ROOT/scripts/teaching_block.sh" laptop-grade) || die "no laptop-grade block"

cleanup() {
  if [ "${LAPTOP_TEST_KEEP:-}" != 1 ] && id "$TEACHER" >/dev/null 2>&1; then
    for pid in $(pgrep -u "$TEACHER"); do kill "$pid" 2>/dev/null || true; done
    userdel -r "$TEACHER" 2>/dev/null || true
  fi
}
trap cleanup EXIT
if id "$TEACHER" >/dev/null 2>&1; then userdel -r "$TEACHER" 2>/dev/null || true; fi
useradd --create-home --shell /bin/bash "$TEACHER"
home=$(getent passwd "$TEACHER" | cut -d: -f6)
as_teacher() { # runs bash code as the teacher, in a login-like environment without root's
  runuser -u "$TEACHER" -- env -i HOME="$home" USER="$TEACHER" LOGNAME="$TEACHER" LANG=C.UTF-8 \
    PATH="$(dirname "$(command -v go)"):/usr/local/bin:/usr/bin:/bin" bash -euo pipefail -c "$1"
}
mkdir "$home/gograd"
tar -C "$REPO_ROOT" --exclude=./.git --exclude=./build --exclude=./.venv --exclude=node_modules -cf - . |
  tar -C "$home/gograd" -xf -
chown -R "$TEACHER:" "$home/gograd"
say "teacher $TEACHER (uid $(id -u "$TEACHER")), a clone in $home/gograd; TEACHING.md's laptop-setup:"
printf '%s\n' "$setup" | sed 's/^/    | /'
t=$SECONDS
as_teacher "cd ~/gograd && $setup" >"$WORK/setup.log" 2>&1 || { tail -n 30 "$WORK/setup.log"; die "laptop-setup failed (log: $WORK/setup.log)"; }
say "laptop-setup took $((SECONDS - t)) s"

# A student (the same user, as on one laptop) fetches the assignment, answers it right (the right
# student's answer of the grading test), submits it.
# shellcheck disable=SC2016 # expanded by the teacher's shell
as_teacher '
export PATH="$HOME/gograd/.venv/bin:$PATH"
mkdir -p ~/student && cd ~/student
nbgrader fetch_assignment 04_log --course gograd --Exchange.root="$HOME/gograd-exchange"
python3 ~/gograd/scripts/test_grading.py --answer right 04_log/04_log.ipynb
nbgrader submit 04_log --course gograd --Exchange.root="$HOME/gograd-exchange"
' >"$WORK/student.log" 2>&1 || { tail -n 20 "$WORK/student.log"; die "the student could not fetch and submit (log: $WORK/student.log)"; }
say "the student fetched 04_log, answered it and submitted it; TEACHING.md's laptop-grade:"
printf '%s\n' "$grade" | sed 's/^/    | /'
t=$SECONDS
as_teacher "cd ~/gograd && $grade" >"$WORK/grade.log" 2>&1 || { tail -n 30 "$WORK/grade.log"; die "laptop-grade failed (log: $WORK/grade.log)"; }
say "laptop-grade took $((SECONDS - t)) s"

# shellcheck disable=SC2016 # expanded by the teacher's shell
score=$(as_teacher 'cd ~/gograd-course && ~/gograd/.venv/bin/python -c "
from nbgrader.api import Gradebook
with Gradebook(\"sqlite:///gradebook.db\") as gb:
    print(gb.find_submission(\"04_log\", \"$USER\").score, gb.find_assignment(\"04_log\").max_score)"')
page=$home/gograd-course/feedback/$TEACHER/04_log/04_log.html
[ "$score" = "2.0 2.0" ] || die "the student scored $score, want 2.0 2.0 (log: $WORK/grade.log)"
grep -q 'right!' "$page" || die "the feedback $page does not say right!"
say "PASS: the teacher ($TEACHER, not root) released, collected and graded 04_log in the sandbox: $score points, feedback in $page"
