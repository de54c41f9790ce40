"""Where the document itself is kept: "where can staff find the policy?", "where's the
master copy held?", "is there a copy kept anywhere else?".

A policy says so in its own sentences ("This document will be made available to all
staff via HRA Atlas", "A copy of this document is held in the HRA hub central library"),
usually in a dissemination section whose words the question does not share: retrieval
ranks the sections on who gives staff guidance, or on reading the policy, above them.
Such a question is answered by those sentences, whichever section holds them; the one
sharing most words with the question leads ("where's the master copy held?": the copy
held; "where can staff find it?": the one made available to staff), then the document's
order. Pure: the caller passes the passages and a closeness.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ingest.records import Chunk

from .lexical import tokenize
from .retrieval import Hit

_DOCUMENT = r"(polic(y|ies)|doc(ument)?s?|procedures?)"
_PLACED = r"(kept|held|stored|found|available|published|located|hosted|posted|uploaded)"
# The document as what is found, read or got: "find the social media policy", "get a
# copy", not "get guidance on this policy" (the sources of guidance are another answer).
_THE_DOCUMENT = (
    r"(hold of\s+)?((a|an|the|our|this|that)\s+)?"
    r"((latest|current|master|full|official|definitive|actual|original)\s+)?"
    rf"(cop(y|ies)\b|(cop(y|ies)\s+of\s+)?((the|this|our)\s+)?([\w-]+\s+){{0,2}}?{_DOCUMENT}\b)"
)
# The question asks where the document is, not where in it something is said ("where in
# the policy does it say …?") nor where a copy of one's own is ("a copy saved on my
# desktop").
_ASKS = re.compile(
    rf"\bwhere(?!\s+in\b)\b[^?.!]{{0,50}}\b{_DOCUMENT}\b[^?.!]{{0,40}}\b{_PLACED}\b"
    rf"|\bwhere(?!\s+in\b)\b[^?.!]{{0,40}}\b(find|get|access|read|see|download)\s+{_THE_DOCUMENT}"
    rf"|\b(is there|are there|where)\b[^?.!]{{0,40}}\bcop(y|ies)\b[^?.!]{{0,40}}\b(kept|held|stored)\b"
    rf"|\b{_DOCUMENT}\b[^?.!]{{0,30}}\b(made available|distributed|disseminated|shared with)\b",
    re.I,
)
# The document's own sentence on where it is: "This document will be made available to
# all staff via …", "A copy of this document is held in …".
_STATES = re.compile(
    rf"\b(this|the)\s+{_DOCUMENT}\b[^.;]{{0,60}}\b(is|are|will be|shall be|can be)\s+"
    rf"(made\s+)?{_PLACED}\b",
    re.I,
)


def asks_whereabouts(query: str) -> bool:
    """Whether `query` asks where the document itself is kept or can be found."""
    return bool(_ASKS.search(query))


def states_whereabouts(text: str) -> bool:
    """Whether a passage says where the document is kept or made available."""
    return bool(_STATES.search(text))


def _shared_words(query: str, chunk: Chunk) -> int:
    """How many of the question's words the passage's sentence on where it is uses."""
    sentence = next((m for m in re.split(r"(?<=[.;])\s+", chunk.text) if _STATES.search(m)), "")
    return len(set(tokenize(query)) & set(tokenize(sentence)))


def with_whereabouts(
    query: str,
    hits: Sequence[Hit],
    passages: Sequence[Chunk],
    closeness: Callable[[Chunk], float],
) -> list[Hit]:
    """`hits`, led by the passages saying where the document is when `query` asks that
    (each scored as the best hit); unchanged otherwise or when no passage says so."""
    out = list(hits)
    if not out or not asks_whereabouts(query):
        return out
    stated = sorted(
        (c for c in passages if states_whereabouts(c.text)),
        key=lambda c: -_shared_words(query, c),  # stable: the document's order breaks ties
    )
    if not stated:
        return out
    ids = {c.id for c in stated}
    best = max(h.score for h in out)
    lead = [Hit(c, best, closeness(c), 0.0) for c in stated]
    return [*lead, *(h for h in out if h.chunk.id not in ids)]
