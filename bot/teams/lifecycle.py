"""Conversation lifecycle in Teams: installs, the greeting, and the references kept for later.

The bot can only write first into a conversation it holds a reference for, so installs and
1:1 messages leave one behind: the person's 1:1 chat (to tell a reporter what became of
their report) and the comms team's channel (where escalations go). Teams sends both a
conversationUpdate and an installationUpdate for one install: only the conversationUpdate
greets, and it claims the event first, so a redelivery or a second replica does not greet
twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.hosting.core import TurnContext, TurnState

from .activities import (
    PLATFORM,
    base_conversation_id,
    bot_was_added,
    event_key,
    is_personal,
    reference_for,
    team_id,
    user_key,
)
from .cards import card_activity, note, welcome_card
from .references import CommsChannel, ConversationRefs, user_ref_key
from .texts import COMMS_HELLO

if TYPE_CHECKING:
    from bot.escalation.outbox import EscalationStore

log = logging.getLogger(__name__)


class Lifecycle:
    def __init__(
        self,
        *,
        store: EscalationStore,
        refs: ConversationRefs,
        comms: CommsChannel,
        send: Callable[[TurnContext, Any], Awaitable[None]],
        contact_line: Callable[[], str],
    ) -> None:
        self.store = store
        self.refs = refs
        self.comms = comms
        self.send = send
        self.contact_line = contact_line

    async def remember_conversation(self, context: TurnContext) -> None:
        activity = context.activity
        if is_personal(activity):
            key = user_key(activity.from_property)
            if key:
                await self.refs.aput(user_ref_key(key), reference_for(activity))
            return
        conversation = activity.conversation.id if activity.conversation else None
        if self.comms.matches(conversation, team_id(activity)):
            # A mention in the configured comms channel captures (or refreshes) it.
            ref = reference_for(activity, conversation_id=self.comms.configured_id)
            await self.comms.capture(ref, configured=True)

    async def capture_comms(self, context: TurnContext) -> bool:
        activity = context.activity
        conversation = base_conversation_id(activity.conversation.id)
        team = team_id(activity)
        configured = self.comms.matches(conversation, team)
        if not configured and (self.comms.configured_id or not team):
            return False
        target = self.comms.configured_id if configured else conversation
        stored = await self.comms.capture(
            reference_for(activity, conversation_id=target), configured=configured
        )
        if stored:
            log.warning("teams: escalations go to conversation %s (team %s)", target, team)
        else:
            log.warning(
                "teams: app added to team %s, but escalations keep going to the first team's "
                "channel; set POLICYBOT_TEAMS_COMMS_CONVERSATION to choose",
                team,
            )
        return stored

    async def on_conversation_update(self, context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        if not bot_was_added(activity):
            return
        try:
            if not await asyncio.to_thread(self.store.claim_event, PLATFORM, event_key(activity)):
                return
            if not is_personal(activity) and await self.capture_comms(context):
                await self.send(context, note(COMMS_HELLO))
                return
            await self.remember_conversation(context)
            welcome = welcome_card(self.contact_line())
            await self.send(context, card_activity(welcome, "Hello, I'm policybot"))
        except Exception as exc:
            log.error("teams install handling failed: %s", type(exc).__name__)
            log.debug("teams install handling failed", exc_info=True)

    async def on_installation_update(self, context: TurnContext, _state: TurnState) -> None:
        # Teams sends conversationUpdate too, which greets; this one only keeps references.
        if context.activity.action not in ("add", "add-upgrade"):
            return
        try:
            if is_personal(context.activity):
                await self.remember_conversation(context)
            else:
                await self.capture_comms(context)
        except Exception as exc:
            log.error("teams installation update failed: %s", type(exc).__name__)
