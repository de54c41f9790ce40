"""The Teams escalation sink: a proactive card in the comms team's channel.

Retries and crash safety are the dispatcher's (bot/escalation/dispatcher.py): this
sink makes one attempt and raises on any connector error, and the dispatcher
schedules the next attempt.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView

from .alert_card import alert_card, summary
from .cards import card_activity
from .connector import Proactive
from .references import CommsChannel

NO_CHANNEL = (
    "no Teams comms channel yet: add the app to the communications team, or set "
    "POLICYBOT_TEAMS_COMMS_CONVERSATION and POLICYBOT_TEAMS_SERVICE_URL"
)


class TeamsSink:
    name = "teams"

    def __init__(self, *, comms: CommsChannel, proactive: Proactive, zone: ZoneInfo) -> None:
        self.comms = comms
        self.proactive = proactive
        self.zone = zone

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        reference = await self.comms.reference()
        if reference is None:
            raise SinkError(NO_CHANNEL)
        card = alert_card(escalation, zone=self.zone, reminder=reminder)
        activity = card_activity(card, summary(escalation, reminder))
        activity_id = await self.proactive.post(reference, activity)
        # Posted but no id back: still delivered (raising would post it twice).
        return activity_id or f"teams:{escalation.id}"
