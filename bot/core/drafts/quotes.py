"""Quote the policy rule a finding enforces, from the parsed sections, never typed in.

Each rule names its section and an anchor phrase; the sentence holding the anchor is
the quote. When the expected section lacks it (a renumbered or different policy), the
other sections are searched, so a finding cites wherever the rule now lives; when no
section has it, the caller falls back to neutral words of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.records import Section

# "e.g." and "i.e." end in a full stop but not a sentence (§3.2's data protection bullet).
_SENTENCE_END = re.compile(r"(?<=[.;!?])(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)\s+")
_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class PolicyQuote:
    section: str
    title: str
    sentence: str


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces: how anchors and drafts are compared."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_CHARS)).strip().lower()


def _sentences(section: Section) -> list[str]:
    out: list[str] = []
    for block in section.blocks:
        out.extend(s.strip() for s in _SENTENCE_END.split(block) if s.strip())
    return out


def _clean(sentence: str) -> str:
    # Bullets in the policy end in ";" or "," as list items; a quote reads as a sentence.
    sentence = sentence.rstrip(" ;,")
    return sentence[0].upper() + sentence[1:] if sentence else sentence


def _find_in(section: Section, anchor: str) -> PolicyQuote | None:
    key = normalise(anchor)
    for sentence in _sentences(section):
        if key in normalise(sentence):
            return PolicyQuote(section.number, section.title, _clean(sentence))
    return None


def locate(sections: Sequence[Section], number: str, anchor: str) -> PolicyQuote | None:
    """The sentence holding `anchor`, looked for in section `number` first, then anywhere."""
    preferred = [s for s in sections if s.number == number]
    others = [s for s in sections if s.number != number]
    for section in (*preferred, *others):
        found = _find_in(section, anchor)
        if found:
            return found
    return None


def quote_for(sections: Sequence[Section], number: str, anchor: str) -> str | None:
    """The policy sentence for a rule, or None when this policy has no such sentence."""
    found = locate(sections, number, anchor)
    return found.sentence if found else None


def section_title(sections: Sequence[Section], number: str) -> str:
    return next((s.title for s in sections if s.number == number), "")
