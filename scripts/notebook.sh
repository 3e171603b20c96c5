#!/usr/bin/env bash
# Starts Jupyter with the gograd kernel (run scripts/install.sh first; `make notebook` does both),
# opening on the course's welcome page, notebooks/START_HERE.ipynb (written by package
# internal/welcome), which says where to start and links every lesson: JupyterLab, or Notebook 7
# with UI=notebook, from the project's virtual environment (GOGRAD_VENV, default .venv;
# GOGRAD_JUPYTER=system: the Jupyter on PATH). The server's root is the checkout, so that the docs
# the lessons point to (docs/SETUP.md, docs/TEACHING.md) open in Jupyter too; the file browser
# starts in notebooks/. Go (gograd) is the default kernel: the Launcher offers it first.
# Environment:
#   UI (default lab)      lab: JupyterLab 4; notebook: Notebook 7, one notebook per browser tab
#   PORT (default 8888)   IP (default 127.0.0.1: this machine only, as Jupyter's own default;
#                         IP=0.0.0.0 makes it reachable from other machines, behind the token)
#   JUPYTER_TOKEN         the login token (default: a new random one, printed in the URL)
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PORT=${PORT:-8888}
IP=${IP:-127.0.0.1}
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
welcome=notebooks/START_HERE.ipynb
path=lab/tree/$welcome
[ "$UI" = lab ] || path=notebooks/$welcome
# The default URL is the front end's own setting (each sets the server's to /lab or /tree).
app=LabApp
[ "$UI" = lab ] || app=JupyterNotebookApp
args=(--no-browser "--ip=$IP" "--port=$PORT" --port-retries=0 "--ServerApp.root_dir=$REPO_ROOT"
  "--$app.default_url=/$path" --MappingKernelManager.default_kernel_name=gograd)
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
JUPYTER_TOKEN=${JUPYTER_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
export JUPYTER_TOKEN

case $IP in
  0.0.0.0 | '*' | '') host=127.0.0.1 ;;
  *) host=$IP ;;
esac
echo "Starting Jupyter ($( [ "$UI" = lab ] && echo JupyterLab || echo 'Notebook 7')) on $REPO_ROOT; open the welcome page:"
echo "    http://$host:$PORT/$path?token=$JUPYTER_TOKEN"
if [ "$host" = 127.0.0.1 ] && [ "$IP" != 127.0.0.1 ]; then
  echo "    (from another machine: http://$(hostname):$PORT/$path?token=$JUPYTER_TOKEN)"
fi
echo "Stop with Ctrl-C."
exec jupyter "$UI" "${args[@]}"
