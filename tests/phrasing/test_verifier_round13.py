"""Issue 15 round 13: the verifier's speed-up keeps per-text readings (a clause's content
words, claim and literals) and reads each set of support lines once (their certainty
words, their words, their restricting clauses): the same answers whether read fresh or
from a cache, and whether the lines come as a list or a tuple."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.phrasing.claims import content_words, read_claim
from bot.core.phrasing.literals import literals_of
from bot.core.phrasing.scope import hedge_dropped, restriction_dropped, scope_unstated


def test_cached_readings_match_fresh_ones() -> None:
    text = "You must never post anything on 07968 149916, see section 3.1."
    first = (content_words(text), read_claim(text), literals_of(text))
    for cached in (content_words, read_claim, literals_of):
        cached.cache_clear()  # type: ignore[attr-defined]
    assert (content_words(text), read_claim(text), literals_of(text)) == first


class _Vectors:
    """Each word its own direction: words match only themselves."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(words), 64), np.float32)
        for i, w in enumerate(words):
            rows[i, self.index.setdefault(w, len(self.index))] = 1.0
        return rows


def test_line_set_readings_are_the_same_list_or_tuple() -> None:
    lines = [
        "If you publish content that could be perceived to have a connection to your work, "
        "you may display a disclaimer."
    ]
    claim = ("publish", "content", "display", "disclaimer")
    vectors = _Vectors()
    rows = vectors.vectors(list(claim))
    assert hedge_dropped("You will display a disclaimer.", lines)
    assert hedge_dropped("You will display a disclaimer.", tuple(lines))
    assert scope_unstated("Whenever you post anything", lines) == 2
    share = restriction_dropped(claim, rows, lines, vectors, 0.6)
    assert share == restriction_dropped(claim, rows, tuple(lines), vectors, 0.6)
    assert 0.0 < share <= 1.0
