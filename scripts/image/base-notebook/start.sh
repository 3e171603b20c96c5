#!/bin/bash
# The entry point (under tini), as docker-stacks' start.sh behaves: runs the start-up hooks, then
# executes the command (by default bash).
#  - /usr/local/bin/start-notebook.d hooks first, as the container's user;
#  - started as root: makes jovyan the uid NB_UID and group NB_GID when they differ from its own,
#    chowns the home folder with CHOWN_HOME=yes (and the folders of CHOWN_EXTRA, comma-separated),
#    grants passwordless sudo with GRANT_SUDO=yes, runs the before-notebook.d hooks as root, and
#    runs the command as jovyan through sudo, keeping the environment and PATH. (Renaming jovyan
#    with NB_USER is not part of this stand-in: it stops with an error.)
#  - started as another uid: adds an /etc/passwd entry NB_USER for that uid when it has none and
#    /etc/passwd is writable (group root may write it), warns when the home folder is not writable,
#    and runs the before-notebook.d hooks as that uid;
#  - unsets the variables named in JUPYTER_ENV_VARS_TO_UNSET (comma-separated) before the command.
# Hooks are run by run-hooks.sh: a failing hook is logged and the start-up goes on.
set -e
_log() { echo "start.sh: $*" >&2; }
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(bash)
if [ "${_START_SH_EXECUTED:-}" = 1 ]; then
    _log "already run (start.sh is the entry point, not part of the command): executing ${cmd[*]}"
    exec "${cmd[@]}"
fi
export _START_SH_EXECUTED=1
yes_() { [ "${1:-}" = 1 ] || [ "${1:-}" = yes ]; }
unset_listed() {
    local name
    for name in ${JUPYTER_ENV_VARS_TO_UNSET//,/ }; do unset "$name"; done
    unset JUPYTER_ENV_VARS_TO_UNSET
}

# run_hooks DIR: sourced, so that a *.sh hook may export variables for the command.
run_hooks() {
    # shellcheck source=scripts/image/base-notebook/run-hooks.sh
    source /usr/local/bin/run-hooks.sh "$1"
}

run_hooks /usr/local/bin/start-notebook.d

if [ "$(id -u)" = 0 ]; then
    if [ "$NB_USER" != jovyan ]; then
        _log "FATAL: NB_USER=$NB_USER: renaming jovyan is not part of this stand-in"
        exit 1
    fi
    if [ "$NB_UID" != "$(id -u jovyan)" ] || [ "$NB_GID" != "$(id -g jovyan)" ]; then
        _log "jovyan becomes uid $NB_UID, gid $NB_GID"
        groupadd --force --non-unique --gid "$NB_GID" "${NB_GROUP:-jovyan}"
        usermod --non-unique --uid "$NB_UID" --gid "$NB_GID" --append --groups 100 jovyan
    fi
    if yes_ "${CHOWN_HOME:-}"; then
        # shellcheck disable=SC2086 # options are words
        chown ${CHOWN_HOME_OPTS:-} "$NB_UID:$NB_GID" "/home/$NB_USER"
    fi
    for dir in ${CHOWN_EXTRA//,/ }; do
        # shellcheck disable=SC2086
        chown ${CHOWN_EXTRA_OPTS:-} "$NB_UID:$NB_GID" "$dir"
    done
    if yes_ "${GRANT_SUDO:-}"; then
        _log "granting $NB_USER passwordless sudo"
        echo "$NB_USER ALL=(ALL) NOPASSWD:ALL" >/etc/sudoers.d/added-by-start-script
    fi
    # sudo looks the command up on its secure_path: put the environment's bin first there too.
    sed -nE "s#^Defaults\s+secure_path\s*=\s*\"?([^\"]+)\"?#Defaults secure_path=\"$CONDA_DIR/bin:\1\"#p" \
        /etc/sudoers >/etc/sudoers.d/path
    run_hooks /usr/local/bin/before-notebook.d
    unset_listed
    _log "running as $NB_USER: ${cmd[*]}"
    exec sudo --preserve-env --set-home --user "$NB_USER" PATH="$PATH" PYTHONPATH="${PYTHONPATH:-}" "${cmd[@]}"
fi

if yes_ "${GRANT_SUDO:-}"; then _log "WARNING: GRANT_SUDO needs the container to start as root"; fi
if ! whoami >/dev/null 2>&1; then
    if [ -w /etc/passwd ]; then
        # Written through a copy: sed -i would need to create a file in /etc.
        sed -e 's/^jovyan:/nayvoj:/' /etc/passwd >/tmp/passwd
        echo "$NB_USER:x:$(id -u):$(id -g):,,,:/home/jovyan:/bin/bash" >>/tmp/passwd
        cat /tmp/passwd >/etc/passwd
        rm /tmp/passwd
        _log "added an /etc/passwd entry $NB_USER for uid $(id -u) (jovyan is now nayvoj)"
    else
        _log "WARNING: no /etc/passwd entry for uid $(id -u), and /etc/passwd is not writable (start with group root, --user $(id -u):0)"
    fi
fi
if [ "$NB_UID" != "$(id -u)" ] && [ "$NB_UID" != 1000 ]; then
    _log "WARNING: NB_UID=$NB_UID needs the container to start as root"
fi
[ -w /home/jovyan ] || _log "WARNING: no write access to /home/jovyan: start the container with group users (100), e.g. --group-add=users"
run_hooks /usr/local/bin/before-notebook.d
unset_listed
_log "executing ${cmd[*]}"
exec "${cmd[@]}"
