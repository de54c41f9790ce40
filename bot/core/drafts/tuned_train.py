"""Fine-tune the draft severity head (`tuned.py`); run by `policybot train severity`.

    python -m bot.core.drafts.tuned_train

The labelled drafts are the draft meaning model's (`meaning_train.training_drafts`). The
verdict model learns from the head's readings, so the training drafts' readings must be
out of fold, as its other features are: five folds by writer's file (a file is one
writer's batch), each fitted without its fold. They are written beside the weights
(`severity-oof.json`, keyed by the text's digest) for `policybot train drafts` to read,
so the verdict can be refitted without fine-tuning again.

Seeded and deterministic, as the triage trainer is: the same data and torch build give
the same bytes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import torch

from bot.core.triage.encoder import SplitEncoder
from bot.core.triage.finetune import (
    FineTuneConfig,
    cache_lower_states,
    fine_tune,
    pad_states,
)
from bot.core.triage.model import SPLIT

from .meaning_train import training_drafts
from .tuned import PREFIX, THRESHOLDS, WEIGHTS, SeverityHead
from .tuned_oof import OUT_OF_FOLD, digest
from .verdict import RANK

FOLDS = 5


def targets(verdicts: Sequence[set[str]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Per draft and threshold: 1 if every acceptable verdict is at least it, and a
    weight of 0 where the acceptable verdicts straddle it (the draft says nothing there)."""
    rows, known = [], []
    for verdicts_ in verdicts:
        low = min(RANK[v] for v in verdicts_)
        high = max(RANK[v] for v in verdicts_)
        rows.append([float(low >= RANK[t]) for t in THRESHOLDS])
        known.append([float(low >= RANK[t] or high < RANK[t]) for t in THRESHOLDS])
    return torch.tensor(rows), torch.tensor(known)


def fit(
    encoder: SplitEncoder,
    states: Sequence[torch.Tensor],
    verdicts: Sequence[set[str]],
    config: FineTuneConfig,
) -> SeverityHead:
    wanted, known = targets(verdicts)

    def batch_loss(logits: torch.Tensor, batch: list[int]) -> torch.Tensor:
        return torch.nn.functional.binary_cross_entropy_with_logits(
            logits, wanted[batch], weight=known[batch], reduction="sum"
        ) / known[batch].sum().clamp(min=1)

    return fine_tune(lambda: SeverityHead(encoder.upper_layers), states, batch_loss, config)


def read_all(head: SeverityHead, states: Sequence[torch.Tensor]) -> list[dict[str, float]]:
    out: list[dict[str, float]] = []
    for start in range(0, len(states), 32):
        out += head.readings(pad_states(states[start : start + 32]))
    return out


def fold_of(files: Sequence[str]) -> dict[str, int]:
    return {name: i % FOLDS for i, name in enumerate(sorted(set(files)))}


def split_fold(files: Sequence[str], fold: int) -> tuple[list[int], list[int]]:
    """The drafts a fold's head is fitted on, and the drafts it reads (its own files)."""
    folds = fold_of(files)
    fit_on = [i for i, f in enumerate(files) if folds[f] != fold]
    held = [i for i, f in enumerate(files) if folds[f] == fold]
    return fit_on, held


def stored_readings(
    texts: Sequence[str], readings: Sequence[dict[str, float]]
) -> dict[str, dict[str, float]]:
    """Readings in `severity-oof.json`'s form: per text's digest, per threshold."""
    return {
        digest(text): {t: round(r[PREFIX + t], 6) for t in THRESHOLDS}
        for text, r in zip(texts, readings, strict=True)
    }


def out_of_fold(
    encoder: SplitEncoder,
    states: Sequence[torch.Tensor],
    verdicts: Sequence[set[str]],
    files: Sequence[str],
    config: FineTuneConfig,
    log: Callable[[str], object] = print,
) -> list[dict[str, float]]:
    out: list[dict[str, float]] = [{} for _ in files]
    for fold in range(FOLDS):
        fit_on, held = split_fold(files, fold)
        head = fit(encoder, [states[i] for i in fit_on], [verdicts[i] for i in fit_on], config)
        for i, reading in zip(held, read_all(head, [states[i] for i in held]), strict=True):
            out[i] = reading
        log(f"fold {fold + 1}/{FOLDS}: {len(held)} drafts read")
    return out


def train(
    sentence_transformer: object,
    texts: Sequence[str],
    verdicts: Sequence[set[str]],
    files: Sequence[str],
    config: FineTuneConfig | None = None,
    log: Callable[[str], object] = print,
    out: Path = WEIGHTS.parent,
) -> None:
    config = config or FineTuneConfig()
    encoder = SplitEncoder.from_sentence_transformer(sentence_transformer, split=SPLIT)
    states = cache_lower_states(encoder, texts)
    log(f"{len(texts)} drafts from {len(set(files))} files")
    held_out = out_of_fold(encoder, states, verdicts, files, config, log)
    head = fit(encoder, states, verdicts, config)
    head.save(out / WEIGHTS.name, split=SPLIT)
    readings = stored_readings(texts, held_out)
    oof = out / OUT_OF_FOLD.name
    oof.write_text(json.dumps(readings, sort_keys=True) + "\n", encoding="utf-8")
    log(f"wrote {out / WEIGHTS.name} and {oof}")


def main(log: Callable[[str], object] = print, out: Path = WEIGHTS.parent) -> int:
    from bot.app import load_embedder
    from bot.settings import Settings

    drafts = training_drafts()
    embedder = load_embedder(Settings())
    train(
        embedder.sentence_transformer,
        drafts.texts,
        drafts.verdicts,
        drafts.files,
        log=log,
        out=out,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
