#!/usr/bin/env python3
"""Checks a running Jupyter server the way a student's browser uses it, with the standard library only.

Usage: server_check.py [--url URL] [--token TOKEN] [--wait SECONDS] --kernel NAME [--notebooks DIR]

 - /api answers (waiting up to --wait seconds for the server to come up);
 - /api/kernelspecs lists the kernel NAME, a Go kernel (its language is "go");
 - with --notebooks DIR (a folder relative to the server's root): every .ipynb in it opens trusted
   (the server marks the code cells of a trusted notebook "trusted"), the first one saves (a PUT of
   the same content, as the Save button does) and a new notebook can be created in DIR.
The token defaults to $JUPYTER_TOKEN. Prints what it checked and every failure; exits 1 if any.
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class Server:
    def __init__(self, url, token):
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(self, method, path, body=None):
        """Returns (status, decoded JSON or None)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if self.token:
            req.add_header("Authorization", "token " + self.token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=30) as reply:
                raw = reply.read()
                return reply.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            return e.code, {"message": e.read().decode(errors="replace")[:500]}


PROBLEMS = []


def fail(message):
    """Stops the check: what follows cannot be checked."""
    print("server_check: FAIL: " + message)
    sys.exit(1)


def problem(message):
    """Records a failure; the check goes on."""
    print("server_check: FAIL: " + message)
    PROBLEMS.append(message)


def wait_for_api(server, seconds):
    deadline = time.time() + seconds
    while True:
        try:
            status, reply = server.call("GET", "api")
            if status == 200:
                return reply
            problem = "HTTP %d" % status
        except OSError as e:
            problem = str(e)
        if time.time() > deadline:
            fail("no answer from %sapi within %d s: %s" % (server.url, seconds, problem))
        time.sleep(0.5)


def check_kernel(server, kernel):
    status, reply = server.call("GET", "api/kernelspecs")
    if status != 200:
        fail("GET api/kernelspecs: HTTP %d %s" % (status, reply))
    specs = reply["kernelspecs"]
    if kernel not in specs:
        fail("kernel %r not listed; the server lists %s" % (kernel, sorted(specs)))
    spec = specs[kernel]["spec"]
    if spec.get("language") != "go":
        fail("kernel %r is not a Go kernel: language %r" % (kernel, spec.get("language")))
    print("server_check: kernel %r (%s) listed among %s" % (kernel, spec.get("display_name"), sorted(specs)))


def check_notebooks(server, folder):
    quoted = urllib.parse.quote(folder)
    status, listing = server.call("GET", "api/contents/" + quoted)
    if status != 200:
        fail("GET api/contents/%s: HTTP %d %s" % (folder, status, listing))
    names = sorted(item["name"] for item in listing["content"] if item["name"].endswith(".ipynb"))
    if not names:
        fail("no notebooks in %s" % folder)
    untrusted = []
    first = None
    for name in names:
        status, model = server.call("GET", "api/contents/%s/%s" % (quoted, urllib.parse.quote(name)))
        if status != 200:
            fail("GET %s/%s: HTTP %d %s" % (folder, name, status, model))
        code = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
        if not all(c["metadata"].get("trusted") for c in code):
            untrusted.append(name)
        first = first or model
    if untrusted:
        problem("these notebooks open untrusted (saved pictures hidden): %s" % ", ".join(untrusted))
    else:
        print("server_check: %d notebooks in %s open trusted" % (len(names), folder))

    path = "%s/%s" % (quoted, urllib.parse.quote(names[0]))
    status, reply = server.call("PUT", "api/contents/" + path,
                                {"type": "notebook", "format": "json", "content": first["content"]})
    if status == 200:
        print("server_check: saved %s/%s" % (folder, names[0]))
    else:
        problem("saving %s/%s: HTTP %d %s" % (folder, names[0], status, reply))
    new = "%s/server-check-uid%d.ipynb" % (quoted, os.getuid())
    status, reply = server.call("PUT", "api/contents/" + new, {"type": "notebook", "format": "json",
                                "content": {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}})
    if status in (200, 201):
        server.call("DELETE", "api/contents/" + new)
        print("server_check: created a notebook in %s" % folder)
    else:
        problem("creating a notebook in %s: HTTP %d %s" % (folder, status, reply))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8888/")
    ap.add_argument("--token", default=os.environ.get("JUPYTER_TOKEN", ""))
    ap.add_argument("--wait", type=int, default=60)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--notebooks")
    args = ap.parse_args()
    server = Server(args.url, args.token)
    version = wait_for_api(server, args.wait)
    print("server_check: %sapi answers: %s" % (server.url, version))
    check_kernel(server, args.kernel)
    if args.notebooks:
        check_notebooks(server, args.notebooks)
    sys.exit(1 if PROBLEMS else 0)


if __name__ == "__main__":
    main()
