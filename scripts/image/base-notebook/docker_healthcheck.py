#!/usr/bin/env python3
"""The health check: asks the running Jupyter server (found through the server file it writes in
Jupyter's runtime folder of /home/$NB_USER) for /api. Exits non-zero when there is no server or it
does not answer."""
import glob
import json
import os
import subprocess
import urllib.request

env = dict(os.environ, HOME="/home/" + os.environ["NB_USER"])
runtime = subprocess.run(["jupyter", "--runtime-dir"], check=True, capture_output=True, text=True,
                         env=env).stdout.strip()
server_file = sorted(glob.glob(os.path.join(runtime, "*server-*.json")))[0]
with open(server_file) as f:
    url = json.load(f)["url"]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with opener.open(url + "api", timeout=5) as reply:
    print(reply.read().decode())
