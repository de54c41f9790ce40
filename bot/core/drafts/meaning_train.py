"""Fit the draft meaning model; write weights/meaning.json and weights/MEANING_CARD.md.

    python -m bot.core.drafts.meaning_train            # or: policybot train drafts
    python -m bot.core.drafts.meaning_train --check    # exit 1 if retraining changes it

Train: the labelled drafts in `tests/eval/drafts*.jsonl` and the drafts of every answer
batch written blind (`DRAFT_BATCHES`: all of them have been scored once, and drafts are
few). One logistic regression per section with enough flagged drafts, on the message's
unit MiniLM embedding; one bar for all, the one under which the rules and the model
together get the most verdicts and flags right on the blind batches, each draft read
with probabilities from a model fitted without its file (leave one file out).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bot.core.ranking.dataset import ANSWERS, DEV_BATCHES, TRAIN_BATCHES
from bot.core.ranking.fitting import fit_linear
from bot.core.text_input import clean_text

from ..knowledge import KnowledgeBase
from .check import check_draft
from .detect import extract_draft
from .meaning import WEIGHTS, MeaningModel, load_meaning
from .verdict import WEIGHTS as VERDICT_WEIGHTS
from .verdict import VerdictModel, load_verdict
from .verdict_train import C as VERDICT_C
from .verdict_train import blind, fit_and_measure, out_of_fold

EVAL = ANSWERS.parent
CARD = WEIGHTS.with_name("MEANING_CARD.md")
MIN_POSITIVES = 10
C = 0.01
BARS = tuple(round(b, 2) for b in np.arange(0.3, 0.96, 0.05))

EmbedBatch = Callable[[Sequence[str]], np.ndarray]
# Every blind answer batch (the ranker's train and dev files: each has been scored once,
# so its drafts are training data now) and the drafts-only training batches.
DRAFT_BATCHES = (
    *TRAIN_BATCHES,
    *DEV_BATCHES,
    "train/d1-engagement-officer.jsonl",
    "train/d2-seconded-nurse.jsonl",
    "train/d3-finance-manager.jsonl",
)


@dataclass(frozen=True)
class Drafts:
    texts: list[str]
    flags: list[set[str]]
    verdicts: list[set[str]]
    files: list[str]


def load_drafts(paths: Sequence[Path]) -> Drafts:
    texts: list[str] = []
    flags: list[set[str]] = []
    verdicts: list[set[str]] = []
    files: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if "verdict" not in case:
                continue
            texts.append(clean_text(case["text"])[0])
            flags.append(set(case.get("flags") or []))
            verdicts.append(set(case["verdict"]))
            files.append(path.name)  # one writer's batch; the names are unique
    return Drafts(texts, flags, verdicts, files)


def training_drafts(folder: Path = EVAL) -> Drafts:
    paths = sorted(folder.glob("drafts*.jsonl")) + [folder / "answers" / n for n in DRAFT_BATCHES]
    return load_drafts([p for p in paths if p.is_file()])


def _unit(rows: np.ndarray) -> np.ndarray:
    out: np.ndarray = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return out.astype(np.float64)


def _outcome(
    probs: Sequence[dict[str, float]], drafts: Drafts, kb: KnowledgeBase, bar: float
) -> float:
    """Verdicts right plus flags found on the blind batches, the lexical rules and the
    model together, as the assistant checks a draft (a section the rules flagged is not
    flagged twice; verdict by the rules' own severities: the bar only chooses which
    sections are shown)."""
    right = total = 0
    for found_p, text, flags, verdicts, file in zip(
        probs, drafts.texts, drafts.flags, drafts.verdicts, drafts.files, strict=True
    ):
        request = extract_draft(text)
        if request is None or not blind(file):
            continue
        total += 1
        found = [s for s, p in found_p.items() if p >= bar]
        check = check_draft(request, kb.facts, kb.sections, by_meaning=[(s, "") for s in found])
        right += int(check.verdict in verdicts)
        right += len(flags & {f.section for f in check.findings})
    return right / max(1, total)


def _f1(
    probs: Sequence[dict[str, float]], drafts: Drafts, bar: float, only_blind: bool = False
) -> float:
    hit = said = wanted = 0
    for found_p, want, file in zip(probs, drafts.flags, drafts.files, strict=True):
        if only_blind and not blind(file):
            continue
        found = {s for s, p in found_p.items() if p >= bar}
        want = want & set(found_p)
        hit, said, wanted = hit + len(found & want), said + len(found), wanted + len(want)
    return 2 * hit / (said + wanted) if said + wanted else 0.0


def fit(
    embed: EmbedBatch, kb: KnowledgeBase, folder: Path = EVAL
) -> tuple[MeaningModel, VerdictModel, dict[str, object]]:
    train = training_drafts(folder)
    x_train = _unit(embed(train.texts))
    names = [f"e{i}" for i in range(x_train.shape[1])]
    counts: dict[str, int] = {}
    for found in train.flags:
        for section in found:
            counts[section] = counts.get(section, 0) + 1
    sections = sorted(s for s, n in counts.items() if n >= MIN_POSITIVES)
    models = {
        s: fit_linear(x_train, np.array([s in f for f in train.flags], int), names, C, True)
        for s in sections
    }
    held_out = out_of_fold(x_train, train.flags, train.files, sections)
    scored = [(_outcome(held_out, train, kb, bar), bar) for bar in BARS]
    _best, bar = max(scored, key=lambda item: (item[0], item[1]))
    model = MeaningModel(models, bar)
    fitted = [model.probabilities(row) for row in x_train]
    figures = {
        "train drafts (blind batches)": f"{len(train.texts)} "
        f"({sum(blind(f) for f in train.files)})",
        "sections (flagged drafts in train)": ", ".join(f"{s} ({counts[s]})" for s in sections),
        "bar (most blind verdicts and flags right, with the rules, leave-one-file-out)": bar,
        "leave-one-file-out F1 of flagged sections, blind batches (model alone)": round(
            _f1(held_out, train, bar, only_blind=True), 3
        ),
        "train F1 of flagged sections": round(_f1(fitted, train, bar), 3),
    }
    judge, judged = fit_and_measure(
        (train.texts, train.flags, train.verdicts, train.files), held_out, model, kb
    )
    return model, judge, figures | judged


def card(figures: dict[str, object]) -> str:
    rows = "\n".join(f"| {k} | {v} |" for k, v in figures.items())
    return f"""# Draft meaning model

