"""Slack's side of the load benchmark: signed event deliveries, and a minimal fake of the
Web API on the bench's event loop.

It answers like Slack for the methods a DM answer touches and records every
chat.postMessage with the moment it arrived, which is when the person would see the
answer. Everything else gets {"ok": true}: the benchmark measures policybot, not Slack.
"""

from __future__ import annotations

import itertools
import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_sdk.signature import SignatureVerifier

BOT_USER = "UBENCHBOT"
TEAM = "TBENCH"
SECRET = "bench-signing-secret"


@dataclass(frozen=True)
class Posted:
    channel: str
    thread_ts: str | None
    text: str
    at: float  # time.perf_counter() on arrival


class FakeSlackApi:
    def __init__(self) -> None:
        self.posted: list[Posted] = []
        self.calls: dict[str, int] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        # Bind first, so the port is known before policybot is told where Slack is.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if raw and "json" in (request.content_type or ""):
            args.update(json.loads(raw))
        elif raw:
            args.update(dict(parse_qsl(raw.decode())))
        return args

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        self.calls[method] = self.calls.get(method, 0) + 1
        return web.json_response(self.answer(method, args))

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = str(args.get("channel") or args.get("channel_id") or "")
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "team_id": TEAM, "bot_id": "BBENCH"}
        if method == "chat.postMessage":
            thread, text = args.get("thread_ts"), str(args.get("text"))
            self.posted.append(
                Posted(channel, str(thread) if thread else None, text, time.perf_counter())
            )
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": text}}
        if method == "conversations.info":
            return {"ok": True, "channel": {"id": channel, "is_private": True, "is_member": True}}
        if method == "chat.getPermalink":
            return {"ok": True, "permalink": f"https://bench.slack.com/archives/{channel}/p1"}
        if method == "users.info":
            user = args.get("user")
            return {"ok": True, "user": {"id": user, "name": "bench", "profile": {}}}
        return {"ok": True}


def signed_headers(body: str, retry: int = 0) -> dict[str, str]:
    """Headers as Slack signs a delivery; a retry says so (X-Slack-Retry-Num)."""
    ts = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": str(signature),
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return headers


def event_body(channel: str, event_id: str, text: str) -> str:
    """An Events API envelope of one DM, as Slack posts it."""
    ts = f"{time.time():.6f}"
    event = {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": "UBENCHUSER",
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM,
            "api_app_id": "ABENCH",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
    )
