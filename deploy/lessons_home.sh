#!/usr/bin/env bash
# Gives the user who runs it the lessons, for a home folder that may start empty (a volume, a
# hub's storage): copies this repository's notebooks/ into ~/notebooks if that folder does not exist
# yet, and trusts the shipped notebooks for this user (`jupyter trust`), so that they open
# with their pictures. An existing ~/notebooks is left alone: a student's work is never overwritten.
# The copy is group-writable, so that another uid of the same group (a hub, an OpenShift-style
# platform) can save there too.
# Run at every start of a notebook server: by the image's start-up hook
# (/usr/local/bin/before-notebook.d/10-gograd-lessons) and by the hub's single-user command
# (deploy/jupyterhub/singleuser.sh).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
umask 002
if [ ! -e "$HOME/notebooks" ]; then
  cp -R "$REPO_ROOT/notebooks" "$HOME/notebooks.tmp.$$"
  chmod -R g+w "$HOME/notebooks.tmp.$$"
  mv "$HOME/notebooks.tmp.$$" "$HOME/notebooks"
  echo "lessons_home: copied the lessons into $HOME/notebooks"
fi
jupyter trust "$REPO_ROOT"/notebooks/*.ipynb 2>&1 | sed 's/^/lessons_home: /'
