"""Conversation references in the shared database: where the bot can post later.

Two kinds: the comms team's channel (key "comms"), captured when the app is added
to it or built from settings, and each reporter's 1:1 chat ("user:<id>"), for the
follow-up that must never appear in a public thread. Never only in memory: any
replica may run the dispatcher or receive the Acknowledge click.
"""

from __future__ import annotations

import asyncio
import logging

from microsoft_agents.activity import ConversationReference
from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from bot.core.hours import Clock, SystemClock
from bot.escalation.db import insert_for
from bot.escalation.models import ConversationRef
from bot.settings import Settings

from .activities import PLATFORM, base_conversation_id

log = logging.getLogger(__name__)

COMMS = "comms"


def user_ref_key(user_key: str) -> str:
    return f"user:{user_key}"


class ConversationRefs:
    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def get(self, key: str) -> ConversationReference | None:
        query = select(ConversationRef.reference).where(
            ConversationRef.platform == PLATFORM, ConversationRef.key == key
        )
        with self._sessions() as s:
            raw = s.scalar(query)
        return ConversationReference.model_validate_json(raw) if raw else None

    def put(self, key: str, reference: ConversationReference) -> None:
        raw = reference.model_dump_json(by_alias=True, exclude_none=True)
        values = {"platform": PLATFORM, "key": key, "reference": raw, "updated_at": self.clock()}
        stmt = insert_for(self.engine)(ConversationRef).values(**values)
        # The newest reference wins: Teams may move a conversation to another serviceUrl.
        stmt = stmt.on_conflict_do_update(
            index_elements=["platform", "key"],
            set_={"reference": raw, "updated_at": values["updated_at"]},
        )
        with self._sessions() as s, s.begin():
            s.execute(stmt)

    def put_if_absent(self, key: str, reference: ConversationReference) -> bool:
        """Store unless one exists; True when this call stored it (atomic across replicas)."""
        raw = reference.model_dump_json(by_alias=True, exclude_none=True)
        values = {"platform": PLATFORM, "key": key, "reference": raw, "updated_at": self.clock()}
        stmt = insert_for(self.engine)(ConversationRef).values(**values)
        stmt = stmt.on_conflict_do_nothing(index_elements=["platform", "key"]).returning(
            ConversationRef.key
        )
        with self._sessions() as s, s.begin():
            return s.execute(stmt).first() is not None

    # --- async faces for handlers on the event loop ------------------------------------
    async def aget(self, key: str) -> ConversationReference | None:
        return await asyncio.to_thread(self.get, key)

    async def aput(self, key: str, reference: ConversationReference) -> None:
        await asyncio.to_thread(self.put, key, reference)


class CommsChannel:
    """The comms team's conversation: configured in settings, or captured on install."""

    def __init__(self, refs: ConversationRefs, settings: Settings) -> None:
        self.refs = refs
        self.configured_id = settings.teams_comms_conversation_id
        self.settings = settings

    def matches(self, conversation_id: str | None, team: str | None = None) -> bool:
        """Is this conversation the configured comms channel (or its team)?"""
        if not self.configured_id or not conversation_id:
            return False
        return self.configured_id in (base_conversation_id(conversation_id), team)

    def from_settings(self) -> ConversationReference | None:
        s = self.settings
        if not (self.configured_id and s.teams_service_url):
            return None
        conversation: dict[str, object] = {
            "id": self.configured_id,
            "conversationType": "channel",
            "isGroup": True,
        }
        if s.microsoft_app_tenant_id:
            conversation["tenantId"] = s.microsoft_app_tenant_id
        reference: dict[str, object] = {
            "channelId": "msteams",
            "serviceUrl": s.teams_service_url,
            "conversation": conversation,
        }
        if s.microsoft_app_id:
            reference["bot"] = {"id": f"28:{s.microsoft_app_id}"}  # how Teams addresses a bot
        return ConversationReference.model_validate(reference)

    async def reference(self) -> ConversationReference | None:
        stored = await self.refs.aget(COMMS)
        if stored and (not self.configured_id or stored.conversation.id == self.configured_id):
            return stored
        return self.from_settings()

    async def capture(self, reference: ConversationReference, *, configured: bool) -> bool:
        """Remember the comms channel; True when `reference` is (now) the comms channel.

        A configured channel always refreshes its reference. Otherwise the first team the
        app is added to is taken and later ones are not, so another team can never start
        receiving reports by installing the app. Teams announces an install twice
        (conversationUpdate and installationUpdate), so the same channel counts as taken.
        """
        if configured:
            await self.refs.aput(COMMS, reference)
            return True
        if await asyncio.to_thread(self.refs.put_if_absent, COMMS, reference):
            return True
        stored = await self.refs.aget(COMMS)
        return stored is not None and stored.conversation.id == reference.conversation.id
