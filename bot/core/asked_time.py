"""The time a question is about, when it names one: "tonight", "on Saturday", "a weekday
afternoon", "over the bank holiday", "at 7pm". It decides which contact leads (§3.1:
business hours → email, out of hours → the phone line), instead of the time of asking.

Pure: the current time comes in, a local datetime (Europe/London by default) comes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.settings import Settings

from .hours import is_bank_holiday, local_time, parse_days

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_CLOCK = re.compile(
    r"\b(?:at|after|around|about|by|before)?\s*(\d{1,2})(?::(\d\d))?\s*(am|pm)\b", re.I
)
_PARTS: tuple[tuple[re.Pattern[str], time], ...] = (
    (
        re.compile(r"\b(tonight|late at night|overnight|middle of the night|at night)\b", re.I),
        time(21),
    ),
    (re.compile(r"\b(this evening|in the evening|evenings?|after work)\b", re.I), time(19)),
    (re.compile(r"\b(early morning|first thing|before work|at dawn)\b", re.I), time(7)),
    (re.compile(r"\b(lunchtime|lunch time|midday|noon)\b", re.I), time(12, 30)),
    (re.compile(r"\b(afternoon)\b", re.I), time(14)),
    (re.compile(r"\b(morning)\b", re.I), time(10)),
)
_WEEKEND = re.compile(r"\b(weekend|sat(urday)?\s+or\s+sun(day)?)\b", re.I)
_WEEKDAY = re.compile(
    r"\b(weekday|working day|work day|business day|office hours|business hours|normal hours)\b",
    re.I,
)
_BANK_HOLIDAY = re.compile(
    r"\b(bank holiday|christmas day|boxing day|new year'?s day|easter monday)\b", re.I
)
_TOMORROW = re.compile(r"\btomorrow\b", re.I)


@dataclass(frozen=True)
class AskedTime:
    at: datetime  # local time
    label: str  # how the message named it, e.g. "Saturday", "tonight"


def _next(local: datetime, accept: Callable[[date], bool], hour: time) -> datetime:
    for ahead in range(0, 400):
        day = (local + timedelta(days=ahead)).date()
        if accept(day):
            return datetime.combine(day, hour, tzinfo=local.tzinfo)
    return local


def _day_index(token: str) -> int:
    token = token.lower()[:3]
    return next(i for i, name in enumerate(_DAYS) if name.startswith(token))


def asked_time(text: str, now: datetime, settings: Settings) -> AskedTime | None:
    local = local_time(now, settings)
    hour: time | None = None
    part_label = ""
    if clock := _CLOCK.search(text):
        h = int(clock.group(1)) % 12 + (12 if clock.group(3).lower() == "pm" else 0)
        hour, part_label = time(min(h, 23), int(clock.group(2) or 0)), clock.group(0).strip()
    else:
        for pattern, part_at in _PARTS:
            if found := pattern.search(text):
                hour, part_label = part_at, found.group(0)
                break
    business = parse_days(settings.business_days)
    if found := _BANK_HOLIDAY.search(text):
        day = _next(local, is_bank_holiday, hour or time(12))
        return AskedTime(day, f"on {found.group(0).lower()}")
    if found := _WEEKEND.search(text):
        return AskedTime(
            _next(local, lambda d: d.weekday() >= 5, hour or time(12)), "at the weekend"
        )
    if found := _DAY.search(text):
        wanted = _day_index(found.group(1))
        at = _next(local, lambda d: d.weekday() == wanted, hour or time(12))
        name = _DAYS[wanted].capitalize()
        return AskedTime(at, f"{name} {part_label}".strip() if part_label else name)
    if _WEEKDAY.search(text):
        at = _next(
            local, lambda d: d.weekday() in business and not is_bank_holiday(d), hour or time(11)
        )
        return AskedTime(at, f"a weekday {part_label}".strip())
    if hour is None:
        return None
    base = local + timedelta(days=1) if _TOMORROW.search(text) else local
    at = datetime.combine(base.date(), hour, tzinfo=local.tzinfo)
    return AskedTime(at, ("tomorrow " if _TOMORROW.search(text) else "") + part_label)


def names_a_time(text: str) -> bool:
    """Whether the message names a time at all ("and at the weekend?"), whatever it is."""
    named = (_CLOCK, _BANK_HOLIDAY, _WEEKEND, _DAY, _WEEKDAY, _TOMORROW)
    return any(p.search(text) for p in named) or any(p.search(text) for p, _ in _PARTS)


def latest_named_time(question: str, latest: str | None) -> str:
    """What to read the time from: "and during the working day?" after an after-5pm
    question asks about the working day, so the latest turn's words win when they name a
    time; otherwise the whole question, thread and all."""
    return latest if latest and names_a_time(latest) else question
