"""The model card written beside the weights: data, split, figures, date, weights."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .dataset import (
    DEV_BATCHES,
    MAX_ANSWERABLE_REFUSED,
    MAX_ANSWERABLE_REFUSED_BARE,
    SEED,
    TRAIN_BATCHES,
)
from .model import WEIGHTS, Weights
from .negatives import NegativeKeys
from .scoring import Figures

CARD = WEIGHTS.with_name("MODEL_CARD.md")


@dataclass
class Training:
    """What one training run produced: the card describes it, `train` writes it."""

    weights: Weights
    negatives: NegativeKeys
    figures: dict[str, Figures] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _files(names: Sequence[str]) -> str:
    """The batches by file name: the card names exactly what the split reads."""
    return ", ".join(f"`{name}`" for name in names)


def _weights_table(title: str, names: Sequence[str], coef: Iterable[float]) -> list[str]:
    rows = [f"| {n} | {w:+.3f} |" for n, w in zip(names, coef, strict=True)]
    return [f"## {title}", "", "| feature | weight |", "|---|---|", *rows, ""]


def model_card(training: Training) -> str:
    lines = [
        "# Section ranker and coverage model",
        "",
        f"Trained {datetime.now(UTC):%Y-%m-%d} by `python -m bot.core.ranking.train` "
        f"(seed {SEED}); weights in `weights.json`.",
        "",
        "## Data",
        "",
        "- Answerable: the example questions of each policy's companion file "
        "(`knowledge/*.questions.jsonl`, written by two writers who saw only the policy), "
        "split per section by the seed: 80% train, 20% dev. Each training question's own "
        "text is left out of the keys while its features are computed.",
        "- Out of scope: `bot/core/ranking/data/out_of_scope.jsonl`, split 80/20 the same way.",
        "- Blind answer batches (`tests/eval/answers/`, whole files; writers who saw only the "
        f"policy and a persona): train {_files(TRAIN_BATCHES)}; dev {_files(DEV_BATCHES)}. "
        "Every `q` batch was first scored once as a test batch, then moved here; `a3` is "
        "out-of-scope rich; the dev batches are read for failures, never trained on. "
        "Their single answerable questions train the ranker and the coverage model; their "
        "out-of-scope ones train the coverage model and join the out-of-scope keys.",
        "- Scope model: a logistic regression on the question's MiniLM embedding, answerable "
        "(FAQ train + batch train) against out of scope, whose cross-validated probability "
        "is a feature of the coverage model with example questions. It is tied to the "
        "policies it was trained with: retrain after adding a policy.",
        "- Dev only, never trained on: `tests/eval/questions.jsonl`, `tests/eval/holdout.jsonl` "
        "(tuned on by earlier work, so optimistic).",
        "",
        "| data | count |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in training.counts.items()],
        "",
        "## Figures (sections ranked by the model; coverage by the model's threshold)",
        "",
        "| set | questions | hit@3 | top-1 | out-of-scope | refused (of oos) | "
        "answerable refused |",
        "|---|---|---|---|---|---|---|",
        *[f"| {name} | {fig.row()} |" for name, fig in training.figures.items()],
        "",
        f"Coverage thresholds: {training.weights.coverage_threshold:.3f} with example "
        f"questions, {training.weights.coverage_bare_threshold:.3f} without (cross-validated "
        f"on train to refuse at most {MAX_ANSWERABLE_REFUSED:.1%} and "
        f"{MAX_ANSWERABLE_REFUSED_BARE:.1%} of answerable questions; `dataset.py` says "
        "why they differ).",
        "",
        *_weights_table(
            "Ranker weights (standardised features)",
            training.weights.ranker.names,
            training.weights.ranker.coef,
        ),
        *_weights_table(
            "Coverage weights (policy with example questions)",
            training.weights.coverage.names,
            training.weights.coverage.coef,
        ),
    ]
    return "\n".join(lines)
