"""Find what could identify a patient or their health condition (§3.1).

Only kinds are returned ("an NHS number"), never the matched text: personal data
found in a draft must not be logged, stored or echoed into the reply.
"""

from __future__ import annotations

import re

from .nhs_number import contains_nhs_number, labelled_nhs_number
from .terms import _NAME, CHARITY, CONDITION, NAMED_PERSON, PATIENT_ROLE

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
# Someone in care or in a study: §3.1 protects a patient's *identity* as well as their
# health, so a named person placed in this role is identified even with no condition.
_CARE_ROLE = re.compile(
    r"\b(a|one|this|that|my|our|the)( \w+){0,2} (patient|participant|service user|"
    r"(trial|study) volunteer)\b(?!s)|\b(joined|on|in|recruited (to|into)) (our|the|a|this) "
    r"(\w+ )?(trial|study)\b|\b(in|on) (bay|bed|ward|cubicle) \d+\b",
    re.IGNORECASE,
)
# One person placed in a study or a care setting ("a lady on our dementia study").
_ONE_IN_CARE = re.compile(
    r"\b(a|an|one|this|that)( \w+)? (lady|man|woman|gentleman|gent|chap|girl|boy|person|"
    r"mum|dad|grandad|grandma|gran|family|patient|participant)\b[^.!?\n]{0,20}"
    r"\b(on|in|from|at) (our|the|this|my) (\w+ ){0,2}(study|trial|ward|clinic|unit|bay)\b",
    re.IGNORECASE,
)
# A first name mid-sentence ("..., Joan, told me"); not after a preposition, which
# usually introduces a place ("in Leeds"), and not the first word of a sentence.
_NAME_CANDIDATE = re.compile(r"(?<=[a-z,;:(] )" + _NAME + r"\b(?! [A-Z])")
_PLACE_WORD = re.compile(r"\b(in|at|to|on|of|near|from|by|via|the)\s*$", re.IGNORECASE)


def _first_name(part: str) -> bool:
    return any(not _PLACE_WORD.search(part[: m.start()]) for m in _NAME_CANDIDATE.finditer(part))


_SENTENCE = re.compile(r"[^.!?\n]+")
# A person singled out by details, not a name: an age, a place and a condition ("a
# 14 year old from Leeds with a really rare metabolic condition"), or a rare condition
# with a count small enough to point at someone ("only three families in Cumbria").
_AGE = re.compile(
    r"\b\d{1,3}[- ]?(year|yr)s?[- ]old\b|\baged? \d{1,3}\b|\(\d{1,2}\)", re.IGNORECASE
)
_PLACE = re.compile(r"\b(from|in|at|near|lives in|on the \w+ ward at) [A-Z][a-z]+")
_RARE = re.compile(r"\brare\b", re.IGNORECASE)
_FEW = re.compile(
    r"\bonly (one|two|three|four|five|a handful( of)?|a few|\d+)( \w+)? (families|people|"
    r"children|kids|patients|cases|adults|men|women)\b",
    re.IGNORECASE,
)
# A colleague named with their health: "Sarah in our approvals team ... chemotherapy".
_COLLEAGUE = re.compile(
    r"\b[A-Z][a-z]+ (in|from|on) (our|my|the) [a-z ]{0,20}(team|finance|office|committee|department|directorate|unit)\b|\b[A-Z][a-z]+ from (finance|hr|it|ops|comms|approvals)\b|"
    r"\b(my|our) (work (wife|husband|spouse|bestie|bff|mum|dad)|colleague|co-?worker|teammate)\b",
    re.IGNORECASE,
)
_ABSENCE = re.compile(
    r"\b(sick leave|off sick|long[- ]term sick|breakdown|chemo\w*|signed off (sick|work|with \w+)|"
    r"stress leave|off with (stress|anxiety|depression))\b",
    re.IGNORECASE,
)


def _singled_out(text: str) -> bool:
    health = CONDITION.search(text) or _RARE.search(text)
    return bool(health and _PLACE.search(text) and (_AGE.search(text) or _FEW.search(text)))


def _colleague_health(text: str) -> bool:
    return any(
        (CONDITION.search(part) or _ABSENCE.search(part)) and _COLLEAGUE.search(part)
        for part in re.split(r"[.!?\n]+", text)
    ) or bool(_COLLEAGUE.search(text) and _ABSENCE.search(text))


_LIVES = re.compile(r"\b(lives|living) (at|in|on)\b|\bhome address\b", re.IGNORECASE)


def _about_a_person(text: str) -> bool:
    return bool(NAMED_PERSON.search(text) or PATIENT_ROLE.search(text) or _LIVES.search(text))


def _named_in_care(text: str) -> bool:
    """A named person and a patient or participant role in the same sentence."""
    return any(
        (NAMED_PERSON.search(part) or _first_name(part))
        and (_CARE_ROLE.search(part) or _ONE_IN_CARE.search(part))
        for part in _SENTENCE.findall(text)
    )


def identifying_kinds(text: str) -> list[str]:
    """The kinds of patient-identifying information in a draft, worst first."""
    kinds: list[str] = []
    health_text = CHARITY.sub(" ", text)
    if contains_nhs_number(text) or labelled_nhs_number(text):
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
        elif PATIENT_ROLE.search(text) or _ONE_IN_CARE.search(text):
            kinds.append("details of a specific patient's health")
    if not kinds and _named_in_care(text):
        kinds.append("a named patient or study participant")
    if not kinds and _singled_out(health_text):
        kinds.append("details that single out a person and their health")
    if not kinds and _colleague_health(health_text):
        kinds.append("a named colleague's health")
    return kinds
