"""A local Socket Mode endpoint speaking Slack's envelope protocol, and a Web API fake that
hands out its URLs from `apps.connections.open`.

Protocol (Slack's Socket Mode docs; python-slack-sdk's client is the reference reader):
- the app calls `apps.connections.open` with its app-level token and gets a one-use
  `wss://` URL; it connects and receives `{"type": "hello", ...}`;
- every request comes as an envelope `{"envelope_id", "type": "events_api" |
  "slash_commands" | "interactive", "payload", "accepts_response_payload", ...}` and the
  app acks it by sending back `{"envelope_id": ...}` (with an optional `payload`);
- before Slack moves a connection it sends `{"type": "disconnect", "reason":
  "refresh_requested"}`; the app then opens a new URL and reconnects;
- an envelope that was not acked is delivered again (`retry_attempt` + 1), possibly on the
  next connection: delivery is at least once.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer
from fake_slack import FakeSlack


@dataclass
class Envelope:
    envelope_id: str
    kind: str
    payload: dict[str, Any]
    retry_attempt: int = 0

    def frame(self) -> str:
        return json.dumps(
            {
                "envelope_id": self.envelope_id,
                "type": self.kind,
                "payload": self.payload,
                "accepts_response_payload": self.kind != "events_api",
                "retry_attempt": self.retry_attempt,
                "retry_reason": "timeout" if self.retry_attempt else "",
            }
        )


@dataclass
class SocketModeServer:
    app_id: str = "A0POLICY"
    connections: list[web.WebSocketResponse] = field(default_factory=list)
    acks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sent: list[Envelope] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every URL the app connected to
    _urls: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: TestServer | None = None

    # --- lifecycle ------------------------------------------------------------------
    async def start(self) -> SocketModeServer:
        app = web.Application()
        app.router.add_get("/link/{n}", self._socket)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        return self

    async def close(self) -> None:
        for ws in list(self.connections):
            await ws.close()
        if self._server:
            await self._server.close()

    def new_url(self) -> str:
        """What apps.connections.open answers: a fresh URL each time (called from the Web
        API fake's thread)."""
        assert self._server is not None
        with self._lock:
            n = next(self._urls)
        return f"ws://127.0.0.1:{self._server.port}/link/{n}?ticket={uuid.uuid4()}"

    # --- the socket -----------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()  # answers the client's pings itself
        await ws.prepare(request)
        self.paths.append(request.path)
        self.connections.append(ws)
        hello = {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {"host": "applink-test", "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }
        await ws.send_str(json.dumps(hello))
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                data = json.loads(message.data)
                if "envelope_id" in data:
                    self.acks.setdefault(data["envelope_id"], []).append(data)
        return ws

    @property
    def live(self) -> web.WebSocketResponse | None:
        open_ = [ws for ws in self.connections if not ws.closed]
        return open_[-1] if open_ else None

    async def wait_connected(self, count: int = 1, timeout: float = 20.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while len([ws for ws in self.connections if not ws.closed]) < 1 or len(self.paths) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"expected {count} connection(s), got {len(self.paths)}")
            await asyncio.sleep(0.02)

    # --- what tests do --------------------------------------------------------------------
    async def deliver(self, kind: str, payload: dict[str, Any]) -> Envelope:
        envelope = Envelope(str(uuid.uuid4()), kind, payload)
        await self._send(envelope)
        return envelope

    async def redeliver(self, envelope: Envelope) -> Envelope:
        envelope.retry_attempt += 1
        await self._send(envelope)
        return envelope

    async def _send(self, envelope: Envelope) -> None:
        ws = self.live
        assert ws is not None, "no open Socket Mode connection"
        self.sent.append(envelope)
        await ws.send_str(envelope.frame())

    async def disconnect(self, reason: str = "refresh_requested") -> web.WebSocketResponse:
        ws = self.live
        assert ws is not None
        await ws.send_str(
            json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "x"}})
        )
        return ws

    async def wait_ack(self, envelope: Envelope, timeout: float = 20.0) -> dict[str, Any]:
        deadline = asyncio.get_running_loop().time() + timeout
        while envelope.envelope_id not in self.acks:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"envelope {envelope.kind} was never acked")
            await asyncio.sleep(0.02)
        return self.acks[envelope.envelope_id][0]


class SocketModeSlack(FakeSlack):
    """The Web API fake, plus `apps.connections.open` handing out the socket's URLs."""

    def __init__(self, socket: SocketModeServer) -> None:
        super().__init__()
        self.socket = socket

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket.new_url()}
        return super().answer(method, args)
