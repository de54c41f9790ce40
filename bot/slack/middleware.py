"""Global filters that run after bolt's verification and before any listener.

Order matters: tag the request, drop bots' messages (so they never use up a dedup
claim), then claim the event id in the shared database so that Slack's retries and a
second replica answer it once. A request is never dropped just for carrying
X-Slack-Retry-Num: the first delivery may never have arrived.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from .payloads import is_bot_event, team_of
from .surface import new_request_id

log = logging.getLogger("policybot.slack")
Next = Callable[[], Awaitable[BoltResponse]]


def _done() -> BoltResponse:
    return BoltResponse(status=200, body="")


class RequestId(AsyncMiddleware):
    """A short id per request: in every log line about it and in any apology."""

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Next
    ) -> BoltResponse:
        req.context["request_id"] = new_request_id()
        return await next()


class IgnoreBots(AsyncMiddleware):
    """Never answer a bot, this one included (bolt's own filter covers only ourselves)."""

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Next
    ) -> BoltResponse:
        event = req.body.get("event") if req.body.get("type") == "event_callback" else None
        if isinstance(event, dict):
            inner = event.get("message")
            inner = inner if isinstance(inner, dict) else {}
            if is_bot_event(event, req.context.bot_user_id) or (
                event.get("subtype") == "message_changed" and is_bot_event(inner, None)
            ):
                return _done()
        return await next()


class Deduplicate(AsyncMiddleware):
    """Answer each (team, event id) once, across retries and replicas.

    The claim is a database write, so it is made after the ack, not before it: bolt acks
    an event before it runs the listener, and the listener asks `first_delivery` before
    doing any work. Under a burst the writes queue, and before the ack that queue once
    cost a p99 ack of 1-2 s (docs/benchmarks.md); the answer still happens only once.
    """

    def __init__(self, claim: Callable[[str, str], bool]) -> None:
        self.claim = claim

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Next
    ) -> BoltResponse:
        body: dict[str, Any] = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            retry = req.headers.get("x-slack-retry-num", [None])[0]
            req.context[_CLAIM] = lambda: self._first(body, str(event_id), retry, req)
        return await next()

    async def _first(
        self, body: dict[str, Any], event_id: str, retry: str | None, req: AsyncBoltRequest
    ) -> bool:
        try:
            first = await asyncio.to_thread(self.claim, "slack:" + team_of(body), event_id)
        except Exception as exc:
            # Better a rare double answer than a lost report: go on without the claim.
            log.warning(
                "event %s: dedup claim failed (%s); handling it anyway",
                event_id,
                type(exc).__name__,
                extra={"request_id": req.context.get("request_id")},
            )
            return True
        if not first:
            log.info("event %s already handled (retry %s): skipped", event_id, retry or "-")
        return bool(first)


_CLAIM = "policybot_claim_event"


async def first_delivery(context: Any) -> bool:
    """True unless this event was already handled (by this replica or another)."""
    claim = context.get(_CLAIM)
    return True if claim is None else bool(await claim())
