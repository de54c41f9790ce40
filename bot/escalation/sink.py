"""The one-method seam every escalation destination implements (Slack, Teams, email, log)."""

from __future__ import annotations

from typing import Protocol

from bot.escalation.view import EscalationView


class Sink(Protocol):
    """Somewhere an escalation is posted: the comms channel in Slack or Teams, email, log."""

    name: str

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        """Post it; return the posted message's id or ref. Raise on failure."""
        ...


class SinkError(Exception):
    """A sink failure whose message is safe to store (it never holds reporters' words)."""


def error_summary(exc: BaseException) -> str:
    # Exception text from a client library can echo the request body (the reporter's
    # words), so only our own SinkError keeps its message.
    if isinstance(exc, SinkError):
        return f"SinkError: {exc}"[:500]
    return type(exc).__name__
