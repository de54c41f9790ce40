"""A question asking what one of the policy's own terms means.

"What does CAG stand for?", "what's the freedom to speak up guardian??", "what counts as
'bringing the organisation into disrepute'?": the policy uses the term, so its answer
is the passage using it, however few of the question's other words the policy knows
("stand", "scary", "ngl"). Pure logic: the policy's sentences are given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexical import tokenize
from .sentences import split_sentences

_TERM = r"(?P<term>[^?!.,;:]{2,70}?)"
_ASKS_MEANING = (
    re.compile(rf"\bwhat (?:does|do|did) {_TERM} (?:stand for|mean|refer to)\b", re.I),
    re.compile(
        rf"\bwhat(?:['’]?s| is| are) (?:meant by|the meaning of) {_TERM}(?=[?!.,;:]|$)", re.I
    ),
    re.compile(
        rf"\bwhat (?:does|do) (?:the policy|the document|it|they|we) mean by {_TERM}(?=[?!.,;:]|$)",
        re.I,
    ),
    re.compile(rf"\bwhat (?:counts|qualifies) as {_TERM}(?=[?!.,;:]|$)", re.I),
    # "what's the freedom to speak up guardian??": a whole question naming one thing
    re.compile(
        rf"^\s*(?:so |and |um+ )?(?:what|who)(?:['’]?s| is| are) (?:an? |the )?{_TERM}\?", re.I
    ),
)
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
_QUOTES = "'\"‘’“” "
MIN_PHRASE = 2  # content words a term needs, unless it is an acronym


def asked_term(text: str) -> str | None:
    """The term a definition question asks about, as written (None if it asks none)."""
    for pattern in _ASKS_MEANING:
        if match := pattern.search(text):
            term = match.group("term").strip(_QUOTES)
            return re.sub(r"^(?:the|an?|hra['’]?s?)\s+", "", term, flags=re.I) or None
    return None


class PolicyTerms:
    """Which of the policy's sentences use a term: all its content words in one sentence
    (any form of each: "bringing" is "bring"), or an acronym the text spells out."""

    def __init__(self, texts: Iterable[str]) -> None:
        sentences = [s for text in texts for s in split_sentences(text)]
        self._sentences = [frozenset(tokenize(s)) for s in sentences]
        self._acronyms = {a for s in sentences for a in re.findall(r"\b[A-Z]{2,6}\b", s)}

    def uses(self, term: str) -> bool:
        bare = term.strip()
        if _ACRONYM.match(bare):
            return bare.rstrip("s") in self._acronyms or bare in self._acronyms
        wanted = frozenset(tokenize(bare))
        return len(wanted) >= MIN_PHRASE and any(wanted <= s for s in self._sentences)

    def defines_asked(self, question: str) -> bool:
        """Whether `question` asks what a term of the policy means."""
        term = asked_term(question)
        return term is not None and self.uses(term)
