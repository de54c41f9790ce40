"""A local fake of the Slack Web API: a stdlib HTTP server on a thread and a free port.

It answers the methods policybot uses like Slack does (`{"ok": true, ...}`), records
every call per method (form, query or JSON arguments alike), can answer 429 with
Retry-After for the first N calls of a method, and takes `response_url` posts at
/response/<id>. Being a thread, it serves the test's event loop and a `policybot serve`
subprocess equally.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER = "UBOT"
TEAM = "T0HRA"
_JSON_FIELDS = ("blocks", "view", "prompts", "attachments", "metadata")


class FakeSlack:
    def __init__(self) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.rate_limited: dict[str, int] = {}
        self.retry_after = 1
        self.members: list[str] = ["UCOMMS1", "UCOMMS2", "UCOMMS3"]
        self.channel_private = True
        self.fail: dict[str, str] = {}  # method -> Slack error code to answer with
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        # A short poll interval: shutdown() waits up to one interval, in every test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- lifecycle -----------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what tests ask ---------------------------------------------------------------
    def rate_limit(self, method: str, times: int, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 and Retry-After."""
        self.rate_limited[method] = times
        self.retry_after = retry_after

    def of(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.calls.get(method, []))

    def count(self, method: str) -> int:
        return len(self.of(method))

    def wait_for(self, method: str, n: int = 1, timeout: float = 20.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.of(method)
            if len(calls) >= n:
                return calls
            time.sleep(0.02)
        raise AssertionError(f"expected {n} call(s) of {method}, got {self.count(method)}")

    # --- answers ------------------------------------------------------------------------
    def record(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            left = self.rate_limited.get(method, 0)
            if left > 0:
                self.rate_limited[method] = left - 1
                self.calls[f"{method}#429"].append(args)
                headers = {"Retry-After": str(self.retry_after)}
                return 429, headers, {"ok": False, "error": "ratelimited"}
            self.calls[method].append(args)
        if method in self.fail:
            return 200, {}, {"ok": False, "error": self.fail[method]}
        return 200, {}, self.answer(method, args)

    def record_response(self, path: str, args: dict[str, Any]) -> None:
        with self._lock:
            self.calls["response_url"].append({"url": path, **args})

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = args.get("channel") or args.get("channel_id")
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "team_id": TEAM,
                "bot_id": "BBOT",
                "user": "policybot",
            }
        if method == "chat.postMessage":
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": args.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": args.get("ts"), "text": args.get("text")}
        if method == "chat.getPermalink":
            link = f"https://hra.slack.com/archives/{channel}/p{args.get('message_ts', '').replace('.', '')}"
            return {"ok": True, "channel": channel, "permalink": link}
        if method == "conversations.info":
            info = {"id": channel, "is_private": self.channel_private, "is_member": True}
            return {"ok": True, "channel": info}
        if method == "conversations.members":
            return self._members(args)
        if method in ("views.open", "views.update", "views.publish"):
            return {
                "ok": True,
                "view": {"id": args.get("view_id") or f"V{next(self._ts)}", "hash": "h1"},
            }
        if method == "users.info":
            user = args.get("user")
            return {
                "ok": True,
                "user": {"id": user, "name": "sam", "profile": {"real_name": "Sam Reporter"}},
            }
        if method.startswith("assistant.threads."):
            return {"ok": True}
        return {"ok": False, "error": "unknown_method"}

    def _members(self, args: dict[str, Any]) -> dict[str, Any]:
        # Two a page, so membership checks must follow next_cursor.
        start = int(args.get("cursor") or 0)
        page = self.members[start : start + 2]
        more = start + 2 < len(self.members)
        meta = {"next_cursor": str(start + 2) if more else ""}
        return {"ok": True, "members": page, "response_metadata": meta}


def _parse(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    args: dict[str, Any] = dict(parse_qsl(query))
    if raw and "json" in content_type:
        args.update(json.loads(raw))
    elif raw:
        args.update(dict(parse_qsl(raw.decode())))
    for key in _JSON_FIELDS:
        if isinstance(args.get(key), str):
            with contextlib.suppress(json.JSONDecodeError):
                args[key] = json.loads(args[key])
    return args


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _serve(self) -> None:
            url = urlparse(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            args = _parse(raw, self.headers.get("Content-Type") or "", url.query)
            if url.path.startswith("/response/"):
                fake.record_response(url.path, args)
                self._send(200, {}, "ok", "text/plain")
                return
            args["_token"] = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            method = url.path.removeprefix("/api/")
            status, headers, body = fake.record(method, args)
            self._send(status, headers, json.dumps(body), "application/json")

        def _send(self, status: int, headers: dict[str, str], body: str, ctype: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

    return Handler
