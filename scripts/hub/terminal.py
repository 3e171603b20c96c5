#!/usr/bin/python3
"""Runs shell code in a terminal of a user's JupyterLab on a JupyterHub, as the user would type it.

Usage: terminal.py --hub URL --token TOKEN --user NAME [--restart] [--timeout SECONDS] CODE

Through the Hub's REST API (TOKEN needs admin:users, admin:servers and access:servers): starts the
user's server unless it runs (--restart: stops it first, as the Hub Control Panel's Stop My Server
does, and starts it again), opens a new terminal in it (JupyterLab's File > New > Terminal: the
server's own shell, with the environment the hub gave the server), types CODE into it as one
`bash -eo pipefail` script read from a here-document (so that the first failing command stops it),
then the line that prints its exit status, and waits for that line. Prints what the terminal showed
(without its control sequences), closes the terminal and exits with the script's status (124 when
it did not finish within the timeout). Used by scripts/hub_test.sh for docs/TEACHING.md's hub path.
"""
import argparse
import asyncio
import json
import os
import re
import sys
import time

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hubapi import Failure, HubUser  # noqa: E402 (the Hub's API, a user's server)

# The line the terminal prints when the script has ended. As typed (and echoed) it reads
# `...-${status}-END`, so only the shell's own output matches.
DONE = re.compile(r"GOGRAD-TERMINAL-DONE-(\d+)-END")
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


async def run(args):
    marker = "GOGRAD_TERMINAL_SCRIPT"
    if marker in args.code:
        raise Failure("the code contains %s, which ends its here-document" % marker)
    user = HubUser(args.hub, args.token, args.user)
    if args.restart:
        await user.stop_server()
        deadline = time.time() + args.wait
        while (await user.call("GET", "/hub/api/users/%s" % args.user)).get("servers", {}).get(""):
            if time.time() > deadline:
                raise Failure("the server did not stop within %d s" % args.wait)
            await asyncio.sleep(0.5)
    model = await user.call("GET", "/hub/api/users/%s" % args.user, ok=(200, 404))
    if not (model or {}).get("servers", {}).get("", {}).get("ready"):
        await user.start_server(args.wait)
    term = await user.call("POST", user.server("api/terminals"))
    url = "%s%s" % (user.hub.replace("http", "ws", 1), user.server("terminals/websocket/" + term["name"]))
    ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": "token " + args.token}))
    # set +H: no history expansion of a `!` in the here-document's lines (an interactive shell's).
    typed = "set +H; bash -eo pipefail <<'%s'\n%s\n%s\ns=$?; echo \"GOGRAD-TERMINAL-DONE-${s}-END\"\n" % (
        marker, args.code.rstrip("\n"), marker)
    shown, tail, status = [], "", None
    try:
        await ws.write_message(json.dumps(["stdin", typed.replace("\n", "\r")]))
        deadline = time.time() + args.timeout
        while status is None:
            left = deadline - time.time()
            if left <= 0:
                break
            try:
                raw = await asyncio.wait_for(ws.read_message(), left)
            except asyncio.TimeoutError:
                break
            if raw is None:
                raise Failure("the terminal closed")
            kind, *content = json.loads(raw)
            if kind == "stdout":
                shown.append(content[0])
                tail = CONTROL.sub("", tail + content[0])[-200:]
                done = DONE.search(tail)
                status = int(done.group(1)) if done else None
            elif kind == "disconnect":
                raise Failure("the terminal closed")
    finally:
        ws.close()
        await user.call("DELETE", user.server("api/terminals/" + term["name"]), ok=(204, 404))
    print(CONTROL.sub("", "".join(shown)), flush=True)
    if status is None:
        print("terminal.py: %s's script did not end within %d s" % (args.user, args.timeout), flush=True)
        return 124
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hub", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--restart", action="store_true", help="stop the user's server first")
    ap.add_argument("--wait", type=int, default=120, help="seconds for the server to start or stop")
    ap.add_argument("--timeout", type=int, default=600, help="seconds for the script")
    ap.add_argument("code", help="bash code")
    args = ap.parse_args()
    try:
        return asyncio.run(run(args))
    except (Failure, OSError) as e:  # OSError: the hub does not answer
        print("terminal.py: %s: %s" % (args.user, e), flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
