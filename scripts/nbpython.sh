#!/usr/bin/env bash
# Runs the Python of the project's Jupyter (it has nbclient and nbformat, which the notebook runner
# needs): the virtual environment's that scripts/install.sh made (GOGRAD_VENV, default .venv), or
# with GOGRAD_JUPYTER=system the Python behind the `jupyter` on PATH.
#   scripts/nbpython.sh --which      prints its path
#   scripts/nbpython.sh --bin        prints the folder of its `jupyter` commands (for PATH)
#   scripts/nbpython.sh ARGS...      runs it with ARGS
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
py=
if [ "${GOGRAD_JUPYTER:-venv}" = system ]; then
  if jupyter=$(command -v jupyter 2>/dev/null); then
    shebang=$(head -n1 "$jupyter")
    case $shebang in '#!'*python*) py=${shebang#\#!} ;; esac
  fi
else
  py=${GOGRAD_VENV:-$REPO_ROOT/.venv}/bin/python
fi
# shellcheck disable=SC2086 # a shebang such as "/usr/bin/env python3" is a command with arguments
if [ -z "$py" ] || ! $py -c 'import nbclient, nbformat' >/dev/null 2>&1; then
  echo "nbpython.sh: no Jupyter Python with nbclient and nbformat (${py:-none found}); run scripts/install.sh" >&2
  exit 1
fi
case ${1:-} in
  --which) echo "$py"; exit 0 ;;
  --bin)
    if [ "${GOGRAD_JUPYTER:-venv}" = system ]; then dirname "$(command -v jupyter)"; else dirname "$py"; fi
    exit 0
    ;;
esac
# shellcheck disable=SC2086
exec $py "$@"
