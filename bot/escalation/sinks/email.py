"""Email the comms team's inbox: plain text, stdlib smtplib in a worker thread.

Everything the team needs to act without opening the bot: the kind, when, in or out of
hours, who reported it and where, their words, and the out-of-hours phone line from the
policy (§3.1, §3.5). The Message-ID is derived from the escalation and purpose so a
resend after a crash is recognisable as the same email.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from bot.escalation.sink import SinkError
from bot.escalation.view import EscalationView

TITLES = {
    "media": "Media approach",
    "safeguarding": "Safeguarding concern",
    "harassment": "Online harassment",
}


class EmailSink:
    name = "email"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        recipients: Sequence[str],
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        out_of_hours_phone: str | None = None,
        timezone: str = "Europe/London",
        timeout: float = 30.0,
    ) -> None:
        if not recipients:
            raise SinkError("the email sink needs at least one recipient (POLICYBOT_SMTP_TO)")
        self.host, self.port = host, port
        self.sender, self.recipients = sender, list(recipients)
        self.username, self.password = username, password
        self.starttls = starttls
        self.out_of_hours_phone = out_of_hours_phone
        self.zone = ZoneInfo(timezone)
        self.timeout = timeout

    def compose(self, escalation: EscalationView, reminder: bool = False) -> EmailMessage:
        title = TITLES.get(escalation.kind, escalation.kind.title())
        prefix = "REMINDER, not yet acknowledged: " if reminder else ""
        message = EmailMessage()
        message["Subject"] = f"[policybot] {prefix}{title} #{escalation.id}"
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        domain = self.sender.rpartition("@")[2] or "policybot.local"
        purpose = "reminder" if reminder else "alert"
        message["Message-ID"] = f"<escalation-{escalation.id}-{purpose}@{domain}>"
        message.set_content(self.body(escalation, reminder))
        return message

    def body(self, e: EscalationView, reminder: bool) -> str:
        when = e.created_at.astimezone(self.zone).strftime("%A %d %B %Y, %H:%M %Z")
        reporter = e.reporter_name or e.reporter_user_id or "unknown"
        where = " / ".join(x for x in (e.source_platform, e.source_channel) if x)
        lines = [
            f"{TITLES.get(e.kind, e.kind)} reported to policybot (escalation #{e.id}).",
            "",
            f"Kind:      {e.kind}{' (urgent)' if e.urgent else ''}",
            f"When:      {when} ({'in' if e.business_hours else 'out of'} business hours)",
            f"Reporter:  {reporter} ({e.reporter_platform}"
            f"{', ' + e.reporter_user_id if e.reporter_user_id else ''})",
            f"Where:     {where}",
        ]
        if e.source_thread:
            lines.append(f"Thread:    {e.source_thread}")
        lines += ["", "Their words:", e.words if e.words is not None else "[purged]", ""]
        if reminder:
            lines.append("Nobody has acknowledged this escalation yet.")
        if self.out_of_hours_phone:
            lines.append(f"Out of hours, the communications line is {self.out_of_hours_phone}.")
        lines.append(f"Acknowledge: policybot escalations ack {e.id} --by YOUR-NAME")
        return "\n".join(lines) + "\n"

    async def send(self, escalation: EscalationView, reminder: bool = False) -> str:
        message = self.compose(escalation, reminder)
        await asyncio.to_thread(self._send_sync, message)
        return str(message["Message-ID"])

    def _send_sync(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username and self.password:
                smtp.login(self.username, self.password)
            smtp.send_message(message)