Trained {datetime.now(UTC):%Y-%m-%d} by `policybot train drafts`
(`python -m bot.core.drafts.meaning_train`); weights in `meaning.json`.

One logistic regression (balanced classes, C={C}) per policy section flagged on at least
{MIN_POSITIVES} training drafts, over the whole message's unit MiniLM embedding (what
triage already computes). Train: `tests/eval/drafts*.jsonl` (written with the rules) and
the drafts of every blind batch (`q1`–`q14` and `a1`–`a3`, each scored once, and the
drafts-only training batches `d1`–`d3`). A section over the bar that no lexical rule flagged becomes a `review`
finding quoting its passage nearest the message. The bar is the one under which the
rules and the model together get the most verdicts and flags right on the blind batches,
each draft read by a meaning model fitted without its file (with the rules' own
verdicts: the bar only chooses which sections are shown). There is no dev file: every
held-out figure below is leave-one-file-out.

## Draft verdict model (`verdict.json`)

The verdict (ok, review, do_not_post) is a multinomial logistic regression (C={VERDICT_C},
standardised features, each training file weighing the same in total) over which rules
flagged which sections and how severely, the counts of findings by severity, and the
meaning model's probability per section (`bot/core/drafts/verdict.py`). Training drafts'
probabilities are out of fold (a meaning model fitted without the draft's file). Labels:
the mildest acceptable verdict. Floors, not learned: a finding of the `children`,
`personal_data_collection`, `patient_data` or `media` rule is never `ok`. "rules" below is
the hand-set mapping it replaces (worst finding; `review` for a section over the bar);
train and cross-validated figures use out-of-fold meaning probabilities, and count every
labelled draft (the assistant checks only those triage reads as drafts).

| figure | value |
|---|---|
{rows}
"""


def same(a: MeaningModel, b: MeaningModel, tolerance: float = 1e-3) -> bool:
    return (
        set(a.sections) == set(b.sections)
        and abs(a.bar - b.bar) < tolerance
        and all(
            np.allclose(a.sections[s].coef, b.sections[s].coef, atol=tolerance)
            and abs(a.sections[s].intercept - b.sections[s].intercept) < tolerance
            for s in a.sections
        )
    )


def same_verdict(a: VerdictModel | None, b: VerdictModel, tolerance: float = 1e-3) -> bool:
    return (
        a is not None
        and a.names == b.names
        and all(
            np.allclose(getattr(a, k), getattr(b, k), atol=tolerance)
            for k in ("mean", "scale", "coef", "intercept")
        )
    )


def main(argv: Sequence[str] | None = None, log: Callable[[str], object] = print) -> int:
    from bot.app import load_embedder
    from bot.settings import Settings

    parser = argparse.ArgumentParser(prog="python -m bot.core.drafts.meaning_train")
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    args = parser.parse_args(argv)
    from bot.core.ranking.train import build_knowledge

    settings = Settings()
    embedder = load_embedder(settings)
    knowledge = build_knowledge(settings.knowledge_dir, embedder)
    model, judge, figures = fit(embedder.embed_batch, knowledge)
    for name, value in figures.items():
        log(f"{name:<40} {value}")
    if args.check:
        ok = same(load_meaning(), model) and same_verdict(load_verdict(), judge)
        log("weights reproduced" if ok else "weights differ from meaning.json or verdict.json")
        return 0 if ok else 1
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    VERDICT_WEIGHTS.write_text(json.dumps(judge.to_dict(), indent=1) + "\n", encoding="utf-8")
    CARD.write_text(card(figures), encoding="utf-8")
    log(f"wrote {WEIGHTS}, {VERDICT_WEIGHTS} and {CARD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
