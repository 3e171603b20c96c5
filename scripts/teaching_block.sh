#!/usr/bin/env bash
# Prints the shell block of docs/TEACHING.md that follows the line `<!-- grading-test: NAME -->`,
# without the fence and without the marker's indentation (a block in a numbered list is indented),
# so that tests run TEACHING.md's commands as written: scripts/laptop_grading_test.sh and
# scripts/hub_test.sh. Fails when there is no such block.
#   scripts/teaching_block.sh NAME
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
[ $# -eq 1 ] || { echo "usage: $0 NAME" >&2; exit 2; }
block=$(awk -v m="<!-- grading-test: $1 -->" '
  !on { t = $0; sub(/^ +/, "", t); if (t == m) { on = 1; indent = length($0) - length(t) }; next }
  { line = $0; if (substr(line, 1, indent) ~ /^ *$/) line = substr(line, indent + 1) }
  line ~ /^```/ { if (in_block) exit; in_block = 1; next }
  in_block { print line }' "$REPO_ROOT/docs/TEACHING.md")
[ -n "$block" ] || { echo "teaching_block.sh: no block marked 'grading-test: $1' in docs/TEACHING.md" >&2; exit 1; }
printf '%s\n' "$block"
