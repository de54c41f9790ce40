"""Hooks that make the Slack fake slow per method, without changing fake_slack.py."""

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
        return super().answer(method, args)
