#!/usr/bin/env python3
"""Starts a JupyterHub single-user server: `jupyterhub-singleuser $NOTEBOOK_ARGS ARGS...` (the hub
passes its settings in the environment)."""
import os
import shlex
import sys

command = ["jupyterhub-singleuser"] + shlex.split(os.environ.get("NOTEBOOK_ARGS", "")) + sys.argv[1:]
print("Executing: " + " ".join(command), flush=True)
os.execvp(command[0], command)
