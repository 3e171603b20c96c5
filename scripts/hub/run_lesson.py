#!/usr/bin/python3
"""Runs one lesson for one student through a JupyterHub, as the student's browser would, and checks it.

Usage: run_lesson.py --hub URL --token TOKEN --user NAME --notebook notebooks/NN_name.ipynb [--kernel K]

Through the Hub's REST API (TOKEN needs admin:users, admin:servers and access:servers): adds the user
to the hub, starts their server and waits until it is ready. Then through the student's server, via
the hub's proxy: the notebook is in the home folder and opens trusted; a session starts with the
notebook's kernel (or --kernel); every code cell of the notebook runs in order over the kernel's websocket, as the Run
button sends them. A cell fails when it ends in an error (unless tagged raises-exception), when its
stderr says "exit status N" (a failed shell command), or when it is a drawing cell (as
scripts/run_notebooks.py defines one) with no SVG in its output. Prints each cell's wall time, then
"PASS user notebook" or "FAIL user notebook: why". Exits 1 on failure. Needs only Debian's python3
packages (tornado, which the Notebook server brings).
"""
import argparse
import asyncio
import datetime
import json
import os
import sys
import time
import urllib.parse
import uuid

import nbformat
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
import run_notebooks  # noqa: E402 (scripts/run_notebooks.py: what a drawing cell is, output texts)
from hubapi import Failure, HubUser  # noqa: E402 (the Hub's API, a user's server)


def message(session, code):
    return {
        "header": {"msg_id": uuid.uuid4().hex, "username": "", "session": session,
                   "msg_type": "execute_request", "version": "5.3",
                   "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }


async def execute(ws, session, code, timeout):
    """Sends one cell and collects its outputs (as nbformat outputs) until the kernel is idle and has
    replied."""
    request = message(session, code)
    await ws.write_message(json.dumps(request))
    msg_id = request["header"]["msg_id"]
    outputs, replied, idle = [], False, False
    deadline = time.time() + timeout
    while not (replied and idle):
        left = deadline - time.time()
        if left <= 0:
            raise Failure("a cell ran longer than %d s" % timeout)
        raw = await asyncio.wait_for(ws.read_message(), left)
        if raw is None:
            raise Failure("the kernel's websocket closed")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if msg["channel"] == "shell" and kind == "execute_reply":
            replied = True
        elif kind == "status":
            idle = content["execution_state"] == "idle"
        elif kind == "stream":
            outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result", "update_display_data"):
            outputs.append({"output_type": "display_data", "data": content.get("data", {}), "metadata": {}})
        elif kind == "error":
            outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
    return [nbformat.from_dict(o) for o in outputs]


def cell_problem(cell):
    """What is wrong with an executed cell (a NotebookNode with its outputs), as the notebook runner
    judges it, or None."""
    errors = [o for o in cell.outputs if o.output_type == "error"]
    shown = [t for o in cell.outputs for t in run_notebooks.output_texts(o)]
    if "raises-exception" in cell.metadata.get("tags", []):
        return None if errors else "tagged raises-exception but ran without error"
    if errors:
        return "cell error:\n" + run_notebooks.error_summary(cell)
    if run_notebooks.EXIT_STATUS.search(run_notebooks.stream(cell, "stderr")):
        return "a shell command failed:\n" + run_notebooks.error_summary(cell)
    if run_notebooks.is_drawing_cell(cell.source) and not any("<svg" in t for t in shown):
        return "drawing cell without SVG; its output: %r" % " ".join(shown)[:300]
    return None


async def run(args):
    student = HubUser(args.hub, args.token, args.user)
    start = time.time()
    await student.start_server(args.wait)
    print("%s: server ready in %.1f s" % (args.user, time.time() - start), flush=True)
    path = urllib.parse.quote(args.notebook)
    model = await student.call("GET", student.server("api/contents/" + path))
    cells = nbformat.from_dict(model["content"]["cells"])
    untrusted = [i + 1 for i, c in enumerate(cells) if c["cell_type"] == "code" and not c["metadata"].get("trusted")]
    if untrusted:
        raise Failure("%s opens untrusted (cells %s)" % (args.notebook, untrusted[:5]))
    kernel_name = args.kernel or model["content"]["metadata"]["kernelspec"]["name"]
    # A session, as the browser opens one: its kernel starts in the notebook's folder.
    opened = await student.call("POST", student.server("api/sessions"), {
        "path": args.notebook, "name": "", "type": "notebook", "kernel": {"name": kernel_name}})
    kernel = opened["kernel"]
    url = "%s%s?session_id=%s" % (student.hub.replace("http", "ws", 1),
                                  student.server("api/kernels/%s/channels" % kernel["id"]), uuid.uuid4().hex)
    ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": "token " + args.token}),
                                 max_message_size=256 << 20)
    session = uuid.uuid4().hex
    total, drawing_times, first = time.time(), [], None
    try:
        for i, cell in enumerate(cells):
            if cell.cell_type != "code":
                continue
            t = time.time()
            cell.outputs = await execute(ws, session, cell.source, args.timeout)
            took = time.time() - t
            first = took if first is None else first
            drawing = run_notebooks.is_drawing_cell(cell.source)
            if drawing:
                drawing_times.append(took)
            print("%s: cell %d%s: %.2f s" % (args.user, i + 1, " (drawing)" if drawing else "", took), flush=True)
            problem = cell_problem(cell)
            if problem:
                raise Failure("cell %d: %s" % (i + 1, problem))
    finally:
        ws.close()
        await student.call("DELETE", student.server("api/sessions/" + opened["id"]), ok=(204, 404))
    print("%s: %d code cells in %.1f s; first cell %.2f s; drawing cells %s s" % (
        args.user, sum(c["cell_type"] == "code" for c in cells), time.time() - total, first,
        ", ".join("%.2f" % d for d in drawing_times)), flush=True)
    if args.stop:
        await student.stop_server()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hub", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--notebook", required=True, help="path in the student's home folder")
    ap.add_argument("--kernel", help="default: the notebook's")
    ap.add_argument("--wait", type=int, default=120, help="seconds for the server to start")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--stop", action="store_true", help="stop the server afterwards")
    args = ap.parse_args()
    try:
        asyncio.run(run(args))
    except Failure as e:
        print("FAIL %s %s: %s" % (args.user, args.notebook, e), flush=True)
        return 1
    print("PASS %s %s" % (args.user, args.notebook), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
