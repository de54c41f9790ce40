"""The email sink delivers a real SMTP message to a local aiosmtpd server."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message as EmailMsg

import pytest
from aiosmtpd.controller import Controller
from conftest import message

from bot.escalation.dispatcher import Dispatcher, build_sinks
from bot.escalation.outbox import EscalationStore
from bot.escalation.sinks.email import EmailSink
from bot.settings import Settings
from ingest.records import ContactFact

PHONE = ContactFact("phone", "01234 567890", "out of hours", "3.5", "out of hours call ...")
EMAIL = ContactFact("email", "comms@example.org", "business hours", "3.1", "email ...")


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMsg]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


async def test_escalation_email_arrives(
    smtp: tuple[Inbox, int], store: EscalationStore, tmp_path: object
) -> None:
    inbox, port = smtp
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        smtp_from="policybot@hra.example",
        smtp_to="comms@example.org, duty@example.org",
    )
    sinks = build_sinks(settings, contacts=[EMAIL, PHONE])
    assert [s.name for s in sinks] == ["log", "email"]
    row, _ = store.record(
        message(1, text="A journalist from the Times rang me", user_name="Sam Jones"),
        "media",
        business_hours=False,
    )
    counts = await Dispatcher(store, sinks, settings).run_once()
    assert counts.delivered == 2 and counts.failed == 0
    [(rcpts, mail)] = inbox.messages
    assert rcpts == ["comms@example.org", "duty@example.org"]
    assert mail["Subject"] == f"[policybot] Media approach #{row.id}"
    body = mail.get_payload(decode=True).decode()
    for expected in (
        "A journalist from the Times rang me",
        "Sam Jones",
        "out of business hours",
        "01234 567890",
        "Kind:      media",
        f"ack {row.id}",
    ):
        assert expected in body, expected
    view = store.get(row.id)
    assert view is not None
    [sent] = [d for d in view.deliveries if d.sink == "email"]
    assert sent.delivered_ref == f"<escalation-{row.id}-alert@hra.example>"


async def test_unreachable_smtp_is_retried_not_lost(
    store: EscalationStore, tmp_path: object
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    sink = EmailSink(
        host="127.0.0.1", port=_free_port(), sender="a@b.c", recipients=["d@e.f"], timeout=2
    )
    row, _ = store.record(message(2), "harassment", business_hours=True)
    counts = await Dispatcher(store, [sink], settings).run_once()
    assert counts.failed == 1
    [d] = store.get(row.id).deliveries  # type: ignore[union-attr]
    assert d.delivered_at is None and d.last_error == "uncertain: ConnectionRefusedError"


def test_reminder_subject() -> None:
    sink = EmailSink(host="h", port=25, sender="a@b.c", recipients=["d@e.f"])
    from datetime import UTC, datetime

    from bot.escalation.view import EscalationView

    view = EscalationView(
        id=9,
        kind="safeguarding",
        status="open",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        business_hours=True,
        urgent=True,
        priority=2,
        idempotency_key="k",
        reporter_platform="teams",
        reporter_user_id=None,
        reporter_name=None,
        source_platform="teams",
        source_channel=None,
        source_thread=None,
        words=None,
    )
    mail = sink.compose(view, reminder=True)
    assert mail["Subject"].startswith("[policybot] REMINDER")
    assert "[purged]" in mail.get_content() and "in business hours" in mail.get_content()
