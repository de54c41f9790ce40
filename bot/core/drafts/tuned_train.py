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
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from bot.core.triage.encoder import SplitEncoder
from bot.core.triage.model import SPLIT
from bot.core.triage.train import _batches, _cache, _pad

from .meaning_train import training_drafts
from .tuned import PREFIX, THRESHOLDS, WEIGHTS, SeverityHead
from .tuned_oof import OUT_OF_FOLD, digest
from .verdict import RANK

FOLDS = 5


@dataclass(frozen=True)
class TunedConfig:
    seed: int = 13
    epochs: int = 4
    learning_rate: float = 5e-5
    batch_size: int = 16
    weight_decay: float = 0.01


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
    config: TunedConfig,
) -> SeverityHead:
    torch.manual_seed(config.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(config.seed)
    wanted, known = targets(verdicts)
    head = SeverityHead(encoder.upper_layers)
    head.train()
    optimiser = torch.optim.AdamW(
        head.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    lengths = [s.shape[0] for s in states]
    for _ in range(config.epochs):
        for batch in _batches(lengths, config.batch_size, rng):
            logits = head(_pad([states[i] for i in batch]))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, wanted[batch], weight=known[batch], reduction="sum"
            ) / known[batch].sum().clamp(min=1)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return head.eval()


def read_all(head: SeverityHead, states: Sequence[torch.Tensor]) -> list[dict[str, float]]:
    out: list[dict[str, float]] = []
    for start in range(0, len(states), 32):
        out += head.readings(_pad(states[start : start + 32]))
    return out


def fold_of(files: Sequence[str]) -> dict[str, int]:
    return {name: i % FOLDS for i, name in enumerate(sorted(set(files)))}


def out_of_fold(
    encoder: SplitEncoder,
    states: Sequence[torch.Tensor],
    verdicts: Sequence[set[str]],
    files: Sequence[str],
    config: TunedConfig,
    log: Callable[[str], object] = print,
) -> list[dict[str, float]]:
    folds = fold_of(files)
    out: list[dict[str, float]] = [{} for _ in files]
    for fold in range(FOLDS):
        fit_on = [i for i, f in enumerate(files) if folds[f] != fold]
        held = [i for i, f in enumerate(files) if folds[f] == fold]
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
    config: TunedConfig | None = None,
    log: Callable[[str], object] = print,
    out: Path = WEIGHTS.parent,
) -> None:
    config = config or TunedConfig()
    encoder = SplitEncoder.from_sentence_transformer(sentence_transformer, split=SPLIT)
    states = _cache(encoder, texts)
    log(f"{len(texts)} drafts from {len(set(files))} files")
    held_out = out_of_fold(encoder, states, verdicts, files, config, log)
    head = fit(encoder, states, verdicts, config)
    head.save(out / WEIGHTS.name, split=SPLIT)
    readings = {
        digest(text): {t: round(r[PREFIX + t], 6) for t in THRESHOLDS}
        for text, r in zip(texts, held_out, strict=True)
    }
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
