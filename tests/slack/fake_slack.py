"""A local fake of the Slack Web API: a stdlib HTTP server on a thread and a free port.

It answers the methods policybot uses like Slack does (`{"ok": true, ...}`), records
every call per method (form, query or JSON arguments alike), can answer 429 with
Retry-After for the first N calls of a method, and takes `response_url` posts at
/response/<id>. Being a thread, it serves the test's event loop and a `policybot serve`
subprocess equally.

Posted messages are kept per channel with their metadata and served back by
conversations.history. `script(method, *faults)` plays faults (fake_slack_script.py)
on the next calls: a late answer, a dropped connection, 5xx, 429, Slack's error codes.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

from fake_slack_script import Drop, Error, Fault, Late, RateLimited, Status

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
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)  # channel -> posts
        # channel -> error code: chat.postMessage there is refused (e.g. not_in_channel).
        self.channel_errors: dict[str, str] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._last_ts = 0.0
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

    def script(self, method: str, *faults: Fault) -> None:
        """Play these faults on the next calls of `method`, one each, in order."""
        with self._lock:
            self.faults[method].extend(faults)

    def posts_in(self, channel: str) -> list[dict[str, Any]]:
        """Messages Slack kept in `channel` (whatever the poster was told), oldest first."""
        with self._lock:
            return list(self.messages.get(channel, []))

    def alert_posts(self, channel: str, purpose: str = "alert") -> list[int]:
        """Escalation ids of the alerts kept in `channel`, one entry per post."""
        return [
            int(m["metadata"]["event_payload"]["escalation_id"])
            for m in self.posts_in(channel)
            if (m.get("metadata") or {}).get("event_payload", {}).get("purpose") == purpose
        ]

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
        status, headers, body, _ = self.play(method, args)
        return status, headers, body

    def play(
        self, method: str, args: dict[str, Any]
    ) -> tuple[int, dict[str, str], Any, Fault | None]:
        """The answer to one call, and the fault that shapes how it is delivered."""
        with self._lock:
            queued = self.faults.get(method)
            fault = queued.pop(0) if queued else None
            left = self.rate_limited.get(method, 0)
            if fault is None and left > 0:
                self.rate_limited[method] = left - 1
                fault = RateLimited(retry_after=self.retry_after)
            if isinstance(fault, RateLimited):
                self.calls[f"{method}#429"].append(args)
                headers = {"Retry-After": str(fault.retry_after)}
                return 429, headers, {"ok": False, "error": "ratelimited"}, fault
            refused = self.channel_errors.get(str(args.get("channel")))
            if fault is None and method == "chat.postMessage" and refused:
                fault = Error(code=refused)
            if fault is not None and not fault.taken:
                code = fault.code if isinstance(fault, Error) else getattr(fault, "error", "")
                self.calls[f"{method}#{code or fault.status()}"].append(args)
                return fault.status(), {}, {"ok": False, "error": code}, fault
            self.calls[method].append(args)
        if method in self.fail:
            return 200, {}, {"ok": False, "error": self.fail[method]}, fault
        answer = self.answer(method, args)
        if isinstance(fault, Status):  # taken, yet answered with an error status
            return fault.status(), {}, {"ok": False, "error": fault.error}, fault
        return 200, {}, answer, fault

    def record_response(self, path: str, args: dict[str, Any]) -> None:
        with self._lock:
            self.calls["response_url"].append({"url": path, **args})

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = self._new_ts()
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
            kept = {k: args.get(k) for k in ("text", "blocks", "metadata", "thread_ts")}
            with self._lock:
                self.messages[str(channel)].append({"ts": ts, "user": BOT_USER, **kept})
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": args.get("text")}}
        if method == "conversations.history":
            return self._history(args)
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

    def _new_ts(self) -> str:
        """Now, as Slack writes a ts, unique and increasing (history filters by time)."""
        with self._lock:
            self._last_ts = max(round(time.time(), 6), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first, `oldest` and `limit` honoured, metadata only when asked for."""
        oldest = float(args.get("oldest") or 0)
        with self._lock:
            kept = [
                m
                for m in self.messages.get(str(args.get("channel")), [])
                if float(m["ts"]) > oldest
            ]
        kept.reverse()
        start = int(args.get("cursor") or 0)
        limit = int(args.get("limit") or 100)
        page = kept[start : start + limit]
        if str(args.get("include_all_metadata")).lower() not in ("true", "1"):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(kept)
        meta = {"next_cursor": str(start + limit) if more else ""}
        return {"ok": True, "messages": page, "has_more": more, "response_metadata": meta}

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
            status, headers, body, fault = fake.play(method, args)
            if isinstance(fault, Drop):
                # Taken, then the connection goes: the caller cannot know it was posted.
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if isinstance(fault, Late):
                time.sleep(fault.seconds)
            with contextlib.suppress(OSError):  # the caller may have given up meanwhile
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
