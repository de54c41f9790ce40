"""The draft meaning model's card (`weights/MEANING_CARD.md`), written by `policybot train
drafts` beside the weights: data, how each part is fitted, and the figures."""

from __future__ import annotations

from datetime import UTC, datetime

from .meaning import POST_NEIGHBOURS, REASON_BAR
from .neighbours import K as NEIGHBOURS_K
from .verdict_train import C as VERDICT_C


def card(figures: dict[str, object], *, c: float, min_positives: int, flag_recall: float) -> str:
    """The model card beside the weights: how the models were fitted, and the figures."""
    rows = "\n".join(f"| {k} | {v} |" for k, v in figures.items())
    return f"""# Draft meaning model

Trained {datetime.now(UTC):%Y-%m-%d} by `policybot train drafts`
(`python -m bot.core.drafts.meaning_train`); weights in `meaning.json`.

One logistic regression (balanced classes, C={c}) per policy section flagged on at least
{min_positives} training drafts, over the whole message's unit MiniLM embedding (what
triage already computes). Train: `tests/eval/drafts*.jsonl` (written with the rules) and
the drafts of every spent blind batch (`q1`–`q45`, `q48`–`q57` and `a1`–`a4`, each
scored once, and the drafts-only batches `d1`–`d6`, `d8`–`d21`, `d23`, `d25`, `d26`,
`d28`, `d29`, `d32`–`d34`, `d37`–`d46`) and two training batches of posts pasted bare
(`d30`, `d31`); `d22`, `d24`, `d27`, `d35`, `d36`, `q46` and `q47` are dev, scored
through the whole assistant outside this card. A section over the bar that no lexical rule flagged
becomes a `review` finding quoting its passage nearest the message; once the verdict is
not ok, so does a section over {REASON_BAR} (or the most probable one, when nothing else
is shown). The bar is the highest under which the
rules and the model together find {flag_recall} of the sections blind writers flagged,
each draft read by a meaning model fitted without its file (the learned verdict reads the
probabilities, not the bar: the bar only chooses which sections are shown). Every
held-out figure below is leave-one-file-out.

## Draft verdict model (`verdict.json`)

The verdict (ok, review, do_not_post) is a multinomial logistic regression (C={VERDICT_C},
standardised features, each training file weighing the same in total) over which rules
flagged which sections and how severely, the counts of findings by severity, and the
meaning model's probability per section, and two severity regressions over the embedding
(P(at least `review`), P(`do_not_post`); `severity` in `meaning.json`) and the same two
among the {NEIGHBOURS_K} labelled drafts nearest in meaning (`neighbours.npz`,
`neighbours.py`), and the same four read of the post alone, split off the message as the
assistant splits it (`post_severity` in `meaning.json`, `{POST_NEIGHBOURS}`), and the
same two read by the fine-tuned severity head (`severity-head.safetensors`, `tuned.py`,
`policybot train severity`) (`bot/core/drafts/verdict.py`).
Training drafts' probabilities and severities are out of fold (fitted without the
draft's file; the head's, without the fifth of the files that holds it,
`severity-oof.json`). Labels: one row per acceptable verdict, sharing the draft's weight. Floors, not learned: a finding of the `children`,
`personal_data_collection`, `patient_data` or `media` rule is never `ok`. "rules" below is
the hand-set mapping it replaces (worst finding; `review` for a section over the bar);
train and cross-validated figures use out-of-fold meaning probabilities, and count every
labelled draft (the assistant checks only those triage reads as drafts).

| figure | value |
|---|---|
{rows}
"""
