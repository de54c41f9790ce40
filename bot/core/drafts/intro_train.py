"""Fit the introduction model (`intro.py`); called by `policybot train drafts`.

Train: the messages the recogniser trains on (`recognise_train.training_messages`: the
triage train split and the blind draft batches) that set a post apart (`introduction`).
Features (`intro.feature_row`): the introduction's embedding, its words and word pairs
used by at least `MIN_FILES` writers, and the whole message's embedding. Labels: draft,
or not. Bars, read out of fold (each file's messages by a model fitted
without that file's fold): `bar`, the lowest at which at most `FALSE_DRAFTS` of the
media and harassment reports read as drafts; `safeguarding_bar`, the lowest at which
none of the safeguarding reports does, raised by `SAFEGUARDING_MARGIN`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bot.core.ranking.fitting import fit_linear

from .intro import IntroModel, feature_row, grams, intro_text, introduction
from .recognise_train import kinds_of_reports, training_messages

C = 0.03
MIN_FILES = 8
FOLDS = 5
FALSE_DRAFTS = 0.01
SAFEGUARDING_MARGIN = 0.02
BARS = tuple(round(b, 2) for b in np.arange(0.5, 0.991, 0.01))

EmbedBatch = Callable[[Sequence[str]], np.ndarray]


def _unit(rows: np.ndarray) -> np.ndarray:
    out: np.ndarray = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return out.astype(np.float64)


def out_of_fold(x: np.ndarray, y: np.ndarray, files: Sequence[str]) -> np.ndarray:
    names = [f"f{i}" for i in range(x.shape[1])]
    fold = {name: i % FOLDS for i, name in enumerate(sorted(set(files)))}
    which = np.array([fold[f] for f in files])
    out = np.zeros(len(y))
    for k in range(FOLDS):
        held = which == k
        model = fit_linear(x[~held], y[~held], names, C, balanced=True)
        out[held] = model.probability(x[held])
    return out


def _lowest(probs: np.ndarray, rate: float) -> float:
    for bar in BARS:
        if float((probs >= bar).mean()) <= rate:
            return float(bar)
    return float(BARS[-1])


def vocabulary(grams_per_row: Sequence[set[str]], files: Sequence[str]) -> tuple[str, ...]:
    """The words and pairs used around posts by at least `MIN_FILES` writers: how people
    introduce a post, not what one batch happened to be about."""
    writers: dict[str, set[str]] = {}
    for found, file in zip(grams_per_row, files, strict=True):
        for g in found:
            writers.setdefault(g, set()).add(file)
    return tuple(sorted(g for g, who in writers.items() if len(who) >= MIN_FILES))


def fit_intro(
    embed: EmbedBatch, draft_batches: Sequence[str]
) -> tuple[IntroModel, dict[str, object]]:
    texts, labels, files = training_messages(draft_batches)
    reported = kinds_of_reports(draft_batches)
    rows = [
        (parts, text, label, file, reported.get(text, label))
        for text, label, file in zip(texts, labels, files, strict=True)
        if (parts := introduction(text))
    ]
    intros = _unit(np.asarray(embed([intro_text(r[0]) for r in rows])))
    wholes = _unit(np.asarray(embed([r[1] for r in rows])))
    row_files = [r[3] for r in rows]
    vocab = vocabulary([grams(r[0]) for r in rows], row_files)
    x = np.array(
        [feature_row(r[0], i, w, vocab) for r, i, w in zip(rows, intros, wholes, strict=True)]
    )
    y = np.array([r[2] == "draft" for r in rows])
    kinds = np.array([r[4] for r in rows])
    probs = out_of_fold(x, y, row_files)
    reports = np.isin(kinds, ["media", "harassment"])
    bar = _lowest(probs[reports], FALSE_DRAFTS)
    safeguarding = probs[kinds == "safeguarding"]
    worst = float(safeguarding.max()) if len(safeguarding) else 0.0
    safeguarding_bar = round(min(0.999, max(bar, worst + SAFEGUARDING_MARGIN)), 3)
    names = [f"intro {i}" for i in range(intros.shape[1])] + [f"word {g}" for g in vocab]
    names += [f"message {i}" for i in range(wholes.shape[1])]
    model = fit_linear(x, y, names, C, balanced=True)

    def share(mask: np.ndarray, at: float) -> float:
        return round(float((probs[mask] >= at).mean()), 4) if mask.any() else 0.0

    n_reports = int(np.isin(kinds, ["media", "harassment", "safeguarding"]).sum())
    figures: dict[str, object] = {
        "intro messages with a post set apart (drafts, reports)": (
            f"{len(y)} ({int(y.sum())}, {n_reports}); {len(vocab)} words and pairs"
        ),
        "intro bar (media, harassment, no report)": bar,
        "intro bar (safeguarding)": safeguarding_bar,
        "intro out-of-fold drafts over the bar": share(y, bar),
        "intro out-of-fold drafts over the safeguarding bar": share(y, safeguarding_bar),
        "intro out-of-fold media and harassment reports over the bar": share(reports, bar),
        "intro out-of-fold safeguarding reports over the bar": share(kinds == "safeguarding", bar),
        "intro out-of-fold questions over the bar": share(kinds == "question", bar),
    }
    return IntroModel(model, vocab, bar, safeguarding_bar), figures


def same_intro(a: IntroModel | None, b: IntroModel, tolerance: float = 1e-3) -> bool:
    return (
        a is not None
        and abs(a.bar - b.bar) < tolerance
        and abs(a.safeguarding_bar - b.safeguarding_bar) < tolerance
        and np.allclose(a.model.coef, b.model.coef, atol=tolerance)
        and abs(a.model.intercept - b.model.intercept) < tolerance
    )
