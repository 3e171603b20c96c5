#!/usr/bin/env bash
# Starts Jupyter on notebooks/ with the gograd kernel (run scripts/install.sh first; `make notebook`
# does both): JupyterLab, or Notebook 7 with UI=notebook, from the project's virtual environment
# (GOGRAD_VENV, default .venv; GOGRAD_JUPYTER=system: the Jupyter on PATH). Environment:
#   UI (default lab)      lab: JupyterLab 4; notebook: Notebook 7, one notebook per browser tab
#   PORT (default 8888)   IP (default 0.0.0.0: reachable from other machines; 127.0.0.1 for local only)
#   JUPYTER_TOKEN         the login token (default: a new random one, printed in the URL)
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PORT=${PORT:-8888}
IP=${IP:-0.0.0.0}
UI=${UI:-lab}
case $UI in
  lab | notebook) ;;
  *) echo "notebook.sh: UI=$UI: say UI=lab (JupyterLab, the default) or UI=notebook (Notebook 7)" >&2; exit 2 ;;
esac
bin=$(bash "$REPO_ROOT/scripts/nbpython.sh" --bin) || exit 1
PATH="$bin:$PATH"
command -v "jupyter-$UI" >/dev/null 2>&1 || {
  echo "notebook.sh: no jupyter-$UI in $bin: run scripts/install.sh (or make notebook)" >&2
  exit 1
}
args=(--no-browser "--ip=$IP" "--port=$PORT" --port-retries=0 "--ServerApp.root_dir=$REPO_ROOT/notebooks")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
JUPYTER_TOKEN=${JUPYTER_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
export JUPYTER_TOKEN

case $IP in
  0.0.0.0 | '*' | '') host=127.0.0.1 ;;
  *) host=$IP ;;
esac
path=lab
[ "$UI" = lab ] || path=tree
echo "Starting Jupyter ($( [ "$UI" = lab ] && echo JupyterLab || echo 'Notebook 7')) on $REPO_ROOT/notebooks; open:"
echo "    http://$host:$PORT/$path?token=$JUPYTER_TOKEN"
if [ "$host" = 127.0.0.1 ] && [ "$IP" != 127.0.0.1 ]; then
  echo "    (from another machine: http://$(hostname):$PORT/$path?token=$JUPYTER_TOKEN)"
fi
echo "Stop with Ctrl-C."
exec jupyter "$UI" "${args[@]}"
