"""The verifier's figures on the hand-labelled generated answers (tests/eval/phrasing/),
held as floors. Every file is dev now: dev.jsonl and test.jsonl have been seen and
tuned on (test.jsonl's first, blind score is kept in the README), dev-15b.jsonl holds
the second round's own overreach and invented-rule examples, and the v2-v4 blind
batches were read and tuned on in round 4 (their first scores are in the README).
v13 and v14, round 6's test batches, were read and tuned on in round 7 and train its
learned decision, as do p1 and p2 (written blind as training data); v15 and v16 are round
7's test batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.phrasing.literals import fact_texts
from bot.core.phrasing.verifier import Verifier
from bot.phrasing_eval import lines, load, score

EVAL = Path(__file__).resolve().parents[1] / "eval" / "phrasing"


# The learned decision (decision.py) is trained on all files but v15 and v16, so these
# are training figures, held so a change that loses them is seen; the held-out
# (leave-one-file-out) figures are in bot/core/phrasing/weights/DECISION_CARD.md.
# v15 and v16 are round 7's test batches: written blind, scored once on the shipped
# decision, never trained on, pinned at those first scores (v15's fall short of the
# issue's 0.8 accepted and 0.98 rejected).
@pytest.mark.parametrize(
    ("name", "accept", "reject"),
    [
        ("dev", 1.0, 1.0),
        ("test", 0.88, 1.0),
        ("dev-15b", 1.0, 1.0),
        ("v2-blind-test", 0.94, 1.0),
        ("v3-blind-test", 1.0, 1.0),
        ("v4-blind-test", 0.96, 1.0),
        ("v5-blind-test", 0.94, 1.0),
        ("v6-blind-test", 0.94, 1.0),
        ("v7-blind-test", 0.98, 1.0),
        ("v8-blind-test", 0.94, 1.0),
        ("v9-blind-test", 0.96, 1.0),
        ("v10-blind-test", 0.94, 1.0),
        ("v11-blind-test", 0.94, 1.0),
        ("v12-blind-test", 1.0, 1.0),
        ("v13-blind-test", 0.74, 1.0),
        ("v14-blind-test", 0.82, 1.0),
        ("p1-blind-train", 0.90, 1.0),
        ("p2-blind-train", 0.74, 1.0),
        ("v15-blind-test", 0.62, 0.96),
        ("v16-blind-test", 0.80, 1.0),
    ],
)
def test_verifier_figures_hold(core, word_vectors, name, accept, reject):
    kb = core.kb
    facts = fact_texts(kb.facts)
    result = score(load(EVAL / f"{name}.jsonl"), kb, Verifier(word_vectors), facts)
    assert result.accepted / result.supported >= accept - 1e-9, result.misses
    assert result.rejected / result.unsupported >= reject - 1e-9, result.misses


def test_figures_are_printed_per_kind(core, word_vectors):
    kb = core.kb
    path = EVAL / "dev-15b.jsonl"
    result = score(load(path), kb, Verifier(word_vectors), fact_texts(kb.facts))
    shown = "\n".join(lines(path, result))
    assert "faithful        accepted" in shown
    for kind in ("overreach", "reversed", "invented_rule"):
        assert f"{kind:<16}rejected" in shown
