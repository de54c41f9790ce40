"""A time named in a question decides which contact leads, not the time of asking."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.asked_time import asked_time, latest_named_time
from bot.core.hours import contacts_now, is_business_hours
from bot.settings import Settings
from ingest.records import ContactFact

LONDON = ZoneInfo("Europe/London")
EMAIL = ContactFact("email", "comms@example.org", "business hours", "3.1", "...")
PHONE = ContactFact("phone", "01234 567890", "out of hours", "3.1", "...")
# Wednesday 25 November 2026, 11:00 in London (business hours) and 21:00 (out of hours).
WEDNESDAY_MORNING = datetime(2026, 11, 25, 11, 0, tzinfo=LONDON)
WEDNESDAY_NIGHT = datetime(2026, 11, 25, 21, 0, tzinfo=LONDON)


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None)


@pytest.mark.parametrize(
    ("text", "now", "in_hours"),
    [
        ("if a reporter calls me tonight who do I ring?", WEDNESDAY_MORNING, False),
        (
            "journalist emailed, I'll reply this evening - who do I contact?",
            WEDNESDAY_MORNING,
            False,
        ),
        ("who do I contact on Saturday about a press query?", WEDNESDAY_MORNING, False),
        ("what number do I use at the weekend", WEDNESDAY_MORNING, False),
        ("who do I contact on the bank holiday if the press call", WEDNESDAY_MORNING, False),
        ("what about at 7pm?", WEDNESDAY_MORNING, False),
        ("who do I contact on a weekday afternoon?", WEDNESDAY_NIGHT, True),
        ("and if it's Monday morning?", WEDNESDAY_NIGHT, True),
        ("tomorrow at 10am who do I email", WEDNESDAY_NIGHT, True),
    ],
)
def test_named_time_decides_business_hours(text, now, in_hours, settings):
    asked = asked_time(text, now, settings)
    assert asked is not None, text
    assert is_business_hours(asked.at, settings) is in_hours


def test_a_bank_holiday_named_is_a_real_bank_holiday(settings):
    asked = asked_time("who do I call on the bank holiday?", WEDNESDAY_MORNING, settings)
    assert asked is not None
    assert asked.at.date() == datetime(2026, 12, 25).date()  # Christmas Day, next one


def test_no_time_named_means_none(settings):
    assert asked_time("who do I contact about a journalist?", WEDNESDAY_MORNING, settings) is None
    assert (
        asked_time("I sat on a REC panel, can I tweet about it?", WEDNESDAY_MORNING, settings)
        is None
    )


def test_the_contact_for_the_time_asked_leads(settings):
    asked = asked_time("who do I call on Saturday?", WEDNESDAY_MORNING, settings)
    assert asked is not None
    first = contacts_now(asked.at, [EMAIL, PHONE], settings)[0]
    assert first.value == "01234 567890"
    weekday = asked_time("and on a weekday afternoon?", WEDNESDAY_NIGHT, settings)
    assert weekday is not None
    assert contacts_now(weekday.at, [EMAIL, PHONE], settings)[0].value == "comms@example.org"


def test_a_follow_up_naming_a_time_is_read_for_its_own_time(settings):
    question = "who do I call about a press query after 5pm? and during the working day?"
    latest = "and during the working day?"
    asked = asked_time(latest_named_time(question, latest), WEDNESDAY_NIGHT, settings)
    assert asked is not None and is_business_hours(asked.at, settings)
    # A follow-up naming no time keeps the time of the question it follows.
    assert latest_named_time(question, "and what do I tell them?") == question
