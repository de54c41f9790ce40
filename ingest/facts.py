"""Facts a reply must state exactly: contacts and the disclaimers the policy prescribes.

Found in the text, never typed in: a policy update that changes the out-of-hours
number changes the bot's answer after re-ingest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import ContactFact, DisclaimerFact, PolicyFacts, Section

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# UK numbers as policies write them: 07968 149916, 020 7972 2545, +44 20 ...
_PHONE = re.compile(r"(?<![\w.])(?:\+44\s?\d{2,4}|0\d{2,4})(?:[\s-]?\d{3,4}){1,3}\b")
# Curly or straight quotes; an apostrophe inside a word ("doesn't") never closes one.
_QUOTED = re.compile(r"(?<!\w)[‘“'\"](.{25,400}?)[’”'\"](?!\w)")
_OUT_OF_HOURS = re.compile(r"out[\s-]of[\s-]hours", re.I)
_IN_HOURS = re.compile(r"(during|in)\s+(business|office|working)\s+hours", re.I)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;!?])\s+", text) if s.strip()]


def _use_of(value: str, sentence: str, section: Section) -> str:
    """What a contact is for, from the words right before it in its sentence."""
    before = sentence[: sentence.find(value)]
    clause = re.split(r"\band\b|;|,", before)[-1] + " " + before[-60:]
    if _OUT_OF_HOURS.search(clause):
        return "out of hours"
    if _IN_HOURS.search(clause):
        return "business hours"
    return section.title.lower()


def _contacts(section: Section) -> Iterable[ContactFact]:
    for block in section.blocks:
        for sentence in _sentences(block):
            for kind, pattern in (("email", _EMAIL), ("phone", _PHONE)):
                for match in pattern.finditer(sentence):
                    value = match.group(0).strip()
                    yield ContactFact(
                        kind=kind,  # type: ignore[arg-type]
                        value=value,
                        use=_use_of(value, sentence, section),
                        section=section.number,
                        sentence=sentence,
                        document=section.document,
                    )


def _disclaimer_context(section: Section) -> str:
    title = section.title.lower()
    if "blog" in title:
        return "blog"
    if "reference" in title or "endorsement" in title:
        return "reference"
    return "general"


def _disclaimers(section: Section) -> Iterable[DisclaimerFact]:
    blocks = list(section.blocks)
    for i, block in enumerate(blocks):
        # The wording is either in the sentence that names the disclaimer, or in the
        # paragraph right after "include the disclaimer below:" (§3.4).
        mentions = "disclaimer" in block.lower()
        follows = i > 0 and "disclaimer" in blocks[i - 1].lower() and blocks[i - 1].endswith(":")
        if not (mentions or follows):
            continue
        for match in _QUOTED.finditer(block):
            text = match.group(1).strip()
            if "disclaimer" in text.lower():
                continue
            if len(text.split()) >= 6:
                yield DisclaimerFact(
                    context=_disclaimer_context(section),  # type: ignore[arg-type]
                    text=text,
                    section=section.number,
                    document=section.document,
                )


def extract_facts(sections: Iterable[Section]) -> PolicyFacts:
    sections = list(sections)
    contacts: dict[tuple[str, str], ContactFact] = {}
    for section in sections:
        for fact in _contacts(section):
            # First mention wins, but a specific use ("out of hours") beats a vague one.
            key = (fact.kind, fact.value)
            known = contacts.get(key)
            if known is None or (
                known.use not in ("out of hours", "business hours")
                and fact.use in ("out of hours", "business hours")
            ):
                contacts[key] = fact
    disclaimers: dict[str, DisclaimerFact] = {}
    for section in sections:
        for disclaimer in _disclaimers(section):
            disclaimers.setdefault(disclaimer.context, disclaimer)
    return PolicyFacts(contacts=tuple(contacts.values()), disclaimers=tuple(disclaimers.values()))
