"""Fit the draft recogniser (`recognise.py`); called by `policybot train drafts`.

Train: the triage corpus's train split (`tests/eval/triage/splits.json`: questions,
drafts and reports of every kind, written blind) and every answer batch whose drafts
train the meaning model (`meaning_train.DRAFT_BATCHES`). Labels: draft, or not (a
question or a report). The bar is the lowest at which, read out of fold (each file's
messages by a model fitted without that file's fold), at most `FALSE_DRAFTS` of the
train split's reports read as drafts: the routing asks for a quoted span or a cue as
well, and never reads a safeguarding report as a draft, so fewer still are checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.core.ranking.dataset import ANSWERS
from bot.core.ranking.fitting import fit_linear
from bot.core.text_input import clean_text

from .posts_alone import post_alone
from .recognise import Recogniser

TRIAGE = ANSWERS.parent / "triage"
C = 0.1
FOLDS = 5
FALSE_DRAFTS = 0.01
BARS = tuple(round(b, 2) for b in np.arange(0.5, 0.991, 0.01))

EmbedBatch = Callable[[Sequence[str]], np.ndarray]


def kind(case: dict) -> str:
    """draft, report or question."""
    if "verdict" in case or case.get("label") == "draft":
        return "draft"
    reported = case.get("escalate") or case.get("label") in ("media", "harassment", "safeguarding")
    return "report" if reported else "question"


def _cases(draft_batches: Sequence[str]) -> list[tuple[str, dict, str]]:
    """(text, case, file) of the train split, each text once, and each draft's post on
    its own as one more draft of the same file (`posts_alone.py`)."""
    split = json.loads((TRIAGE / "splits.json").read_text(encoding="utf-8"))["train"]
    paths = [TRIAGE / p for p in split] + [ANSWERS / n for n in draft_batches]
    out: list[tuple[str, dict, str]] = []
    seen: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            text = clean_text(case.get("text") or "")[0]
            if not text or text in seen:
                continue
            seen.add(text)
            out.append((text, case, path.name))
            if kind(case) == "draft" and (post := post_alone(text)) and post not in seen:
                seen.add(post)
                out.append((post, {"label": "draft"}, path.name))
    return out


def training_messages(draft_batches: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """(texts, kind, file) of the train split, each text once."""
    cases = _cases(draft_batches)
    return [c[0] for c in cases], [kind(c[1]) for c in cases], [c[2] for c in cases]


def kinds_of_reports(draft_batches: Sequence[str]) -> dict[str, str]:
    """Each report's kind (media, harassment or safeguarding), by its text."""
    out: dict[str, str] = {}
    for text, case, _ in _cases(draft_batches):
        if kind(case) == "report":
            out[text] = str(case.get("escalate") or case.get("label"))
    return out


def _unit(rows: np.ndarray) -> np.ndarray:
    out: np.ndarray = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return out.astype(np.float64)


def out_of_fold(x: np.ndarray, y: np.ndarray, files: Sequence[str]) -> np.ndarray:
    """Each message's probability from a model fitted without its file's fold."""
    names = sorted(set(files))
    fold = {name: i % FOLDS for i, name in enumerate(names)}
    which = np.array([fold[f] for f in files])
    out = np.zeros(len(y))
    for k in range(FOLDS):
        held = which == k
        model = fit_linear(x[~held], y[~held], _names(x), C, balanced=True)
        out[held] = model.probability(x[held])
    return out


def choose_bar(probs: np.ndarray, kinds: np.ndarray) -> tuple[float, dict[str, float]]:
    reports = probs[kinds == "report"]
    rates = {f"{b:.2f}": float((reports >= b).mean()) for b in BARS}
    bar = float(next((b for b in BARS if rates[f"{b:.2f}"] <= FALSE_DRAFTS), BARS[-1]))
    return bar, rates


def _names(x: np.ndarray) -> list[str]:
    return [f"minilm {i}" for i in range(x.shape[1])]


def fit_recogniser(
    embed: EmbedBatch, draft_batches: Sequence[str]
) -> tuple[Recogniser, dict[str, object]]:
    texts, labels, files = training_messages(draft_batches)
    x = _unit(np.asarray(embed(texts)))
    kinds = np.array(labels)
    y = kinds == "draft"
    probs = out_of_fold(x, y, files)
    bar, rates = choose_bar(probs, kinds)
    model = fit_linear(x, y, _names(x), C, balanced=True)
    figures: dict[str, object] = {
        "recogniser messages (drafts, reports)": f"{len(y)} ({int(y.sum())}, {len(probs[kinds == 'report'])})",
        "recogniser bar": bar,
        "recogniser out-of-fold drafts found": round(float((probs[y] >= bar).mean()), 3),
        "recogniser out-of-fold reports read as drafts": round(rates[f"{bar:.2f}"], 4),
        "recogniser out-of-fold questions read as drafts": round(
            float((probs[kinds == "question"] >= bar).mean()), 4
        ),
    }
    return Recogniser(model, bar), figures


def same_recogniser(a: Recogniser | None, b: Recogniser, tolerance: float = 1e-3) -> bool:
    return (
        a is not None
        and abs(a.bar - b.bar) < tolerance
        and np.allclose(a.model.coef, b.model.coef, atol=tolerance)
        and abs(a.model.intercept - b.model.intercept) < tolerance
    )


def write_card(path: Path, figures: dict[str, object]) -> None:
    lines = "\n".join(f"| {k} | {v} |" for k, v in figures.items())
    path.write_text(
        "# Draft recogniser\n\nWritten by `policybot train drafts` (`recognise_train.py`); "
        "weights in `recognise.json`.\n\n"
        + (__doc__ or "").split("\n\n", 1)[1]
        + "\n| figure | value |\n|---|---|\n"
        + lines
        + "\n",
        encoding="utf-8",
    )
