"""The one report workflow every surface (Slack, Teams, the terminal chat) goes through.

A detected report is recorded at once: held for the reporter to confirm, or open (and
so alerted by the dispatcher) straight away for safeguarding when so configured. The
reporter's confirm releases a held report; comms-channel members acknowledge and
resolve. Each step is one idempotent database call, so a double click or a second
replica changes nothing twice, and each returns a plain outcome the adapter renders.
Adapters decide who may click (platform membership checks) and how things look;
everything else is here, without Slack or Teams in sight.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.core.hours import is_business_hours
from bot.core.models import EscalationKind, Message
from bot.escalation.outbox import HELD, EscalationNotFound, EscalationStore
from bot.escalation.view import EscalationView, Transition
from bot.settings import Settings

log = logging.getLogger(__name__)

# How a report ended, chosen when resolving it (value: what the team sees).
OUTCOMES: dict[str, str] = {
    "handled": "Handled: action taken",
    "advice": "Advice given to the reporter",
    "referred": "Referred on (safeguarding lead, police)",
    "no_action": "No action needed",
    "duplicate": "Duplicate or sent by mistake",
}
MAX_NOTE = 1000


@dataclass(frozen=True)
class Recorded:
    escalation: EscalationView
    created: bool

    @property
    def held(self) -> bool:
        return self.escalation.status == HELD

    def receipt_due(self, *, private: bool) -> bool:
        """A separate receipt only for a new, sent report made where replies do not
        stay (a channel's ephemeral note vanishes; a DM reply is the receipt)."""
        return self.created and not self.held and not private


class Confirm(enum.Enum):
    SENT = "sent"  # released now: the dispatcher alerts the comms team
    ALREADY_SENT = "already_sent"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class Confirmed:
    outcome: Confirm
    escalation: EscalationView | None = None


class ReportWorkflow:
    def __init__(
        self, store: EscalationStore, settings: Settings, clock: Callable[[], datetime]
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock

    def holds(self, kind: str) -> bool:
        """Held for the reporter's confirmation, except safeguarding when configured:
        a child at risk cannot wait for a button (§3.2)."""
        return not (kind == "safeguarding" and self.settings.safeguarding_alert_immediately)

    def record(
        self,
        message: Message,
        kind: EscalationKind,
        *,
        held: bool | None = None,
        priority: int | None = None,
    ) -> Recorded:
        """Write the report once (idempotent on the message); `held=None`: the policy."""
        business = is_business_hours(self.clock(), self.settings)
        view, created = self.store.record(
            message,
            kind,
            business,
            priority=priority,
            held=self.holds(kind) if held is None else held,
        )
        log.info(
            "report %s kind=%s platform=%s held=%s created=%s",
            view.id,
            kind,
            message.platform,
            view.status == HELD,
            created,
        )
        return Recorded(view, created)

    def confirm(
        self, escalation_id: int | None, is_reporter: Callable[[str | None], bool]
    ) -> Confirmed:
        """The reporter's "alert the comms team now": only they may send their report."""
        view = self.store.get(escalation_id) if escalation_id else None
        if view is None:
            return Confirmed(Confirm.NOT_FOUND)
        if not is_reporter(view.reporter_user_id):
            return Confirmed(Confirm.NOT_YOURS, view)
        released = self.store.release(view.id)
        outcome = Confirm.SENT if released.changed else Confirm.ALREADY_SENT
        return Confirmed(outcome, released.escalation)

    def move(
        self,
        escalation_id: int,
        by: str,
        *,
        to: str,
        outcome: str | None = None,
        note: str | None = None,
    ) -> Transition:
        """Acknowledge or resolve (comms members only: the adapter checks membership).

        Resolving takes an outcome (one of OUTCOMES; anything else is refused) and an
        optional note. Raises `EscalationNotFound`; `changed` is False for a second click.
        """
        if to == "acknowledged":
            return self.store.acknowledge(escalation_id, by)
        if to == "resolved":
            if outcome is not None and outcome not in OUTCOMES:
                raise ValueError(f"unknown outcome {outcome!r}")
            clean = (note or "").strip()[:MAX_NOTE] or None
            return self.store.resolve(escalation_id, by, outcome=outcome, note=clean)
        raise ValueError(f"unknown transition {to!r}")


__all__ = ["OUTCOMES", "Confirm", "Confirmed", "EscalationNotFound", "Recorded", "ReportWorkflow"]
