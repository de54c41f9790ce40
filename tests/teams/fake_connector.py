"""A local fake of the Bot Connector service that Teams activities' `serviceUrl` points at.

An aiohttp server on a free port answering the calls the bot makes — replies, new
posts, card updates, 1:1 chat creation, rosters — and recording each one so tests
can assert on what would have reached Teams. `fail_next` makes the next calls fail
(502, 500, 429 ...) to exercise retries.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

# Real service URLs carry a region path (https://smba.trafficmanager.net/amer/); the fake
# does too, so a bot that drops the path fails here as it would there.
PREFIX = "/amer"


@dataclass
class Call:
    method: str
    route: str  # reply | send | update | create | members | pagedmembers
    conversation: str | None
    activity_id: str | None
    body: Any
    authorization: str | None
    status: int

    @property
    def ok(self) -> bool:
        return self.status < 400

    def cards(self) -> list[dict[str, Any]]:
        body = self.body if isinstance(self.body, dict) else {}
        return [
            a.get("content", {})
            for a in body.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]

    def text(self) -> str:
        """Everything a person could read in this activity, cards included."""
        import json

        body = self.body if isinstance(self.body, dict) else {}
        return " ".join([body.get("text") or "", json.dumps(self.cards(), ensure_ascii=False)])


@dataclass
class FakeConnector:
    members: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    # route -> status: every call to that route fails (e.g. {"create": 403}).
    refuse: dict[str, int] = field(default_factory=dict)
    _failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _server: TestServer | None = None

    # --- control ----------------------------------------------------------------------
    def fail_next(self, count: int = 1, status: int = 502, retry_after: str | None = None) -> None:
        headers = {"Retry-After": retry_after} if retry_after else {}
        self._failures.extend([(status, headers)] * count)

    @property
    def service_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.port}{PREFIX}/"

    def ok_calls(self, route: str | None = None, conversation: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.ok
            and (route is None or c.route == route)
            and (conversation is None or c.conversation == conversation)
        ]

    def posted_to(self, conversation: str) -> list[Call]:
        """Messages that reached a conversation (replies and new posts)."""
        return [c for c in self.ok_calls(conversation=conversation) if c.route in ("reply", "send")]

    # --- server -------------------------------------------------------------------------
    async def start(self) -> FakeConnector:
        app = web.Application()
        base = f"{PREFIX}/v3/conversations"
        app.router.add_post(base, self._handler("create"))
        app.router.add_post(base + "/{conversation}/activities", self._handler("send"))
        app.router.add_post(base + "/{conversation}/activities/{activity}", self._handler("reply"))
        app.router.add_put(base + "/{conversation}/activities/{activity}", self._handler("update"))
        app.router.add_get(base + "/{conversation}/members", self._handler("members"))
        app.router.add_get(base + "/{conversation}/pagedmembers", self._handler("pagedmembers"))
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        return self

    async def close(self) -> None:
        if self._server is not None:
            await self._server.close()

    def _handler(self, route: str):  # type: ignore[no-untyped-def]
        async def handle(request: web.Request) -> web.Response:
            body = await request.json() if request.can_read_body else None
            conversation = request.match_info.get("conversation")
            call = Call(
                method=request.method,
                route=route,
                conversation=conversation,
                activity_id=request.match_info.get("activity"),
                body=body,
                authorization=request.headers.get("Authorization"),
                status=200,
            )
            self.calls.append(call)
            if route in self.refuse:
                self._failures.insert(0, (self.refuse[route], {}))
            if self._failures:
                call.status, headers = self._failures.pop(0)
                return web.json_response(
                    {"error": {"code": "ServiceError", "message": "injected failure"}},
                    status=call.status,
                    headers=headers,
                )
            return web.json_response(self._answer(route, conversation, call))

        return handle

    def _answer(self, route: str, conversation: str | None, call: Call) -> Any:
        if route == "create":
            return {"id": f"a:personal-chat-{next(self._ids)}"}
        if route in ("send", "reply"):
            return {"id": f"posted-{next(self._ids)}"}
        if route == "update":
            return {"id": call.activity_id}
        roster = self.members.get(conversation or "", [])
        if route == "members":
            return roster
        # Teams leaves continuationToken out on the last page.
        return {"members": roster}
