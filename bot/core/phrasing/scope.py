"""How far a clause widens the rule it rests on: signals for the learned decision only.

A summary that overreaches often matches every word of its line and still says more:
"any breach will lead to disciplinary action" of a line saying non-compliance "may
lead" to it, or "display a disclaimer on anything you post" of a line asking for one
on content "that could be perceived to have a connection to the work you do". Word
recall cannot see either: the added certainty is a modal (not a content word), and
the narrowing lives in the words of the line the clause leaves out. Three measures,
each reading only grammar words, never a word of one policy:

- a hedge dropped: the lines say a thing may (might, could) happen, the clause says it
  will (must, always …), and no line uses that word of certainty;
- a restriction dropped: the share of the content words of the lines' restricting
  clauses ("if …", "which …", "that …", "unless …", "provided …") the clause does not
  cover, at the most-dropped one;
- scope words unstated: "any", "anything", "whenever", "both" … in the clause that no
  line uses.

Pure apart from the `WordVectors` seam the caller passes in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from bot.core.lexical import stem

from .claims import content_words
from .support import WordVectors

_HEDGE = re.compile(r"\b(may|might|could|can|possibly|potentially|sometimes|likely)\b", re.I)
_CERTAIN = re.compile(
    r"\b(will|must|shall|always|certainly|automatically|inevitably|definitely|invariably)\b"
    r"|\b\w+['’]ll\b",
    re.I,
)
_SCOPE = frozenset(
    [
        "any",
        "anything",
        "anyone",
        "anybody",
        "anywhere",
        "whenever",
        "wherever",
        "whatever",
        "all",
        "every",
        "everything",
        "everyone",
        "everywhere",
        "always",
        "both",
        "never",
    ]
)
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Where a restricting clause opens, and what closes it: punctuation, the next opener,
# or (once it holds a word of its own) a modal starting the main clause ("Any content
# which raises a concern | must be reported").
_OPENER = frozenset(
    ["if", "when", "whenever", "where", "unless", "provided", "providing", "which", "that", "who"]
)
_CLOSER = frozenset(
    ["must", "should", "will", "shall", "may", "can", "might", "could", "is", "are"]
)
_STOP = re.compile(r"[,;:.()]")
RESTRICTION_WORDS = 2  # a restricting clause of fewer content words is too slight to count


def hedge_dropped(claim: str, lines: Sequence[str]) -> bool:
    """The lines hedge, the clause does not, and its certainty is no line's word."""
    if _HEDGE.search(claim):
        return False
    hedged, stated = _certainty(tuple(lines))
    if not hedged:
        return False
    said = {m.group(0).lower() for m in _CERTAIN.finditer(claim)}
    return bool(said - stated)


def scope_unstated(claim: str, lines: Sequence[str]) -> int:
    """Widening words of the clause ("anything", "whenever", "both") no line uses."""
    stated = _tokens(tuple(lines))
    return sum(w in _SCOPE and w not in stated for w in _TOKEN.findall(claim.lower()))


# The same support lines come back clause after clause and reply after reply: what
# they say is read once per set of lines.
@lru_cache(maxsize=4096)
def _certainty(lines: tuple[str, ...]) -> tuple[bool, frozenset[str]]:
    """Whether any line hedges, and the words of certainty the lines use."""
    hedged = any(_HEDGE.search(t) for t in lines)
    return hedged, frozenset(m.group(0).lower() for t in lines for m in _CERTAIN.finditer(t))


@lru_cache(maxsize=4096)
def _tokens(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for t in lines for w in _TOKEN.findall(t.lower()))


@lru_cache(maxsize=4096)  # the policy's lines recur in every reply: read each once
def restrictions(line: str) -> tuple[tuple[str, ...], ...]:
    """The content words of each restricting clause of a policy line."""
    out: list[tuple[str, ...]] = []
    for piece in _STOP.split(line.lower()):
        tokens = _TOKEN.findall(piece)
        run: list[str] | None = None
        for token in [*tokens, "."]:
            if token in _OPENER or token == ".":
                if run is not None:
                    out.append(content_words(" ".join(run)))
                run = [] if token in _OPENER else None
            elif run is not None:
                if token in _CLOSER and content_words(" ".join(run)):
                    out.append(content_words(" ".join(run)))
                    run = None
                else:
                    run.append(token)
    return tuple(words for words in out if len(words) >= RESTRICTION_WORDS)


def restriction_dropped(
    claim_words: Sequence[str],
    claim_vectors: np.ndarray,
    lines: Sequence[str],
    vectors: WordVectors,
    bar: float,
) -> float:
    """The largest share of a restricting clause's words the clause covers none of
    (by stem or word vector at `bar`); 0.0 when the lines restrict nothing."""
    spans = _spans(tuple(lines))
    if not spans or not len(claim_words):
        return 0.0
    own = {stem(w) for w in claim_words}
    asked = vectors.vectors([w for span in spans for w in span])
    clause = np.asarray(claim_vectors).T
    worst = 0.0
    start = 0
    for span in spans:
        near = asked[start : start + len(span)] @ clause  # span by span, as first measured
        covered = [stem(w) in own or near[i].max() >= bar for i, w in enumerate(span)]
        worst = max(worst, 1.0 - sum(covered) / len(span))
        start += len(span)
    return worst


@lru_cache(maxsize=4096)
def _spans(lines: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(s for t in dict.fromkeys(lines) for s in restrictions(t))
