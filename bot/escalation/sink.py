"""The one-method seam every escalation destination implements (Slack, Teams, email, log),
and the optional hooks a sink can add for exactly-once delivery and reporter reminders.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bot.escalation.view import EscalationView


class Sink(Protocol):
    """Somewhere an escalation is posted: the comms channel in Slack or Teams, email, log."""

    name: str

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        """Post it; return the posted message's id or ref. Raise on failure."""
        ...


@runtime_checkable
class FindsPosted(Protocol):
    """A sink that can tell whether an earlier, uncertain attempt did post.

    After a timeout, a dropped connection, a 5xx or a dead dispatcher the post may have
    landed; the dispatcher asks this before sending again (Slack: message metadata read
    back from the channel's history; there is no idempotency key for chat.postMessage).
    """

    async def find_posted(self, escalation: EscalationView, reminder: bool = False) -> str | None:
        """The ref of the post if it is there, None if it is certainly not. Raise if unsure."""
        ...


@runtime_checkable
class SendsAgain(Protocol):
    """A sink that cannot look (Teams), but can mark a post that may be a repeat."""

    async def send_again(self, escalation: EscalationView, reminder: bool = False) -> str:
        """Post it again, saying it may repeat an earlier post of the same report."""
        ...


@runtime_checkable
class RemindsReporter(Protocol):
    """A sink that can nudge a reporter whose report is still held for their confirmation."""

    async def remind_reporter(self, escalation: EscalationView) -> str:
        """Tell the reporter privately; return the message ref. Raise on failure."""
        ...


class SinkError(Exception):
    """A sink failure whose message is safe to store (it never holds reporters' words).

    `permanent`: retrying will not help until someone acts (the bot is not in the
    channel, the token was revoked): the delivery is parked and the reason surfaced.
    `retry_after`: the platform said when to come back (HTTP 429 Retry-After).
    `uncertain`: the post may have landed (5xx, timeout): look before sending again.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        uncertain: bool = False,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
        self.uncertain = uncertain


# Prefixes of `last_error` the dispatcher reads back on the next claim.
UNCERTAIN = "uncertain: "
PARKED = "parked: "


def error_summary(exc: BaseException) -> str:
    # Exception text from a client library can echo the request body (the reporter's
    # words), so only our own SinkError keeps its message.
    if isinstance(exc, SinkError):
        summary = f"SinkError: {exc}"
        if exc.permanent:
            summary = PARKED + summary
        elif exc.uncertain:
            summary = UNCERTAIN + summary
        return summary[:500]
    # Anything else (a timeout, a dropped connection, a bug) may have happened after
    # the platform took the post.
    return UNCERTAIN + type(exc).__name__
