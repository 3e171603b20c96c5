#!/usr/bin/python3
"""Starts the Jupyter server: `jupyter $DOCKER_STACKS_JUPYTER_CMD $NOTEBOOK_ARGS ARGS...`, or
start-singleuser.py when a JupyterHub started the container (JUPYTERHUB_API_TOKEN is set).
The real image defaults to `lab`; this Debian stand-in has no JupyterLab and defaults to `notebook`."""
import os
import shlex
import sys

if "JUPYTERHUB_API_TOKEN" in os.environ:
    command = ["/usr/local/bin/start-singleuser.py"] + sys.argv[1:]
else:
    command = ["jupyter", os.environ.get("DOCKER_STACKS_JUPYTER_CMD", "notebook")]
    command += shlex.split(os.environ.get("NOTEBOOK_ARGS", "")) + sys.argv[1:]
print("Executing: " + " ".join(command), flush=True)
os.execvp(command[0], command)
