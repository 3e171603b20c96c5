#!/usr/bin/env bash
# Starts Jupyter on notebooks/ with the GoNB kernel (run scripts/install.sh first; `make notebook`
# does both). JupyterLab when installed, else the classic Notebook server. Environment:
#   PORT (default 8888)   IP (default 0.0.0.0: reachable from other machines; 127.0.0.1 for local only)
#   JUPYTER_TOKEN         the login token (default: a new random one, printed in the URL)
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PORT=${PORT:-8888}
IP=${IP:-0.0.0.0}

if command -v jupyter-lab >/dev/null 2>&1; then
  app=lab
elif command -v jupyter-notebook >/dev/null 2>&1; then
  app=notebook
else
  echo "notebook.sh: no Jupyter server (jupyter-lab or jupyter-notebook) on PATH: run scripts/install.sh" >&2
  exit 1
fi
args=(--no-browser "--ip=$IP" "--port=$PORT" --port-retries=0 "--notebook-dir=$REPO_ROOT/notebooks")
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi
JUPYTER_TOKEN=${JUPYTER_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
export JUPYTER_TOKEN

case $IP in
  0.0.0.0 | '*' | '') host=127.0.0.1 ;;
  *) host=$IP ;;
esac
echo "Starting Jupyter ($app) on $REPO_ROOT/notebooks; open:"
echo "    http://$host:$PORT/?token=$JUPYTER_TOKEN"
if [ "$host" = 127.0.0.1 ] && [ "$IP" != 127.0.0.1 ]; then
  echo "    (from another machine: http://$(hostname):$PORT/?token=$JUPYTER_TOKEN)"
fi
echo "Stop with Ctrl-C."
exec jupyter "$app" "${args[@]}"
