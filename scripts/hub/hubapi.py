"""A user of a JupyterHub, through the Hub's REST API as a service with an API token (admin:users,
admin:servers and access:servers): adds the user, starts and stops their server, and calls their
server through the hub's proxy. Used by run_lesson.py and terminal.py (scripts/hub_test.sh); needs
only tornado, so that a script that uses it starts fast.
"""
import asyncio
import json
import time

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest


class Failure(Exception):
    """What went wrong, for the user's line of the test's output."""


class HubUser:
    """One user of the hub at hub (its URL), reached with the service's token."""

    def __init__(self, hub, token, user):
        self.hub = hub.rstrip("/")
        self.token = token
        self.user = user
        self.http = AsyncHTTPClient()

    async def call(self, method, url, body=None, ok=(200, 201, 202, 204)):
        headers = {"Authorization": "token " + self.token}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        elif method in ("POST", "PUT"):
            data = ""
        try:
            reply = await self.http.fetch(HTTPRequest(self.hub + url, method=method, headers=headers,
                                                      body=data, request_timeout=120))
        except HTTPClientError as e:
            if e.code in ok:
                return None
            text = e.response.body.decode(errors="replace")[:300] if e.response else str(e)
            raise Failure("%s %s: HTTP %d %s" % (method, url, e.code, text))
        return json.loads(reply.body) if reply.body else None

    async def start_server(self, wait):
        await self.call("POST", "/hub/api/users/%s" % self.user, ok=(201, 409))  # 409: already known
        await self.call("POST", "/hub/api/users/%s/server" % self.user)
        deadline = time.time() + wait
        while time.time() < deadline:
            model = await self.call("GET", "/hub/api/users/%s" % self.user)
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server.get("pending") and not server.get("ready"):
                raise Failure("the server stopped while starting (see the hub's log)")
            await asyncio.sleep(0.5)
        raise Failure("the server was not ready within %d s" % wait)

    def server(self, path):
        return "/user/%s/%s" % (self.user, path)

    async def stop_server(self):
        await self.call("DELETE", "/hub/api/users/%s/server" % self.user)
