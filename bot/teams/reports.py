"""Reports in Teams, the reporter's side: record first, answer privately, alert on request.

The row is written before anything is sent, so a report survives any failure after
it. Teams has no ephemeral messages: in a channel the bot only says it has replied
privately, and the reply, with the reporter's words kept out of the thread, goes to
the reporter's 1:1 chat. What the comms team does with the alert (acknowledge,
resolve, read in full) is `comms_actions`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.adaptive_card import factory

from bot.core.layout import ReportState
from bot.core.models import Contact, EscalationInfo, Message, Reply
from bot.escalation.outbox import HELD
from bot.escalation.view import EscalationView
from bot.escalation.workflow import Confirm

from . import connector as conn
from .activities import (
    is_personal,
    personal_reference,
    reference_for,
    same_person,
    to_message,
    user_key,
)
from .cards import card_activity, card_response, note
from .references import ConversationRefs, user_ref_key
from .reply_cards import reply_card, summary_of, with_refresh
from .texts import NOT_FOUND

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

CHANNEL_NOTE = "Thanks. I've replied to you in a private chat."
NO_PRIVATE_CHAT = (
    "I couldn't open a private chat with you, so please contact the communications team "
    "directly. {contact}"
)
NOT_YOURS = "Only the person who made this report can send it."


class Reports:
    def __init__(
        self,
        *,
        services: Services,
        refs: ConversationRefs,
        contact_line: Callable[[], str],
    ) -> None:
        self.services = services
        self.refs = refs
        self.contact_line = contact_line

    async def record(
        self, message: Message, reply: Reply, *, kind: str | None = None, held: bool | None
    ) -> EscalationView:
        chosen = kind or (reply.escalation.kind if reply.escalation else "media")
        workflow = self.services.reports
        recorded = await asyncio.to_thread(workflow.record, message, chosen, held=held)  # type: ignore[arg-type]
        return recorded.escalation

    async def report(self, context: TurnContext, message: Message, reply: Reply) -> None:
        """A message the core recognised as a report (held or sent: the workflow decides)."""
        assert reply.escalation is not None
        view = await self.record(message, reply, held=None)
        state = ReportState(
            view.id, sent=view.status != HELD, from_channel=not is_personal(context.activity)
        )
        card = with_refresh(reply_card(reply, report=state), view.id, _viewer(context), form=False)
        await self.deliver_privately(context, card_activity(card, summary_of(reply, state)))

    async def deliver_privately(
        self, context: TurnContext, activity: Activity, *, announce: bool = True
    ) -> None:
        """In a 1:1 chat, reply; anywhere else, a neutral line there (unless `announce` is
        off: a second card after one already announced) and the rest in 1:1."""
        if is_personal(context.activity):
            await conn.with_retries(lambda: context.send_activity(activity))
            return
        if announce:
            await conn.with_retries(lambda: context.send_activity(note(CHANNEL_NOTE)))
        try:
            await self.send_to_personal_chat(context, activity)
        except Exception as exc:
            log.warning("teams private follow-up failed: %s", type(exc).__name__)
            log.debug("teams private follow-up failed", exc_info=True)
            text = NO_PRIVATE_CHAT.format(contact=self.contact_line())
            await conn.with_retries(lambda: context.send_activity(note(text)))

    async def send_to_personal_chat(self, context: TurnContext, activity: Activity) -> None:
        incoming = context.activity
        user = incoming.from_property
        connector = conn.connector_of(context)
        template = reference_for(incoming)
        chat_id = await conn.with_retries(
            lambda: conn.create_personal_chat(connector, template, user)
        )
        await conn.with_retries(lambda: conn.send_new(connector, chat_id, activity))
        key = user_key(user)
        if key:
            await self.refs.aput(user_ref_key(key), personal_reference(template, chat_id, user))

    async def on_alert(
        self, context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        """The reporter's "Alert the comms team now"."""
        clicker = context.activity.from_property
        result = await asyncio.to_thread(
            self.services.reports.confirm,
            int(data.get("escalation", 0) or 0) or None,
            lambda reporter: same_person(clicker, reporter),
        )
        if result.outcome is Confirm.NOT_FOUND or result.escalation is None:
            return factory.message(NOT_FOUND)
        if result.outcome is Confirm.NOT_YOURS:
            return factory.message(NOT_YOURS)
        log.info("teams report %s confirm=%s", result.escalation.id, result.outcome.value)
        card = await self._reporter_card(result.escalation)
        return card_response(with_refresh(card, result.escalation.id, _viewer(context), form=False))

    async def on_report_form(
        self, context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        """A report made through the form: it goes to the team whatever words it uses."""
        kind = str(data.get("kind", ""))
        details = str(data.get("details") or "").strip()
        if kind not in ("media", "safeguarding", "harassment") or not details:
            return factory.message("Tell me what happened first.")
        message = to_message(context.activity, details)
        reply = await self.services.ask(message)
        view = await self.record(message, reply, kind=kind, held=False)
        # The card shows their words back: the form is gone, and this is their record.
        form_reply = _as_kind(reply, kind, self.services.assistant.contacts())
        state = ReportState(
            view.id, sent=True, from_channel=not is_personal(context.activity), words=details
        )
        card = with_refresh(
            reply_card(form_reply, report=state), view.id, _viewer(context), form=True
        )
        if is_personal(context.activity):
            return card_response(card)
        await self.deliver_privately(context, card_activity(card, summary_of(form_reply, state)))
        return factory.message(CHANNEL_NOTE)

    async def _reporter_card(self, view: EscalationView) -> dict[str, Any]:
        reply: Reply | None = None
        if view.words:
            # The card is rebuilt from the stored words, so the button's data is just an id.
            message = Message(text=view.words, platform="teams", user_id=view.reporter_user_id)
            reply = await self.services.ask(message)
        state = ReportState(
            view.id, sent=view.status != HELD, from_channel=in_channel(view.source_channel)
        )
        contacts = self.services.assistant.contacts()
        return reply_card(_as_kind(reply, view.kind, contacts), report=state)


def in_channel(conversation_id: str | None) -> bool:
    """A team channel (19:…@thread…), where colleagues read along; 1:1 chats are a:…"""
    return bool(conversation_id) and not str(conversation_id).startswith("a:")


def _as_kind(reply: Reply | None, kind: str, contacts: list[Contact]) -> Reply:
    """The reply for a report of `kind`: the core's when it agrees (it quotes that kind's
    reporting rule), else the bare report with the contacts (a form names its kind)."""
    if reply is not None and reply.escalation is not None and reply.escalation.kind == kind:
        return reply
    info = EscalationInfo(kind=kind, contacts=contacts)  # type: ignore[arg-type]
    return Reply(kind="escalation", text="", escalation=info)


def _viewer(context: TurnContext) -> str | None:
    """The Teams id of who the card is for (the reporter), for its refresh."""
    sender = context.activity.from_property
    return sender.id if sender is not None else None
