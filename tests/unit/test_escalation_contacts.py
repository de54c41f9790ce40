"""A report out of hours gives the phone first, in bold, and still the business-hours
email, each named with its hours ("who should I email?" on a Sunday is answered)."""

from __future__ import annotations

from bot.core.compose import compose_escalation
from bot.core.layout import ReportState, report_layout
from bot.core.models import Contact

EMAIL = "communications@hra.nhs.uk"
PHONE = "07968 149916"


def _contacts(*, out_of_hours: bool) -> list[Contact]:
    """As `contacts_now` gives them: the one that applies first."""
    both = [
        Contact(
            kind="phone",
            value=PHONE,
            use="out of hours",
            now=out_of_hours,
            hours="evenings, weekends, bank holidays",
        ),
        Contact(
            kind="email",
            value=EMAIL,
            use="business hours",
            now=not out_of_hours,
            hours="Mon–Fri 09:00–17:00",
        ),
    ]
    return both if out_of_hours else both[::-1]


def test_out_of_hours_report_leads_with_the_phone_and_names_the_email_hours():
    text = compose_escalation("media", [], _contacts(out_of_hours=True)).text
    assert "also **call 07968 149916**" in text
    assert f"Business hours (Mon–Fri 09:00–17:00): email {EMAIL}." in text
    assert text.index(PHONE) < text.index(EMAIL)
    assert text.count(PHONE) == 1 and text.count(EMAIL) == 1


def test_in_hours_report_gives_both_contacts_once_email_first():
    text = compose_escalation("media", [], _contacts(out_of_hours=False)).text
    assert text.count(PHONE) == 1 and text.count(EMAIL) == 1
    assert text.index(EMAIL) < text.index(PHONE)
    assert f"**Business hours (Mon–Fri 09:00–17:00): email {EMAIL}.**" in text


def test_report_card_out_of_hours_keeps_the_email_line():
    reply = compose_escalation("harassment", [], _contacts(out_of_hours=True))
    for live in (False, True):
        layout = report_layout(reply, ReportState(3, sent=False, live=live))
        assert PHONE in layout.steps[0]
        assert layout.contacts is not None and EMAIL in layout.contacts
        assert PHONE not in layout.contacts
