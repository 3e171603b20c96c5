#!/usr/bin/env bash
# The hub's command for a student's notebook server (c.Spawner.cmd in jupyterhub_config.py). It runs
# as the student: gives them the lessons (deploy/lessons_home.sh: ~/notebooks copied when missing,
# the shipped notebooks trusted), then becomes jupyterhub-singleuser, with the hub's arguments, from
# the hub's virtual environment (jupyterhub_config.py puts it first on PATH).
# A problem with the lessons is reported in the server's log and does not keep the server from starting.
set -uo pipefail
bash "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lessons_home.sh" ||
  echo "singleuser.sh: could not set up the lessons in $HOME (see above); starting the server anyway" >&2
exec jupyterhub-singleuser "$@"
