"""What every Slack listener shares: the services, the client, where to reply, and the
"never silent" guard that turns any failure into a short reply with the comms contact.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.compose import contact_line
from bot.services import Services
from bot.settings import Settings

from . import texts
from .render import Block, contact_now, escape

log = logging.getLogger("policybot.slack")


# Set while an inbox message is answered (inbound.py): the reply carries it.
REPLY_METADATA: ContextVar[dict[str, Any] | None] = ContextVar("reply_metadata", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Where:
    """Where a person asked, and so how to answer them.

    `private`: a DM with the bot, where replies (and a reporter's words) may be posted.
    `response_url`: slash commands and shortcuts answer through it, ephemerally.
    """

    channel: str
    user: str
    thread_ts: str | None = None
    private: bool = False
    response_url: str | None = None


@dataclass
class Surface:
    services: Services
    client: AsyncWebClient

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def store(self) -> Any:  # bot.escalation.outbox.EscalationStore
        return self.services.escalations

    @property
    def comms_channel(self) -> str | None:
        return self.settings.slack_comms_channel

    def now(self) -> datetime:
        """The assistant's clock, so replies and records agree on "in hours"."""
        clock = getattr(self.services.assistant, "clock", None)
        return clock() if callable(clock) else datetime.now(UTC)

    def contact(self) -> str | None:
        """The comms contact to use now, e.g. "Out of hours: call 07968 149916"."""
        try:
            return contact_now(self.services.assistant.contacts())
        except Exception:  # the contact must never turn an apology into a second failure
            log.warning("could not work out the comms contact", exc_info=True)
            return None

    def contacts_line(self) -> str | None:
        """Both contacts with their hours, for what stays on screen (forms, App Home)."""
        try:
            return contact_line(self.services.assistant.contacts()) or None
        except Exception:
            log.warning("could not work out the comms contact", exc_info=True)
            return None

    async def post(
        self, where: Where, text: str, blocks: list[Block], *, confidential: bool = False
    ) -> str | None:
        """Answer where they asked; `confidential` keeps it off shared channels.

        Returns the posted message's ts when there is one (not for ephemeral replies).
        """
        if where.response_url:
            await self.respond(where.response_url, text, blocks)
            return None
        if confidential and not where.private:
            await self.client.chat_postEphemeral(
                channel=where.channel,
                user=where.user,
                text=text,
                blocks=blocks,
                thread_ts=where.thread_ts,
            )
            return None
        resp = await self.client.chat_postMessage(
            channel=where.channel,
            text=text,
            blocks=blocks,
            thread_ts=where.thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            # Which inbox message this answers, so a replica taking it over can tell.
            metadata=REPLY_METADATA.get(),
        )
        return str(resp.get("ts") or "") or None

    async def respond(
        self, response_url: str, text: str, blocks: list[Block] | None = None, **kwargs: Any
    ) -> None:
        """Reply through an interaction's response_url (ephemeral unless told otherwise)."""
        webhook = AsyncWebhookClient(
            response_url, retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
        )
        kwargs.setdefault("response_type", "ephemeral")
        resp = await webhook.send(text=text, blocks=blocks, **kwargs)
        if resp.status_code != 200:
            raise RuntimeError(f"response_url answered {resp.status_code}")

    async def tell_user(self, user: str, text: str) -> None:
        """A private note in the person's DM with the bot (receipts, status changes)."""
        await self.client.chat_postMessage(channel=user, text=text, unfurl_links=False)

    async def apologise(self, where: Where, request_id: str) -> None:
        text = texts.APOLOGY.format(ref=request_id)
        contact = self.contact()
        if contact:
            text += texts.APOLOGY_CONTACT.format(contact=escape(contact))
        else:
            text += " Please contact the communications team directly."
        try:
            await self.post(where, text, [], confidential=True)
        except Exception as exc:
            log.error(
                "slack apology failed (request %s): %s",
                request_id,
                type(exc).__name__,
                extra={"request_id": request_id},
            )

    @asynccontextmanager
    async def guard(
        self,
        where: Where | None,
        what: str,
        request_id: str | None = None,
        *,
        retry_on: tuple[type[BaseException], ...] = (),
    ) -> AsyncIterator[str]:
        """Run a listener's work; on any failure log it (ids only) and still answer.

        Errors in `retry_on` are raised again after the apology, so the inbox tries the
        message again later (a database that went away mid-work).
        """
        rid = request_id or new_request_id()
        try:
            yield rid
        except Exception as exc:
            # Frames only at ERROR: an exception's message can quote the input (message text).
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error(
                "slack %s failed (request %s): %s\n%s",
                what,
                rid,
                type(exc).__name__,
                frames,
                extra={"request_id": rid},
            )
            log.debug("slack %s failed (request %s)", what, rid, exc_info=True)
            if where is not None:
                await self.apologise(where, rid)
            if isinstance(exc, retry_on):
                raise
