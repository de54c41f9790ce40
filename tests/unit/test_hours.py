"""Business hours in Europe/London and the contact to use now, over the awkward edges."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.hours import (
    SystemClock,
    contacts_now,
    fixed_clock,
    is_business_hours,
    parse_days,
)
from bot.errors import ConfigError
from bot.settings import Settings
from ingest.records import ContactFact, PolicyFacts

LONDON = ZoneInfo("Europe/London")
EMAIL = ContactFact(
    "email", "comms@example.org", "business hours", "3.1", "During business hours email ..."
)
PHONE = ContactFact("phone", "01234 567890", "out of hours", "3.5", "out of hours call ...")
SURVEY = ContactFact("email", "surveys@example.org", "surveys", "3.8", "...")


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (london(2026, 3, 4, 10, 0), True),  # Wednesday morning
        (london(2026, 3, 4, 8, 59), False),
        (london(2026, 3, 4, 9, 0), True),
        (london(2026, 3, 4, 16, 59), True),
        (london(2026, 3, 4, 17, 0), False),  # the end is exclusive
        (london(2026, 3, 4, 19, 30), False),  # evening
        (london(2026, 3, 7, 11, 0), False),  # Saturday
        (london(2026, 3, 8, 11, 0), False),  # Sunday
        (london(2025, 12, 25, 11, 0), False),  # Christmas Day (Thursday)
        (london(2025, 12, 26, 11, 0), False),  # Boxing Day
        (london(2026, 4, 6, 11, 0), False),  # Easter Monday
        (london(2026, 4, 3, 11, 0), False),  # Good Friday
        (london(2026, 5, 4, 11, 0), False),  # Early May bank holiday
        (london(2026, 4, 7, 11, 0), True),  # the Tuesday after Easter
    ],
)
def test_business_hours_edges(settings: Settings, when: datetime, expected: bool) -> None:
    assert is_business_hours(when, settings) is expected


def test_spring_forward_utc_times_map_to_london(settings: Settings) -> None:
    # Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST. Monday 30th is BST (UTC+1).
    assert not is_business_hours(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), settings)
    assert not is_business_hours(datetime(2026, 3, 30, 7, 59, tzinfo=UTC), settings)  # 08:59
    assert is_business_hours(datetime(2026, 3, 30, 8, 0, tzinfo=UTC), settings)  # 09:00 BST
    assert is_business_hours(datetime(2026, 3, 30, 15, 59, tzinfo=UTC), settings)  # 16:59
    assert not is_business_hours(datetime(2026, 3, 30, 16, 0, tzinfo=UTC), settings)  # 17:00


def test_fall_back_utc_times_map_to_london(settings: Settings) -> None:
    # Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT; 01:30 happens twice.
    assert not is_business_hours(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), settings)
    assert not is_business_hours(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), settings)
    # Friday 23rd is BST: 16:30 UTC is 17:30 in London; Monday 26th is GMT: 16:30 is 16:30.
    assert not is_business_hours(datetime(2026, 10, 23, 16, 30, tzinfo=UTC), settings)
    assert is_business_hours(datetime(2026, 10, 26, 16, 30, tzinfo=UTC), settings)
    assert not is_business_hours(datetime(2026, 10, 26, 17, 0, tzinfo=UTC), settings)


def test_naive_datetimes_are_utc(settings: Settings) -> None:
    # 16:30 naive = 16:30 UTC = 17:30 BST on a June Wednesday: out of hours.
    assert not is_business_hours(datetime(2026, 6, 3, 16, 30), settings)
    assert is_business_hours(datetime(2026, 6, 3, 15, 30), settings)


def test_configurable_hours_and_days() -> None:
    s = Settings(_env_file=None, business_hours="08:00-20:00", business_days="Mon-Sat")
    assert is_business_hours(london(2026, 3, 7, 19, 0), s)  # Saturday evening
    assert not is_business_hours(london(2026, 3, 8, 12, 0), s)  # Sunday
    assert parse_days("Mon,Wed-Thu") == frozenset({0, 2, 3})
    assert parse_days("Fri-Mon") == frozenset({4, 5, 6, 0})
    with pytest.raises(ConfigError):
        is_business_hours(london(2026, 3, 4, 10), Settings(_env_file=None, business_hours="9 to 5"))
    with pytest.raises(ConfigError):
        parse_days("Weekdays")


def test_contact_for_business_hours_leads(settings: Settings) -> None:
    result = contacts_now(london(2026, 3, 4, 10, 0), [PHONE, SURVEY, EMAIL], settings)
    assert [(c.value, c.now) for c in result] == [
        ("comms@example.org", True),
        ("01234 567890", False),
    ]
    assert result[0].section == "3.1" and result[0].use == "business hours"


@pytest.mark.parametrize(
    "when",
    [london(2026, 3, 4, 17, 0), london(2025, 12, 25, 11, 0), london(2026, 3, 8, 11, 0)],
)
def test_phone_leads_out_of_hours(settings: Settings, when: datetime) -> None:
    result = contacts_now(when, PolicyFacts(contacts=(EMAIL, PHONE)), settings)
    assert [(c.kind, c.now) for c in result] == [("phone", True), ("email", False)]


def test_one_contact_or_none(settings: Settings) -> None:
    assert [c.value for c in contacts_now(london(2026, 3, 4, 20), [EMAIL], settings)] == [
        "comms@example.org"
    ]
    assert contacts_now(london(2026, 3, 4, 20), [], settings) == []


def test_clocks() -> None:
    at = london(2026, 3, 4, 10)
    assert fixed_clock(at)() == at
    assert SystemClock()().tzinfo is not None
