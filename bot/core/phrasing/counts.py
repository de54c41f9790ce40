"""How many items the passages' lists have, so "the policy has three aims" can rest on
a list of three aims: a count the model made by reading the list, not a number it
invented. The count must equal the list's length and its noun must be the list's own
("aims" under "The aims of this document are to:"); any other number word still has to
appear in the policy verbatim.

Pure: sources in, (head stems, size) pairs out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from bot.core.lexical import stem, words

from .claims import split_sentences
from .literals import NUMBER_WORDS, literals_of

ListSize = tuple[frozenset[str], int]
_COUNT = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten)\s+['‘\"“]?([a-z-]+)(?:\s+([a-z-]+))?", re.I
)
_QUOTES = ("‘", "'", '"', "“")


class Passage(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def stem(self) -> str: ...


def list_sizes(sources: Sequence[Passage]) -> tuple[ListSize, ...]:
    """Each list's opening line (as stems) and its number of items: bullets sharing a
    stem, or the items after a colon inside one passage ("… sources: A; B")."""
    sizes: dict[str, int] = {}
    for source in sources:
        head = source.stem.strip()
        if head and not source.text.startswith(head):
            sizes[head] = sizes.get(head, 0) + 1
        sentences = split_sentences(source.text)
        for i, sentence in enumerate(sentences):
            opening, colon, rest = sentence.partition(":")
            if colon and not opening.lstrip().startswith(_QUOTES):
                items = (1 if rest.strip() else 0) + len(sentences) - i - 1
                if items > 1:
                    sizes[opening.strip()] = items
                break
    return tuple((_stems(head), n) for head, n in sizes.items())


def counted(sentence: str, sizes: Iterable[ListSize]) -> set[str]:
    """The numbers (as digits) in `sentence` that count a list of the passages, or the
    literals the sentence itself goes on to list ("two update dates: 18 October 2023
    and 14 February 2023": each date is checked verbatim, the count only adds them up)."""
    out = set()
    known = tuple(sizes)
    for match in _COUNT.finditer(sentence):
        n = int(NUMBER_WORDS[match.group(1).lower()])
        nouns = _stems(" ".join(g for g in match.groups()[1:] if g))
        lists_it = any(size == n and nouns & head for head, size in known)
        if lists_it or _listed(sentence[match.end() :]) == n:
            out.add(str(n))
    return out


_DATE = re.compile(
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b", re.I
)


def _listed(text: str) -> int:
    """How many dates, addresses or phone numbers `text` states (each once)."""
    found = literals_of(text, with_sections=False)
    dates = {" ".join(m.group(0).lower().split()) for m in _DATE.finditer(text)}
    return len(dates) + len(found.emails) + len(found.urls) + len(found.phones)


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))
