#!/usr/bin/env bash
# Runs a Python that can import nbclient and nbformat (which the notebook runner needs):
# the one that runs `jupyter`, else Debian's /usr/bin/python3, else python3 from PATH.
#   scripts/nbpython.sh --which      prints its path
#   scripts/nbpython.sh ARGS...      runs it with ARGS
set -euo pipefail
candidates=()
if jupyter=$(command -v jupyter 2>/dev/null); then
  shebang=$(head -n1 "$jupyter")
  case $shebang in '#!'*python*) candidates+=("${shebang#\#!}") ;; esac
fi
candidates+=(/usr/bin/python3 python3)
for py in "${candidates[@]}"; do
  # shellcheck disable=SC2086 # a shebang such as "/usr/bin/env python3" is a command with arguments
  if $py -c 'import nbclient, nbformat' >/dev/null 2>&1; then
    if [ "${1:-}" = --which ]; then
      echo "$py"
      exit 0
    fi
    exec $py "$@"
  fi
done
echo "nbpython.sh: no Python with nbclient and nbformat found; run scripts/install.sh" >&2
exit 1
