"""Sinks that receive escalations, and `build_sinks` that picks them from the settings.

Slack and Teams sinks live with their adapters; they join through `register` (a factory
per sink, called with the settings) or the `extra` argument, so this package does not
import either platform.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.errors import ConfigError
from bot.escalation.sink import Sink
from bot.escalation.sinks.email import EmailSink
from bot.escalation.sinks.log import LogSink
from bot.settings import Settings
from ingest.records import ContactFact, PolicyFacts

SinkFactory = Callable[[Settings], Sink | None]
_FACTORIES: list[SinkFactory] = []


def register(factory: SinkFactory) -> SinkFactory:
    """Add a sink factory (returns None when its platform is not configured)."""
    if factory not in _FACTORIES:
        _FACTORIES.append(factory)
    return factory


def _out_of_hours_phone(contacts: Sequence[ContactFact] | PolicyFacts) -> str | None:
    facts = contacts.contacts if isinstance(contacts, PolicyFacts) else contacts
    return next((c.value for c in facts if c.use == "out of hours"), None)


def email_sink(settings: Settings, phone: str | None = None) -> EmailSink | None:
    if not settings.smtp_host:
        return None
    recipients = [r.strip() for r in (settings.smtp_to or "").split(",") if r.strip()]
    if not recipients:
        raise ConfigError(
            "POLICYBOT_SMTP_HOST is set: also set POLICYBOT_SMTP_TO (comma-separated)"
        )
    return EmailSink(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.smtp_from,
        recipients=recipients,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        starttls=settings.smtp_starttls,
        out_of_hours_phone=phone,
        timezone=settings.timezone,
    )


def build_sinks(
    settings: Settings,
    *,
    contacts: Sequence[ContactFact] | PolicyFacts = (),
    extra: Sequence[Sink] = (),
) -> list[Sink]:
    """The log sink always, email when SMTP is configured, then registered and extra sinks."""
    sinks: list[Sink] = [LogSink()]
    email = email_sink(settings, _out_of_hours_phone(contacts))
    if email:
        sinks.append(email)
    for factory in _FACTORIES:
        sink = factory(settings)
        if sink is not None:
            sinks.append(sink)
    sinks.extend(extra)
    return sinks


__all__ = ["EmailSink", "LogSink", "Sink", "build_sinks", "register"]
