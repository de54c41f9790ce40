"""The fake Web API with the faults the delivery benchmark needs, on the bench's loop.

`mode` decides how chat.postMessage answers: "ok"; "hold" keeps the post (it shows in
conversations.history) and never answers, as when the poster dies mid-request; "down"
answers 503 without keeping it. Posts carry their metadata, which conversations.history
serves back, so the dispatcher's look-before-repost is exercised for real.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp import web

from .fake_slack_api import FakeSlackApi


class FaultySlackApi(FakeSlackApi):
    def __init__(self) -> None:
        super().__init__()
        self.mode = "ok"
        self.kept: list[dict[str, Any]] = []
        self.refused = 0
        self._last_ts = 0.0

    def alert_ids(self) -> list[int]:
        """Escalation ids of the alerts kept, one entry per post."""
        return [
            int(m["metadata"]["event_payload"]["escalation_id"])
            for m in self.kept
            if (m.get("metadata") or {}).get("event_payload", {}).get("purpose") == "alert"
        ]

    def _new_ts(self) -> str:
        self._last_ts = max(round(time.time(), 6), self._last_ts + 0.000001)
        return f"{self._last_ts:.6f}"

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "conversations.history":
            args = await self._args(request)
            oldest = float(args.get("oldest") or 0)
            found = [m for m in reversed(self.kept) if float(m["ts"]) > oldest]
            return web.json_response(
                {"ok": True, "messages": found[: int(args.get("limit") or 100)], "has_more": False}
            )
        if method != "chat.postMessage":
            return await super()._handle(request)
        args = await self._args(request)
        if self.mode == "down":
            self.refused += 1
            return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)
        message = {"ts": self._new_ts(), "metadata": args.get("metadata"), "at": time.monotonic()}
        self.kept.append(message)
        while self.mode == "hold":  # no answer until the bench moves on (the poster is dead)
            await asyncio.sleep(0.1)
        return web.json_response({"ok": True, "channel": args.get("channel"), "ts": message["ts"]})
