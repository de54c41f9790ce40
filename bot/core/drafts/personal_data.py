"""Find what could identify a patient or their health condition (§3.1).

Only kinds are returned ("an NHS number"), never the matched text: personal data
found in a draft must not be logged, stored or echoed into the reply.
"""

from __future__ import annotations

import re

from .nhs_number import contains_nhs_number
from .terms import CHARITY, CONDITION, NAMED_PERSON, PATIENT_ROLE

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = (
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(st|nd|rd|th)? "
    + _MONTH
    + r",? \d{4}|"
    + _MONTH
    + r" \d{1,2}(st|nd|rd|th)?,? \d{4})"
)
_DATE_OF_BIRTH = re.compile(
    r"\b(d\.?o\.?b\.?|date of birth|birth ?date)\b|\bborn (on )?" + _DATE, re.IGNORECASE
)
# The GOV.UK postcode shape: outward code, optional space, inward code. Upper case only:
# lower-case runs like "a1 1aa" in prose are far likelier to be something else.
_POSTCODE = re.compile(
    r"\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b"
)
_STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]? [A-Z][a-z]+( [A-Z][a-z]+)? (Road|Rd|Street|St|Lane|Avenue|Ave|"
    r"Close|Drive|Way|Crescent|Grove|Gardens|Terrace|Court|Hill|Square|Mews|Row)\b"
)
_LIVES = re.compile(r"\b(lives|living) (at|in|on)\b|\bhome address\b", re.IGNORECASE)


def _about_a_person(text: str) -> bool:
    return bool(NAMED_PERSON.search(text) or PATIENT_ROLE.search(text) or _LIVES.search(text))


def identifying_kinds(text: str) -> list[str]:
    """The kinds of patient-identifying information in a draft, worst first."""
    kinds: list[str] = []
    health_text = CHARITY.sub(" ", text)
    if contains_nhs_number(text):
        kinds.append("an NHS number")
    if _DATE_OF_BIRTH.search(text):
        kinds.append("a date of birth")
    # An address is only a patient identifier when it belongs to a person; an event
    # venue's postcode is not personal data.
    if (_POSTCODE.search(text) or _STREET.search(text)) and _about_a_person(text):
        kinds.append("a home address or postcode")
    if CONDITION.search(health_text):
        if NAMED_PERSON.search(text):
            kinds.append("a named person's health condition")
        elif PATIENT_ROLE.search(text):
            kinds.append("details of a specific patient's health")
    return kinds
