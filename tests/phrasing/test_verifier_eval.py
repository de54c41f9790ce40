"""The verifier's figures on the hand-labelled generated answers (tests/eval/phrasing/),
held as floors. Every file is dev now: dev.jsonl and test.jsonl have been seen and
tuned on (test.jsonl's first, blind score is kept in the README), dev-15b.jsonl holds
the second round's own overreach and invented-rule examples, and the v2-v4 blind
batches were read and tuned on in round 4 (their first scores are in the README).
v13 and v14, round 6's test batches, were read and tuned on in round 7 and train its
learned decision, as do p1 and p2 (written blind as training data). v15 and v16, round
7's test batches, were scored once and train round 8's decision, as do p3 and p4 (written
blind as training data, scored once, then read and tuned on). Round 8's test batches,
v17 and v18, were sealed until its decision was final and scored once (first scores in
the README); they train round 9's decision, as does p5 (written blind as training data).
Round 9's test batches, v19 and v20, scored once and read as dev in round 10, train
round 11's decision, as does p7 (written blind as training data); p8-p10 (the same)
train round 12's, p11 round 13's, p12-p13 round 14's. Round 10's test
batches, v21 and v22, are dev since round 11 (decision_train.HELD_OUT_FILES: read, never
trained on); round 11's sealed test, v23 and v24, and round 12's, v25 and v26, round 13's, v27 and v28, round 14's, v29 and v30, and round 15's, v31 and v32, are held out by name too, as is p14 (written as training data, kept as dev)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.phrasing.decision_train import HELD_OUT_FILES
from bot.core.phrasing.literals import fact_texts
from bot.core.phrasing.verifier import Verifier
from bot.phrasing_eval import lines, load, score, warm

EVAL = Path(__file__).resolve().parents[1] / "eval" / "phrasing"


# The learned decision (decision.py) is trained on every file here, so these are
# training figures, held so a change that loses them is seen; the held-out
# (leave-one-file-out) figures are in bot/core/phrasing/weights/DECISION_CARD.md, and
# the first, blind scores in tests/eval/phrasing/README.md (p3's: 0.100 / 1.000, p4's:
# 0.720 / 1.000, on round 7's decision; v15's 0.620 / 0.960, v16's 0.800 / 1.000).
# Round 8's retraining on 22 files lowered a few older files' training figures (v8,
# v9: 0.94, 0.96 -> 0.88) while raising the held-out ones: the pins follow it. Round 9's
# (25 files, word-level polarity) lowered four by one summary each (v7, v13, p1, p4:
# 0.98, 0.72, 0.92, 0.88 -> 0.96, 0.70, 0.90, 0.86) and raised seven. Round 10's (26
# files, p6 and the everyday-word nearness) lowered three (v6, v11, p3: 0.96, 0.98, 0.96
# -> 0.92, 0.96, 0.94) while held-out acceptance rose (0.801 -> 0.817 on the 25 files).
# Round 11's (29 files: v19, v20, p7 added) lowered five (v6, v9, v12, v13, p3: 0.92,
# 0.90, 1.00, 0.70, 0.94 -> 0.88, 0.86, 0.98, 0.66, 0.92) with held-out acceptance level
# (0.782 on the 29 files, before and after); dev v22 lost one faithful summary (0.42).
# Reading contrast clauses apart ("…, though …", "…, just don't …") and retraining lowered
# v4 (0.98 -> 0.96) with held-out acceptance 0.782 -> 0.794 and rejection 0.985 -> 0.988.
# Round 12's (32 files: p8-p10 added; the widening signals of scope.py) lowered v8 and
# dev v22 by one summary each (0.88 -> 0.86, 0.44 -> 0.42) and raised most others, with
# held-out acceptance 0.729 -> 0.812 on the 32 files at rejection 0.985 (DECISION_CARD.md).
# Round 13's (33 files: p11 added, no change to what the rules measure) lowered fifteen
# files' training figures by one to three summaries (v2, v5, v6, v13, v20, v23-v25, p2-p8)
# and let one reversed summary of dev v22 through (v22-041: reject 1.00 -> 0.98), with
# held-out figures on the 33 files 0.805 / 0.985, the same before and after retraining.
# Round 14's (35 files: p12, p13 added; echoes of the question, everyday words,
# opposites) lowered v19 by one summary (0.78 -> 0.76) with held-out figures on the 35
# files 0.794 / 0.984 -> 0.811 / 0.986.
FLOORS = [
    ("dev", 1.0, 1.0),
    ("test", 0.92, 1.0),
    ("dev-15b", 1.0, 1.0),
    ("v2-blind-test", 0.92, 1.0),
    ("v3-blind-test", 1.0, 1.0),
    ("v4-blind-test", 0.98, 1.0),
    ("v5-blind-test", 0.94, 1.0),
    ("v6-blind-test", 0.94, 1.0),
    ("v7-blind-test", 0.98, 1.0),
    ("v8-blind-test", 0.86, 1.0),
    ("v9-blind-test", 0.88, 1.0),
    ("v10-blind-test", 0.94, 1.0),
    ("v11-blind-test", 0.96, 1.0),
    ("v12-blind-test", 1.0, 1.0),
    ("v13-blind-test", 0.82, 1.0),
    ("v14-blind-test", 0.84, 1.0),
    ("p1-blind-train", 0.92, 1.0),
    ("p2-blind-train", 0.88, 1.0),
    ("v15-blind-test", 0.92, 1.0),
    ("v16-blind-test", 0.9, 1.0),
    ("p3-blind-train", 0.96, 1.0),
    ("p4-blind-train", 0.86, 1.0),
    # Round 8's test batches (first scores 0.84 / 0.98 and 0.62 / 0.96, in the README)
    # and p5 (0.76 / 0.96) train round 9's decision: training figures from here on.
    ("v17-blind-test", 0.92, 1.0),
    ("v18-blind-test", 0.9, 1.0),
    ("p5-blind-train", 0.94, 1.0),
    # p6 (first score 0.34 / 1.00 on round 9's decision) trains round 10's.
    ("p6-blind-train", 0.68, 1.0),
    # Round 9's test batches (first scores 0.46 / 1.00 and 0.86 / 1.00 on 3bbd38e) and
    # p7 (0.78 / 0.94 on 99dc602) train round 11's decision.
    ("v19-blind-test", 0.76, 1.0),
    ("v20-blind-test", 0.96, 1.0),
    ("p7-blind-train", 0.84, 1.0),
    # Round 10's test batches, first scores on ae4b095 (0.76 / 1.00, 0.44 / 0.98); dev
    # since round 11, never trained on. Contrast clauses read apart reject v22-061's
    # reversed rule ("you're welcome to set up a Facebook page…, just don't …").
    ("v21-blind-test", 0.8, 1.0),
    ("v22-blind-test", 0.42, 0.98),
    # Round 11's test batches, first scores on ae73b51 (0.56 / 0.98, 0.64 / 1.00); dev
    # since, never trained on. Reading "…, though …" clauses apart rejects v23-058.
    ("v23-blind-test", 0.6, 1.0),
    ("v24-blind-test", 0.7, 1.0),
    # p8-p10 (first scores on 063b924: 0.88 / 0.92, 0.76 / 0.94, 0.82 / 0.90) train
    # round 12's decision.
    ("p8-blind-train", 0.96, 1.0),
    ("p9-blind-train", 0.94, 1.0),
    ("p10-blind-train", 0.94, 1.0),
    # Round 12's test batches, first scores on 3f47679 (0.84 / 0.98, 0.68 / 1.00);
    # dev since, never trained on.
    ("v25-blind-test", 0.82, 0.98),
    ("v26-blind-test", 0.68, 1.0),
    # Round 13's test batches, first scores on ded1b8a (0.56 / 0.96, 0.80 / 0.98);
    # dev since, never trained on. Round 14's echo rule (asked.py) raised v27 to
    # 0.90; its retrained decision lets v28-047, a reversed rule, through (0.96).
    ("v27-blind-test", 0.9, 1.0),
    ("v28-blind-test", 0.86, 0.96),
    # p11 (first score on 98ce019: 0.54 / 1.00) trains round 13's decision.
    ("p11-blind-train", 0.82, 1.0),
    # p12, p13 (first scores on 0b7284d: 0.52 / 1.00, 0.42 / 0.98) train round 14's.
    ("p12-blind-train", 1.0, 1.0),
    ("p13-blind-train", 0.78, 1.0),
    # Round 14's test batches, first scores on c9e0b36 (0.78 / 0.92: two invented rules
    # and two overreaches passed; 0.82 / 1.00); dev from round 15, never trained on.
    ("v29-blind-test", 0.78, 0.92),
    ("v30-blind-test", 0.82, 1.0),
    # p14, written blind as training data (first score on 55a3472: 0.72 / 0.94), is held
    # out as dev: trained on, it lowered v21-v30's acceptance. The role rule (parties.py)
    # rejects two of its invented rules.
    ("p14-blind-train", 0.72, 0.98),
    # Round 15's test batches, first scores on 921a204 (0.94 / 0.98, 0.80 / 0.98: one
    # overreach shown in each); dev from round 16, never trained on.
    ("v31-blind-test", 0.94, 0.98),
    ("v32-blind-test", 0.8, 0.98),
]


def _marked(name: str, accept: float, reject: float) -> Any:
    """A file the decision trains on guards only its training fit: it runs with
    `-m trained` (after retraining), not in every run; held-out files always run."""
    trained = f"{name}.jsonl" not in HELD_OUT_FILES
    return pytest.param(name, accept, reject, marks=[pytest.mark.trained] if trained else [])


@pytest.mark.parametrize(("name", "accept", "reject"), [_marked(*floor) for floor in FLOORS])
def test_verifier_figures_hold(core, word_vectors, name, accept, reject):
    kb = core.kb
    facts = fact_texts(kb.facts)
    verifier = Verifier(word_vectors)
    items = load(EVAL / f"{name}.jsonl")
    warm(verifier, items)
    result = score(items, kb, verifier, facts)
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
