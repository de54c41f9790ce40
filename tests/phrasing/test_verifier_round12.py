"""Issue 15 round 12: overreaches that match every word of their line and still widen
it (p8-p10's first scores: eight of 25 passed). The signals read only grammar words
(`scope.py`), so they carry to any policy: a hedge made certain ("may lead" → "will
lead"), a line's restricting clause left out, widening words no line uses."""

from __future__ import annotations

import numpy as np

from bot.core.phrasing.scope import (
    hedge_dropped,
    restriction_dropped,
    restrictions,
    scope_unstated,
)

HEDGED = "Non-compliance with these rules may lead to disciplinary action."
CONDITIONED = (
    "if you publish content to any website that could be perceived to have a connection "
    "to your work, you must display a disclaimer"
)


def test_a_hedge_made_certain_is_seen() -> None:
    assert hedge_dropped("Any breach will lead to disciplinary action.", [HEDGED])
    assert hedge_dropped("Any breach'll lead to disciplinary action.", [HEDGED])
    # Kept hedged, or certain where the line is certain too: nothing dropped.
    assert not hedge_dropped("Breaking the rules can lead to disciplinary action.", [HEDGED])
    assert not hedge_dropped("You must display a disclaimer.", [CONDITIONED])
    assert not hedge_dropped("It will lead to action.", ["It leads to action."])


def test_widening_words_no_line_uses_are_counted() -> None:
    assert scope_unstated("Whenever you post anything online", [CONDITIONED]) == 2
    assert scope_unstated("Any website you publish to", [CONDITIONED]) == 0


def test_restricting_clauses_are_read_from_grammar_words() -> None:
    spans = restrictions(CONDITIONED)
    assert ("perceived", "connection", "work") in spans
    assert restrictions("Any content which raises a safeguarding concern must be reported.") == (
        ("raises", "safeguarding", "concern"),
    )
    assert restrictions("Be kind online.") == ()


class Identity:
    """Each word its own axis: only a shared stem matches."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def vectors(self, words):
        rows = np.zeros((len(words), 64), np.float32)
        for i, w in enumerate(words):
            rows[i, self.index.setdefault(w, len(self.index))] = 1.0
        return rows


def test_a_restriction_left_out_is_measured() -> None:
    vectors = Identity()
    line = "Any content which raises a safeguarding concern must be reported."
    said = ("report", "content")
    dropped = restriction_dropped(said, vectors.vectors(list(said)), [line], vectors, 0.6)
    assert dropped == 1.0
    kept = ("report", "content", "raises", "safeguarding", "concern")
    assert restriction_dropped(kept, vectors.vectors(list(kept)), [line], vectors, 0.6) == 0.0
    assert restriction_dropped(said, vectors.vectors(list(said)), ["Be kind."], vectors, 0.6) == 0
