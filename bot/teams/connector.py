"""Bot Connector calls beyond replying in a turn: proactive posts, card updates, rosters.

Proactive work goes through the SDK's `continue_conversation_with_claims`, which builds
the connector client (and, with credentials, its token) for the reference's serviceUrl;
the callback then talks to the connector directly, because `send_activity` in a
continuation turn would thread the post under the synthetic continuation id.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiohttp import ClientResponseError
from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core import ClaimsIdentity, ConnectorClientBase, TurnContext
from microsoft_agents.hosting.core.channel_service_adapter import ChannelServiceAdapter
from pydantic import ValidationError

log = logging.getLogger(__name__)

T = TypeVar("T")
# PLATFORM-NOTES: back off on 429 with jitter; 412, 502 and 504 are worth a retry too.
RETRY_STATUSES = frozenset({412, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 5.0


def connector_of(context: TurnContext) -> ConnectorClientBase:
    connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
    if connector is None:
        raise RuntimeError("no connector client in this turn")
    return connector


async def with_retries(call: Callable[[], Awaitable[T]], *, attempts: int = 3) -> T:
    """Retry a connector call a few times within one turn (a reply lost to one 502 would
    leave the person with silence). The dispatcher does its own, longer retries."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except ClientResponseError as exc:
            if exc.status not in RETRY_STATUSES or attempt == attempts:
                raise
            delay = _retry_after(exc) or 0.5 * 2 ** (attempt - 1) * random.uniform(0.5, 1.0)
            log.info("connector %s; retrying in %.1fs", exc.status, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


def _retry_after(exc: ClientResponseError) -> float | None:
    value = exc.headers.get("Retry-After") if exc.headers else None
    try:
        return min(float(value), MAX_RETRY_AFTER) if value else None
    except ValueError:
        return None


async def send_new(connector: ConnectorClientBase, conversation_id: str, activity: Activity) -> str:
    """Post `activity` as a new message (a new post in a channel); returns its id."""
    response = await connector.conversations.send_to_conversation(conversation_id, activity)
    return response.id or ""


async def update(
    connector: ConnectorClientBase, conversation_id: str, activity_id: str, activity: Activity
) -> None:
    activity.id = activity_id
    await connector.conversations.update_activity(conversation_id, activity_id, activity)


async def member_ids(connector: ConnectorClientBase, conversation_id: str) -> set[str]:
    """Every id (Teams and Entra) of the members of a conversation, all pages.

    The paged roster is the one Teams keeps supporting for large teams.
    """
    ids: set[str] = set()
    token: str | None = None
    while True:
        try:
            page = await connector.conversations.get_conversation_paged_members(
                conversation_id, page_size=500, continuation_token=token
            )
        except ValidationError:
            # A page the SDK cannot parse (e.g. a null token): the plain roster instead.
            members = await connector.conversations.get_conversation_members(conversation_id)
            return ids | {x for m in members for x in (m.id, m.aad_object_id) if x}
        for member in page.members or []:
            ids.update(x for x in (member.id, member.aad_object_id) if x)
        token = page.continuation_token
        if not token:
            return ids


async def create_personal_chat(
    connector: ConnectorClientBase, reference: ConversationReference, user: ChannelAccount
) -> str:
    """Open (or find: Teams returns the existing one) the bot's 1:1 chat with `user`."""
    tenant = reference.conversation.tenant_id if reference.conversation else None
    member = ChannelAccount(id=user.id, aad_object_id=user.aad_object_id)
    params = ConversationParameters.model_validate(
        {
            "isGroup": False,
            "bot": reference.agent,
            "members": [member],
            **({"tenantId": tenant, "channelData": {"tenant": {"id": tenant}}} if tenant else {}),
        }
    )
    result = await connector.conversations.create_conversation(params)
    if not result.id:
        raise RuntimeError("the connector returned no conversation id")
    return result.id


class Proactive:
    """Runs a callback with a connector client for a stored conversation reference."""

    def __init__(self, adapter: ChannelServiceAdapter, app_id: str | None) -> None:
        self.adapter = adapter
        self.app_id = app_id

    def identity(self) -> ClaimsIdentity:
        if not self.app_id:
            # No claims = anonymous: outgoing calls carry no token (local testing only).
            return ClaimsIdentity()
        return ClaimsIdentity({"aud": self.app_id, "appid": self.app_id})

    async def run(
        self,
        reference: ConversationReference,
        work: Callable[[ConnectorClientBase], Awaitable[T]],
    ) -> T:
        results: list[T] = []

        async def callback(context: TurnContext) -> None:
            results.append(await work(connector_of(context)))

        await self.adapter.continue_conversation_with_claims(
            self.identity(), reference.get_continuation_activity(), callback
        )
        if not results:
            raise RuntimeError("the proactive turn did not run")
        return results[0]

    async def post(self, reference: ConversationReference, activity: Activity) -> str:
        conversation_id = reference.conversation.id
        return await self.run(reference, lambda c: send_new(c, conversation_id, activity))
