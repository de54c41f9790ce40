"""The draft verdict model against other models and feature sets, leave one file out, on
the out-of-fold inputs `policybot train drafts` fits it on.

    PYTHONPATH=. python scripts/verdict_models.py    # about 15 minutes on two cores

The inputs take most of the time: `meaning_train.fit` computes every training draft's
out-of-fold meaning probabilities and severities as the trainer does, then hands them
here instead of to `fit_and_measure`. Each model is then fitted 102 times, once without
each training file, and scored on the drafts of the file it did not see (the floors of
`verdict.FLOORS` applied, as the assistant applies them). Nothing is written; these are
train figures, for choosing a model, never evidence.

Rows: `logistic` is the shipped model (C=0.3); `trees` the same features and rows in a
gradient-boosted ensemble (three classes, or `ordinal`: one ensemble per threshold);
`head only` the shipped model over the fine-tuned severity head's two readings alone.

`--head-readings FILE` puts another head's out-of-fold readings (`severity-oof.json`'s
form, from `scripts/severity_split.py --out`) in place of the shipped head's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.drafts import meaning_train  # noqa: E402
from bot.core.drafts.tuned_oof import load_out_of_fold  # noqa: E402
from bot.core.drafts.verdict import FLOORS, RANK, VERDICTS, features, load_verdict  # noqa: E402
from bot.core.drafts.verdict_train import (  # noqa: E402
    C,
    blind,
    cases,
    drafts_only,
    rule_findings,
)

Fit = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, test: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000).fit(x, y, sample_weight=w)
    return np.asarray(model.predict(test))


def _trees():  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_depth=3, min_samples_leaf=80, random_state=13
    )


def trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, test: np.ndarray) -> np.ndarray:
    return np.asarray(_trees().fit(x, y, sample_weight=w).predict(test))


def ordinal(x: np.ndarray, y: np.ndarray, w: np.ndarray, test: np.ndarray) -> np.ndarray:
    at_least = [
        _trees().fit(x, (y >= k).astype(int), sample_weight=w).predict_proba(test)[:, 1]
        for k in (1, 2)
    ]
    return np.where(at_least[1] >= 0.5, 2, np.where(at_least[0] >= 0.5, 1, 0))


def training_rows(
    index: np.ndarray, files: np.ndarray, accepted: Sequence[set[str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """As `verdict_train.fit_verdict`: a row per acceptable verdict, each file weighing
    the same in total."""
    per_file = Counter(files[index])
    which, labels, weight = [], [], []
    for i in index:
        share = len(index) / len(per_file) / per_file[files[i]] / len(accepted[i])
        for verdict in sorted(accepted[i], key=RANK.__getitem__):
            which.append(i)
            labels.append(RANK[verdict])
            weight.append(share)
    return np.array(which), np.array(labels), np.array(weight)


def leave_one_file_out(
    x: np.ndarray, files: np.ndarray, accepted: Sequence[set[str]], floor: np.ndarray, fit: Fit
) -> np.ndarray:
    """Per draft: is the verdict of a model fitted without its file acceptable?"""
    right = np.zeros(len(files), dtype=bool)
    for held in sorted(set(files)):
        fit_on, out = np.flatnonzero(files != held), np.flatnonzero(files == held)
        which, labels, weight = training_rows(fit_on, files, accepted)
        mean, scale = x[fit_on].mean(axis=0), x[fit_on].std(axis=0)
        scale[scale < 1e-6] = 1.0
        predicted = fit((x[which] - mean) / scale, labels, weight, (x[out] - mean) / scale)
        for i, verdict in zip(out, np.maximum(predicted, floor[out]), strict=True):
            right[i] = VERDICTS[int(verdict)] in accepted[i]
    return right


def compare(
    head_readings: Path | None,
    train: tuple[Sequence[str], Sequence[set[str]], Sequence[set[str]], Sequence[str]],
    probs: Sequence[dict[str, float]],
    _meaning: object,
    kb: object,
    severity: Sequence[dict[str, float]] | None = None,
) -> tuple[object, dict[str, object]]:
    texts, _flags, verdicts, files_ = train
    if head_readings is not None and severity is not None:
        other = load_out_of_fold(texts, head_readings)
        severity = [mine | theirs for mine, theirs in zip(severity, other, strict=True)]
    fitted = cases(files_, rule_findings(texts, kb), verdicts)  # type: ignore[arg-type]
    named = [
        features(c.findings, probs[c.row], severity[c.row] if severity else None) for c in fitted
    ]
    names = sorted({n for row in named for n in row})
    x = np.array([[row.get(n, 0.0) for n in names] for row in named])
    files = np.array([c.file for c in fitted])
    accepted = [c.verdicts for c in fitted]
    floor = np.array(
        [
            max((RANK[FLOORS[f.rule]] for f in c.findings if f.rule in FLOORS), default=0)
            for c in fitted
        ]
    )
    head = [j for j, n in enumerate(names) if n.startswith("severity tuned")]
    groups = {
        "blind batches": np.array([blind(f) for f in files]),
        "drafts-only files": np.array([drafts_only(f) for f in files]),
    }
    print(f"{len(fitted)} drafts, {len(names)} features, {len(set(files))} files")
    for label, columns, fit in (
        ("logistic", slice(None), logistic),
        ("trees", slice(None), trees),
        ("ordinal trees", slice(None), ordinal),
        ("head only (logistic)", head, logistic),
    ):
        right = leave_one_file_out(x[:, columns], files, accepted, floor, fit)
        shares = ", ".join(f"{g} {right[m].mean():.3f} ({m.sum()})" for g, m in groups.items())
        print(f"{label:<22} all {right.mean():.3f}  {shares}", flush=True)
    return load_verdict(), {}  # the shipped model: nothing here is written


def main() -> None:
    from functools import partial

    from bot.app import load_embedder
    from bot.core.ranking.train import build_knowledge
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--head-readings", type=Path, help="another head's out-of-fold readings")
    args = parser.parse_args()
    settings = Settings()
    embedder = load_embedder(settings)
    knowledge = build_knowledge(settings.knowledge_dir, embedder)
    meaning_train.fit(embedder.embed_batch, knowledge, measure=partial(compare, args.head_readings))


if __name__ == "__main__":
    main()
