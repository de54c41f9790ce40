"""The question's distinctive words: those few passages of the policy use.

A word used by one or two passages points at them ("consent" is said only by the bullet
asking for written consent), so passage choice weighs it (`fact_hits.py`, the learned
passage order).
"""

from __future__ import annotations

from collections.abc import Callable

from .lexical import stem, words
from .synonyms import is_known_synonym

# A question word used by at most this many passages of the policy is distinctive: the
# passage using it is likely the one asked about.
DISTINCTIVE_IN = 2


def distinctive_stems(query: str, passages_using: Callable[[str], int]) -> dict[str, float]:
    """The question's distinctive word stems, each weighted by how few passages use it."""
    rarity = {}
    # An everyday word the synonym table translates is distinctive in its own sense only:
    # "reporter" stems to "report", the word of one bullet about reporting conversations.
    for t in {stem(w) for w in words(query) if not is_known_synonym(w)}:
        used = passages_using(t)
        if 0 < used <= DISTINCTIVE_IN:
            rarity[t] = 1.0 / used
    return rarity
