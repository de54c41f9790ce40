"""Names are literals: a summary may only name what its passages or the policy's facts
name. A capitalised word inside a sentence or an acronym is read by stem ("Committees"
for "Committee"; a month may be abbreviated, "Oct"), and a name of several words must
be stated as a whole ("Director of Communications" is not "Director for Policy and
Partnerships" beside "the communications team"). Pure.
"""

from __future__ import annotations

import re

from bot.core.lexical import STOP_WORDS, stem

from .paraphrase import names
from .support import Prepared

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def unstated_names(sentence: str, evidence: Prepared) -> list[str]:
    """The names in `sentence` the evidence does not state ("NHS England" where the
    passage says "NHS Digital"); a capitalised everyday word ("What …" after a
    quotation) is no name."""
    stated = evidence.stems
    missing = []
    for name in names(sentence):
        if name in STOP_WORDS or stem(name) in stated:
            continue
        if name[:3] in _MONTHS and re.search(rf"\b{name[:3]}", evidence.literals.text):
            continue
        missing.append(name)
    for phrase in _NAME_PHRASE.findall(sentence):
        if f" {_stemmed(phrase)} " not in evidence.stem_text:
            missing.append(phrase)
    return missing


_NAME_PHRASE = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z]+(?:\s+(?:(?:of|for|the)\s+)?[A-Z][A-Za-z]+)+"
)


def _stemmed(text: str) -> str:
    return " ".join(stem(w) for w in re.findall(r"[a-z]+", text.lower()))
