"""The Teams escalation sink: a proactive card in the comms team's channel.

Retries and crash safety are the dispatcher's (bot/escalation/dispatcher.py): this
sink makes one attempt and raises on any connector error, sorted like Slack's (429
with Retry-After, 401/403/404 parked with what to fix, 5xx and timeouts uncertain).

The Bot Connector has no idempotency key and a bot cannot read a channel's history,
so after an uncertain attempt the card is sent again marked as a possible repeat of
the same report (docs/teams.md, "Delivery guarantees").
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiohttp import ClientConnectorError, ClientResponseError

from bot.core.layout import ALERT_LABEL
from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView

from .alert_card import alert_card, reminder_card, summary
from .cards import action_set, card, card_activity, execute, text_block
from .connector import Proactive, _retry_after
from .references import CommsChannel, ConversationRefs, user_ref_key

NO_CHANNEL = (
    "no Teams comms channel yet: add the app to the communications team, or set "
    "POLICYBOT_TEAMS_COMMS_CONVERSATION and POLICYBOT_TEAMS_SERVICE_URL"
)


class TeamsSink:
    name = "teams"

    def __init__(
        self,
        *,
        comms: CommsChannel,
        proactive: Proactive,
        zone: ZoneInfo,
        refs: ConversationRefs | None = None,
    ) -> None:
        self.comms = comms
        self.proactive = proactive
        self.zone = zone
        self.refs = refs

    async def remind_reporter(self, escalation: EscalationView) -> str:
        """A card in the reporter's 1:1 chat with the same "Alert the comms team now"."""
        user = escalation.reporter_user_id
        if escalation.reporter_platform != "teams" or not user or self.refs is None:
            raise SinkError("the reporter is not on Teams", permanent=True)
        reference = await self.refs.aget(user_ref_key(user))
        if reference is None:
            raise SinkError("no 1:1 chat with the reporter to remind them in", permanent=True)
        text = REPORTER_REMINDER.format(id=escalation.id)
        button = execute(ALERT_LABEL, "alert", {"escalation": escalation.id}, style="positive")
        reminder = card([text_block(text), action_set(button)])
        try:
            activity_id = await self.proactive.post(reference, card_activity(reminder, text))
        except Exception as exc:
            raise classify(exc) from None
        return activity_id or f"teams:reminder:{escalation.id}"

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        return await self._post(escalation, reminder, repeat=False)

    async def send_again(self, escalation: EscalationView, reminder: bool = False) -> str:
        return await self._post(escalation, reminder, repeat=True)

    async def _post(self, escalation: EscalationView, reminder: bool, *, repeat: bool) -> str:
        reference = await self.comms.reference()
        if reference is None:
            raise SinkError(NO_CHANNEL)
        if reminder:
            content = reminder_card(escalation, self.zone)
            alert_id = _alert_id(escalation)
            if alert_id:
                # A reply in the alert's thread: it points at the alert, not a copy of it.
                reference = reference.model_copy(deep=True)
                base = reference.conversation.id.split(";", 1)[0]
                reference.conversation.id = f"{base};messageid={alert_id}"
        else:
            note = REPEAT_NOTE.format(id=escalation.id) if repeat else None
            content = alert_card(escalation, zone=self.zone, repeat_note=note)
        activity = card_activity(content, summary(escalation, reminder))
        try:
            activity_id = await self.proactive.post(reference, activity)
        except Exception as exc:
            raise classify(exc) from None
        # Posted but no id back: still delivered (raising would post it twice).
        return activity_id or f"teams:{escalation.id}"


def _alert_id(escalation: EscalationView) -> str | None:
    refs = (
        d.delivered_ref
        for d in escalation.deliveries
        if d.sink == "teams" and d.purpose == "alert" and d.delivered_ref
    )
    ref = next(refs, None)
    # "teams:<id>" marks a post that returned no activity id: nothing to thread under.
    return None if ref is None or ref.startswith("teams:") else ref


REPORTER_REMINDER = (
    "Your report #{id} has not been sent to the communications team yet. "
    "If you still want them to know, press the button below."
)
REPEAT_NOTE = (
    "Sent again after a connection problem: if report #{id} is already in this channel, "
    "this is the same report (acknowledging either one updates both records)."
)
_FIX = {
    401: "the Bot Connector refused policybot's credentials: check MICROSOFT_APP_ID/PASSWORD",
    403: "policybot may not post in the comms channel: add the app to the communications team",
    404: "the comms conversation is gone: add the app to the communications team again",
}


def classify(exc: BaseException) -> SinkError:
    """The SinkError the dispatcher acts on; the connector's body (it may echo) is dropped."""
    if isinstance(exc, SinkError):
        return exc
    if isinstance(exc, ClientResponseError):
        if exc.status == 429:
            return SinkError("connector: 429", retry_after=_retry_after(exc) or 1.0)
        if exc.status in _FIX:
            return SinkError(f"connector: {exc.status}: {_FIX[exc.status]}", permanent=True)
        return SinkError(f"connector: HTTP {exc.status}", uncertain=exc.status >= 500)
    if isinstance(exc, ClientConnectorError):
        return SinkError(f"connector: cannot connect ({type(exc).__name__})")
    return SinkError(f"connector: {type(exc).__name__}", uncertain=True)
