#!/bin/bash
# Sourced by start.sh with one folder of start-up hooks: sources each *.sh in it (in this shell, so
# a hook may export variables for the command) and runs every other executable, in name order.
# A hook that fails (a sourced one whose last command fails, a run one that exits non-zero) is
# logged with its exit status and start-up goes on. errexit is off while hooks run and restored
# after, and turned off again after each sourced hook. As in docker-stacks, a sourced hook that turns
# on `set -e` itself and then fails stops start.sh: it fails loudly. Non-executable files that are
# not *.sh are skipped.
_hooks_dir=$1
_hooks_errexit=$([[ $- == *e* ]] && echo on || echo off)
set +e
if [ -d "$_hooks_dir" ]; then
    _log "running the hooks in $_hooks_dir as uid $(id -u), gid $(id -g)"
    for _hook in "$_hooks_dir"/*; do
        [ -e "$_hook" ] || continue
        case $_hook in
            *.sh) _log "sourcing $_hook"
                  # shellcheck disable=SC1090
                  source "$_hook"
                  _hook_rc=$?
                  set +e ;;
            *) if [ ! -x "$_hook" ]; then _log "skipping $_hook (not executable)"; continue; fi
               _log "running $_hook"
               "$_hook"
               _hook_rc=$? ;;
        esac
        [ "$_hook_rc" -eq 0 ] || _log "ERROR: $_hook failed (exit status $_hook_rc), going on with the start-up"
    done
else
    _log "ERROR: no folder $_hooks_dir"
fi
[ "$_hooks_errexit" = off ] || set -e
unset _hooks_dir _hooks_errexit _hook _hook_rc
