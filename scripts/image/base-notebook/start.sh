#!/bin/bash
# The entry point (under tini): runs the hooks in /usr/local/bin/start-notebook.d and
# /usr/local/bin/before-notebook.d (*.sh sourced, other executables run; a failing hook is logged
# and start-up goes on), then executes the command, by default bash.
#
# As the real image does when started as a non-root uid with no /etc/passwd entry (e.g.
# --user 12345:100), it adds one named NB_USER with home /home/jovyan if /etc/passwd is writable
# (group root may write it), and otherwise warns. Starting as root (the real image's way of renaming
# jovyan, changing its uid, granting sudo) is not part of this stand-in: it refuses.
set -e
log() { echo "start.sh: $*" >&2; }
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(bash)
if [ "${_START_SH_EXECUTED:-}" = 1 ]; then exec "${cmd[@]}"; fi
export _START_SH_EXECUTED=1

run_hooks() {
    local hook rc
    for hook in "$1"/*; do
        [ -e "$hook" ] || continue
        case $hook in
            *.sh) set +e; # shellcheck disable=SC1090
                  source "$hook"; rc=$?; set -e ;;
            *) if [ -x "$hook" ]; then set +e; "$hook"; rc=$?; set -e; else continue; fi ;;
        esac
        [ "$rc" -eq 0 ] || log "ERROR: hook $hook failed (exit $rc), continuing"
    done
}

run_hooks /usr/local/bin/start-notebook.d
if [ "$(id -u)" = 0 ]; then
    log "FATAL: this stand-in of base-notebook does not implement start-up as root (user refit, sudo)"
    exit 1
fi
if ! whoami >/dev/null 2>&1; then
    if [ -w /etc/passwd ]; then
        sed -e 's/^jovyan:/nayvoj:/' /etc/passwd >/tmp/passwd
        echo "${NB_USER}:x:$(id -u):$(id -g):,,,:/home/jovyan:/bin/bash" >>/tmp/passwd
        cat /tmp/passwd >/etc/passwd
        rm /tmp/passwd
        log "added an /etc/passwd entry ${NB_USER} for uid $(id -u)"
    else
        log "WARNING: no /etc/passwd entry for uid $(id -u), and /etc/passwd is not writable (group root may write it)"
    fi
fi
[ -w /home/jovyan ] || log "WARNING: no write access to /home/jovyan: start the container with group users (100)"
run_hooks /usr/local/bin/before-notebook.d
exec "${cmd[@]}"
