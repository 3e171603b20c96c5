#!/usr/bin/env python3
"""The default command: `jupyter $DOCKER_STACKS_JUPYTER_CMD $NOTEBOOK_ARGS ARGS...`, JupyterLab
unless DOCKER_STACKS_JUPYTER_CMD names another (notebook, nbclassic, server); start-singleuser.py
instead when a JupyterHub started the container (JUPYTERHUB_API_TOKEN is set). The real image's
RESTARTABLE=yes (run-one-constantly) is not in this stand-in."""
import os
import shlex
import sys

if "JUPYTERHUB_API_TOKEN" in os.environ:
    print("start-notebook.py: started by JupyterHub, running start-singleuser.py", flush=True)
    command = ["/usr/local/bin/start-singleuser.py"] + sys.argv[1:]
else:
    if os.environ.get("RESTARTABLE") == "yes":
        print("start-notebook.py: WARNING: RESTARTABLE is not supported by this stand-in", flush=True)
    command = ["jupyter", os.environ.get("DOCKER_STACKS_JUPYTER_CMD", "lab")]
    command += shlex.split(os.environ.get("NOTEBOOK_ARGS", "")) + sys.argv[1:]
print("Executing: " + " ".join(command), flush=True)
os.execvp(command[0], command)
