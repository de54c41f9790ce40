"""Faults the fake Slack Web API plays on demand, one per call of a method.

`FakeSlack.script("chat.postMessage", Late(4), Drop(), Status(500), ...)` queues them;
each call takes the next one, and calls after the queue runs out are answered normally.
Whether Slack "took" the post matters for exactly-once tests: `Late` and `Drop` (and
`Status(500, taken=True)`) keep the message, as Slack would after accepting it, so it
appears in conversations.history; the others refuse it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fault:
    # The message is stored (and in history), whatever the caller is told.
    taken: bool = field(default=False, kw_only=True)

    def status(self) -> int:
        return 200


@dataclass(frozen=True)
class Late(Fault):
    """Keep the post at once, answer `seconds` later (the caller may have given up)."""

    seconds: float = 4.0
    taken: bool = field(default=True, kw_only=True)


@dataclass(frozen=True)
class Drop(Fault):
    """Keep the post, then close the connection without answering."""

    taken: bool = field(default=True, kw_only=True)


@dataclass(frozen=True)
class Status(Fault):
    """An HTTP error status (e.g. 500, 503) with Slack's error JSON."""

    code: int = 500
    error: str = "internal_error"

    def status(self) -> int:
        return self.code


@dataclass(frozen=True)
class RateLimited(Fault):
    """429 `ratelimited` with Retry-After, as chat.postMessage answers over ~1/s/channel."""

    retry_after: int = 1

    def status(self) -> int:
        return 429


@dataclass(frozen=True)
class Error(Fault):
    """HTTP 200 with `{"ok": false, "error": code}`: Slack's usual way of refusing."""

    code: str = "not_in_channel"


# The real error answers policybot must handle (api.slack.com/methods/chat.postMessage).
REAL_ERRORS = (
    "not_in_channel",
    "channel_not_found",
    "invalid_blocks",
    "msg_too_long",
    "token_revoked",
    "account_inactive",
    "invalid_auth",
)
