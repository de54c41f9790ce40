"""Hooks for fault tests, without changing fake_slack.py: slow methods, and
conversations.replies over what was posted (with message metadata)."""

from __future__ import annotations

import time
from typing import Any

from fake_slack import FakeSlack


class SlowFakeSlack(FakeSlack):
    """Answers `method` only after `delays[method]` seconds (its own request thread
    sleeps, so other calls are not held up), like a Slack having a slow minute."""

    def __init__(self) -> None:
        super().__init__()
        self.delays: dict[str, float] = {}

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        delay = self.delays.get(method)
        if delay:
            time.sleep(delay)
        if method == "conversations.replies":
            return self._replies(args)
        return super().answer(method, args)

    def _replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = args.get("channel"), str(args.get("ts"))
        messages = [
            {"type": "message", "text": p.get("text"), "thread_ts": p.get("thread_ts")}
            | ({"metadata": p["metadata"]} if p.get("metadata") else {})
            for p in self.of("chat.postMessage")
            if p.get("channel") == channel and str(p.get("thread_ts")) == ts
        ]
        return {"ok": True, "messages": messages, "has_more": False}
