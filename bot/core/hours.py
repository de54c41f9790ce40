"""Business hours and which communications-team contact to use now (§3.1, §3.5).

The policy says: in business hours email the comms team, out of hours call the
out-of-hours phone line. Both contacts come from the policy text (ingest.facts), never
from this module. "Now" is decided in the configured zone (Europe/London by default), so
the hour the clocks change is handled by zoneinfo, and England-and-Wales bank holidays
(`holidays`, GB subdivision ENG) are out of hours whatever the weekday.

Naive datetimes are treated as UTC: every clock in this project is `datetime.now(UTC)`,
and a naive value is most likely a UTC timestamp read back from a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

from bot.core.models import Contact
from bot.errors import ConfigError
from bot.settings import Settings
from ingest.records import ContactFact, PolicyFacts

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BUSINESS_USE = "business hours"
OUT_OF_HOURS_USE = "out of hours"


class Clock(Protocol):
    def __call__(self) -> datetime: ...


class SystemClock:
    """The real clock, always timezone-aware (UTC)."""

    def __call__(self) -> datetime:
        return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    """A clock that always says `at` (tests, replays)."""
    return lambda: at


def parse_hours(spec: str) -> tuple[time, time]:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in spec.split("-"))
    except ValueError as exc:
        raise ConfigError(
            f"POLICYBOT_BUSINESS_HOURS must look like 09:00-17:00, got {spec!r}"
        ) from exc
    if start >= end:
        raise ConfigError(f"POLICYBOT_BUSINESS_HOURS must start before it ends, got {spec!r}")
    return start, end


def parse_days(spec: str) -> frozenset[int]:
    """'Mon-Fri' or 'Mon,Wed,Fri' or 'Mon-Wed,Fri' → weekday numbers (Mon=0)."""
    days: set[int] = set()
    try:
        for part in spec.lower().replace(" ", "").split(","):
            first, _, last = part.partition("-")
            a = _DAYS.index(first[:3])
            b = _DAYS.index(last[:3]) if last else a
            days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    except ValueError as exc:
        raise ConfigError(f"POLICYBOT_BUSINESS_DAYS must look like Mon-Fri, got {spec!r}") from exc
    return frozenset(days)


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def local_time(now: datetime, settings: Settings) -> datetime:
    aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(settings.timezone))


def is_business_hours(now: datetime, settings: Settings) -> bool:
    """True when the comms team is at their desks: a business day, start <= t < end."""
    local = local_time(now, settings)
    start, end = parse_hours(settings.business_hours)
    if local.weekday() not in parse_days(settings.business_days):
        return False
    if is_bank_holiday(local.date()):
        return False
    return start <= local.time().replace(tzinfo=None) < end


def _day_range(days: frozenset[int]) -> str:
    ordered = sorted(days)
    names = [_DAYS[d].capitalize() for d in ordered]
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def hours_phrase(use: str, settings: Settings) -> str | None:
    """When a contact applies, from the configured hours: "Mon–Fri 09:00–17:00" for
    business hours, "evenings, weekends, bank holidays" for out of hours."""
    start, end = parse_hours(settings.business_hours)
    days = parse_days(settings.business_days)
    if use == BUSINESS_USE:
        return f"{_day_range(days)} {start:%H:%M}–{end:%H:%M}"
    if use == OUT_OF_HOURS_USE:
        weekends = "weekends" if days == frozenset(range(5)) else "other days"
        return f"evenings, {weekends}, bank holidays"
    return None


def _to_contact(fact: ContactFact, now_flag: bool, settings: Settings) -> Contact:
    return Contact(
        kind=fact.kind,
        value=fact.value,
        use=fact.use,
        section=fact.section,
        now=now_flag,
        hours=hours_phrase(fact.use, settings),
    )


def contacts_now(
    now: datetime, contacts: Sequence[ContactFact] | PolicyFacts, settings: Settings
) -> list[Contact]:
    """The contact to use now first (now=True), then the other one.

    Contacts whose use is neither business hours nor out of hours (e.g. surveys) are
    left out; if the policy names only one of the two, that one is returned alone.
    """
    facts = contacts.contacts if isinstance(contacts, PolicyFacts) else tuple(contacts)
    by_use = {fact.use: fact for fact in reversed(facts)}  # first mention wins
    business, after = by_use.get(BUSINESS_USE), by_use.get(OUT_OF_HOURS_USE)
    order = (business, after) if is_business_hours(now, settings) else (after, business)
    chosen = [fact for fact in order if fact is not None]
    return [_to_contact(fact, i == 0, settings) for i, fact in enumerate(chosen)]
