"""The literal facts a sentence states: numbers, phone numbers, email addresses, URLs and
section numbers. A generated sentence may only state those the policy states, verbatim.

Pure: text in, sets of strings out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.records import PolicyFacts

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A bare domain ("blog.hra.nhs.uk") is an address as much as one with "https://".
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>()\"']+"
    r"|(?<![@\w.])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|io|info)\b(?:/[^\s<>()\"']*)?",
    re.I,
)
# "§3.5", "section 3.5", "sections 3.1 and 3.2", or a bare "3.2.1".
# "Version 3.2" is the document's version, a number, not a section.
_SECTION_REF = re.compile(
    r"§\s*(\d+(?:\.\d+)*)|\bsections?\s+(\d+(?:\.\d+)*)"
    r"|(?<!version\s)\b(\d+\.\d+(?:\.\d+)*)\b",
    re.I,
)
_SECTION_LIST = re.compile(r"\b(?:and|or|,)\s*(\d+(?:\.\d+)+)\b")
_PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "eighteen": "18",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "once": "1",
    "twice": "2",
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)
# Counting words the frame may use without stating a policy fact ("one of them").
_HARMLESS = frozenset({"one", "once"})


@dataclass(frozen=True)
class Literals:
    emails: frozenset[str]
    urls: frozenset[str]
    phones: frozenset[str]  # whitespace-normalised
    numbers: frozenset[str]  # digits as written, number words as digits
    sections: frozenset[str]


def _squash(text: str) -> str:
    return " ".join(text.split())


def section_refs(text: str) -> frozenset[str]:
    found = {next(g for g in m.groups() if g) for m in _SECTION_REF.finditer(text)}
    found |= {m.group(1) for m in _SECTION_LIST.finditer(text)}
    return frozenset(found)


_NONE: frozenset[str] = frozenset()
_DIGIT = re.compile(r"\d")


# A clause's literals are read by several steps of one check (its content words, its
# frame and courtesy tests, its section numbers): read once per text. Pure, immutable.
@lru_cache(maxsize=16384)
def literals_of(text: str, *, with_sections: bool = True) -> Literals:
    if "@" not in text and not _DIGIT.search(text) and not _URL.search(text):
        # Most clauses state no literal but perhaps a number word: every other pattern
        # needs a digit, an "@" or an address, and the passes below would find nothing.
        return Literals(_NONE, _NONE, _NONE, _number_words(text), _NONE)
    emails = {m.group(0).lower().rstrip(".") for m in _EMAIL.finditer(text)}
    urls = {m.group(0).lower().rstrip(".,;:") for m in _URL.finditer(text)}
    rest = _URL.sub(" ", _EMAIL.sub(" ", text))
    sections = section_refs(rest) if with_sections else frozenset()
    rest = _SECTION_REF.sub(" ", rest) if with_sections else rest
    phones = {_squash(m.group(0)) for m in _PHONE.finditer(rest)}
    rest = _PHONE.sub(" ", rest)
    numbers = {m.group(0).rstrip(".,:") for m in _NUMBER.finditer(rest)}
    numbers |= _number_words(rest)
    return Literals(
        emails=frozenset(emails),
        urls=frozenset(urls),
        phones=frozenset(phones),
        numbers=frozenset(numbers),
        sections=frozenset(sections),
    )


def _number_words(text: str) -> frozenset[str]:
    return frozenset(
        NUMBER_WORDS[m.group(1).lower()]
        for m in _NUMBER_WORD.finditer(text)
        if m.group(1).lower() not in _HARMLESS
    )


@dataclass(frozen=True)
class Evidence:
    """What the cited passages and the policy's facts state, for verbatim look-ups."""

    text: str  # lower-case, whitespace-normalised
    numbers: frozenset[str]

    @classmethod
    def of(cls, texts: list[str]) -> Evidence:
        joined = _squash(" \n ".join(texts))
        numbers = frozenset().union(*(_numbers_in(text) for text in texts))
        return cls(text=joined.lower(), numbers=numbers)


@lru_cache(maxsize=4096)  # the same policy passages and facts, reply after reply
def _numbers_in(text: str) -> frozenset[str]:
    found = literals_of(_squash(text), with_sections=False)
    numbers = set(found.numbers)
    for phone in found.phones:
        numbers |= {m.group(0) for m in _NUMBER.finditer(phone)}
    return frozenset(numbers)


def unstated_literals(claim: Literals, evidence: Evidence) -> list[str]:
    """The claim's emails, URLs, phone numbers and numbers the evidence does not state."""
    missing = [e for e in claim.emails if e not in evidence.text]
    missing += [u for u in claim.urls if u not in evidence.text]
    missing += [p for p in claim.phones if p.lower() not in evidence.text]
    missing += [n for n in claim.numbers if n not in evidence.numbers]
    return sorted(missing)


def fact_texts(facts: PolicyFacts) -> list[str]:
    """The policy's facts as text: its contact sentences and prescribed wordings."""
    return [c.sentence for c in facts.contacts] + [d.text for d in facts.disclaimers]
