#!/usr/bin/env bash
# Gives the user who runs it the lessons, for a home folder that may start empty (a volume, a
# hub's storage): copies this repository's notebooks/ into ~/notebooks if that folder does not exist
# yet (and docs/ into ~/docs, where the welcome page's and the lessons' links ../docs/ lead), and trusts the shipped notebooks for this user with `jupyter trust`, so that they open
# with their pictures (trust follows a notebook's content: the copies in ~/notebooks are trusted as
# long as they are unchanged, and the server signs what the student saves). An existing ~/notebooks
# is left alone: a student's work is never overwritten, nor is anything else there trusted.
# The copy is group-writable, so that another uid of the same group (a hub, an OpenShift-style
# platform) can save there too. In the image, a uid whose Jupyter data folder holds another uid's
# trust key gets a trust database of its own (deploy/jupyter/jupyter_config.py).
# Run at every start of a notebook server: by the image's start-up hook
# (/usr/local/bin/before-notebook.d/10-gograd-lessons) and by the hub's single-user command
# (deploy/jupyterhub/singleuser.sh). A failure exits non-zero with the reason: both log it and
# start the server anyway. Started as root (the image started as root, which runs its hooks as
# root before it becomes NB_USER), it runs itself as NB_USER, who will use the lessons.
set -euo pipefail
SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO_ROOT=$(cd "$(dirname "$SELF")/.." && pwd -P)
if [ "$(id -u)" = 0 ] && [ -n "${NB_USER:-}" ] && [ "$NB_USER" != root ]; then
  exec sudo --preserve-env --set-home --user "$NB_USER" PATH="$PATH" bash "$SELF"
fi
umask 002
if [ ! -e "$HOME/notebooks" ]; then
  cp -R "$REPO_ROOT/notebooks" "$HOME/notebooks.tmp.$$"
  chmod -R g+w "$HOME/notebooks.tmp.$$"
  mv "$HOME/notebooks.tmp.$$" "$HOME/notebooks"
  echo "lessons_home: copied the lessons into $HOME/notebooks"
fi
if [ ! -e "$HOME/docs" ]; then
  cp -R "$REPO_ROOT/docs" "$HOME/docs.tmp.$$"
  chmod -R g+w "$HOME/docs.tmp.$$"
  mv "$HOME/docs.tmp.$$" "$HOME/docs"
fi
jupyter trust "$REPO_ROOT"/notebooks/*.ipynb 2>&1 | sed 's/^/lessons_home: /'
