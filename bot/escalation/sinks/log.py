"""A sink that writes one log line per escalation: a record that something was raised.

Only the id and kind at INFO: reporters' words never reach the logs (STYLE.md).
"""

from __future__ import annotations

import logging

from bot.escalation.view import EscalationView

log = logging.getLogger("policybot.escalations")


class LogSink:
    name = "log"

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        what = "reminder: unacknowledged escalation" if reminder else "escalation"
        log.info("%s %s kind=%s", what, escalation.id, escalation.kind)
        return f"log:{escalation.id}{':reminder' if reminder else ''}"
