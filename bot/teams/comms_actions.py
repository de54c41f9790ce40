"""The comms team's side of a report in Teams: Acknowledge, Resolve and Full report.

Only members of the comms team's channel may act, and only from that channel: the
membership is asked of Teams at each click, not read from the card, and the full report
(the reporter's own words) is shown on the same terms. After a move every posted copy of
the alert is updated, so nobody acts on a stale card, and the reporter is told in their
1:1 chat, best effort: the move is already recorded, so a failed notice is only logged.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.adaptive_card import factory

from bot.escalation.outbox import EscalationNotFound
from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES

from . import connector as conn
from .activities import base_conversation_id
from .alert_card import alert_card, reporter_update, words_card
from .cards import CARD_TYPE, card, card_activity, card_response, note, text_block
from .references import CommsChannel, ConversationRefs, user_ref_key
from .texts import NOT_FOUND

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

NOT_COMMS = "Only members of the communications team's channel can acknowledge or resolve reports."
NOT_HERE = "Acknowledge and resolve reports from the communications team's channel."
CHOOSE_OUTCOME = "Choose how it ended (Resolve…, then an outcome), then confirm."
NOTIFY_TIMEOUT = 10.0


class CommsActions:
    def __init__(
        self,
        *,
        services: Services,
        refs: ConversationRefs,
        comms: CommsChannel,
        proactive: conn.Proactive,
    ) -> None:
        self.services = services
        self.store = services.escalations
        self.refs = refs
        self.comms = comms
        self.proactive = proactive
        self.zone = ZoneInfo(services.settings.timezone)

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


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
