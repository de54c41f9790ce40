"""Reports in Teams: record first, answer privately, alert on request, and let the comms
team acknowledge and resolve from their channel.

The row is written before anything is sent, so a report survives any failure after
it. Teams has no ephemeral messages: in a channel the bot only says it has replied
privately, and the reply, with the reporter's words kept out of the thread, goes to
the reporter's 1:1 chat.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.adaptive_card import factory

from bot.core.layout import ReportState
from bot.core.models import Contact, EscalationInfo, Message, Reply
from bot.escalation.outbox import HELD, EscalationNotFound
from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES, Confirm

from . import connector as conn
from .activities import (
    base_conversation_id,
    is_personal,
    personal_reference,
    reference_for,
    same_person,
    to_message,
    user_key,
)
from .alert_card import alert_card, reporter_update, words_card
from .cards import CARD_TYPE, card, card_activity, card_response, note, text_block
from .references import CommsChannel, ConversationRefs, user_ref_key
from .reply_cards import reply_card, summary_of, with_refresh

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

CHANNEL_NOTE = "Thanks. I've replied to you in a private chat."
NO_PRIVATE_CHAT = (
    "I couldn't open a private chat with you, so please contact the communications team "
    "directly. {contact}"
)
NOT_YOURS = "Only the person who made this report can send it."
NOT_COMMS = "Only members of the communications team's channel can acknowledge or resolve reports."
NOT_HERE = "Acknowledge and resolve reports from the communications team's channel."
NOT_FOUND = "I can't find that report any more."
CHOOSE_OUTCOME = "Choose how it ended (Resolve…, then an outcome), then confirm."
NOTIFY_TIMEOUT = 10.0


class Reports:
    def __init__(
        self,
        *,
        services: Services,
        refs: ConversationRefs,
        comms: CommsChannel,
        proactive: conn.Proactive,
        contact_line: Any,
    ) -> None:
        self.services = services
        self.store = services.escalations
        self.refs = refs
        self.comms = comms
        self.proactive = proactive
        self.contact_line = contact_line
        self.zone = ZoneInfo(services.settings.timezone)

    # --- the reporter --------------------------------------------------------------
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

    async def deliver_privately(self, context: TurnContext, activity: Activity) -> None:
        """In a 1:1 chat, reply; anywhere else, a neutral line there and the rest in 1:1."""
        if is_personal(context.activity):
            await conn.with_retries(lambda: context.send_activity(activity))
            return
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

    # --- the comms team ------------------------------------------------------------
    async def on_transition(
        self, context: TurnContext, data: dict[str, Any], *, to: str
    ) -> AdaptiveCardInvokeResponse:
        """Acknowledge or Resolve, clicked on an alert card: comms team members only."""
        refusal = await self.refusal(context)
        if refusal:
            log.info("teams %s refused: not in or not a member of the comms conversation", to)
            return factory.message(refusal)
        clicker = context.activity.from_property
        by = clicker.name or clicker.id
        outcome = str(data.get("outcome") or "") or None
        if to == "resolved" and outcome not in OUTCOMES:
            return factory.message(CHOOSE_OUTCOME)
        try:
            transition = await asyncio.to_thread(
                partial(
                    self.services.reports.move,
                    int(data.get("escalation", 0)),
                    by,
                    to=to,
                    outcome=outcome,
                    note=str(data.get("note") or ""),
                )
            )
        except EscalationNotFound:
            return factory.message(NOT_FOUND)
        view = transition.escalation
        card = alert_card(view, zone=self.zone)
        await self._refresh_posted(context, view, card)
        if transition.changed:
            await self.notify_reporter(view)
        return card_response(card)

    async def refusal(self, context: TurnContext) -> str | None:
        """Why the clicker may not act on an alert (not the comms channel, not a member)."""
        activity = context.activity
        comms = await self.comms.reference()
        here = base_conversation_id(activity.conversation.id) if activity.conversation else ""
        if comms is None or here != base_conversation_id(comms.conversation.id):
            return NOT_HERE
        connector = conn.connector_of(context)
        members = await conn.with_retries(
            lambda: conn.member_ids(connector, base_conversation_id(comms.conversation.id))
        )
        clicker = activity.from_property
        if clicker is None or not ({clicker.id, clicker.aad_object_id} & members):
            return NOT_COMMS
        return None

    async def full_report(self, context: TurnContext, data: dict[str, Any]) -> dict[str, Any]:
        """The whole report in a task module (the "Full report" button): comms only."""
        refusal = await self.refusal(context)
        view = (
            None
            if refusal
            else await asyncio.to_thread(self.store.get, _int(data.get("escalation")))
        )
        if view is None or view.words is None:
            content = card([text_block(refusal or NOT_FOUND)])
            title = "Report"
        else:
            content, title = words_card(view), f"Report #{view.id}"
        info: dict[str, Any] = {"title": title, "height": "large", "width": "medium"}
        info["card"] = {"contentType": CARD_TYPE, "content": content}
        return {"task": {"type": "continue", "value": info}}

    async def _refresh_posted(
        self, context: TurnContext, view: EscalationView, card: dict[str, Any]
    ) -> None:
        """Update every copy in the channel (the alert and any reminder), not only the
        clicked one, so nobody acknowledges from a stale card."""
        connector = conn.connector_of(context)
        activity = context.activity
        targets = {activity.reply_to_id: activity.conversation.id} if activity.reply_to_id else {}
        full = await asyncio.to_thread(self.store.get, view.id)
        for delivery in full.deliveries if full else ():
            # Only the alert: a reminder is a short nudge and must stay one.
            if delivery.sink == "teams" and delivery.purpose == "alert" and delivery.delivered_ref:
                targets.setdefault(
                    delivery.delivered_ref, base_conversation_id(activity.conversation.id)
                )
        for activity_id, conversation_id in targets.items():
            update = card_activity(card, f"Report #{view.id}: {view.status}")
            try:
                await conn.with_retries(
                    partial(conn.update, connector, conversation_id, activity_id, update)
                )
            except Exception as exc:
                log.warning("teams card update for %s failed: %s", view.id, type(exc).__name__)

    async def notify_reporter(self, view: EscalationView) -> None:
        if view.reporter_platform != "teams" or not view.reporter_user_id:
            return
        reference = await self.refs.aget(user_ref_key(view.reporter_user_id))
        if reference is None:
            log.warning("teams report %s: no 1:1 chat with the reporter to notify", view.id)
            return
        try:
            await asyncio.wait_for(
                self.proactive.post(reference, note(reporter_update(view))), NOTIFY_TIMEOUT
            )
        except Exception as exc:
            log.warning(
                "teams report %s: notifying the reporter failed: %s", view.id, type(exc).__name__
            )
            log.debug("notify reporter failed", exc_info=True)


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


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
