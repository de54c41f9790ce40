"""`policybot train`: fit the triage classifier on the labelled corpus, reproducibly.

One script, as sentence-transformers' training examples keep it: load the splits, run
the shared lower layers once over every message (they are frozen, so their output is
cached), fine-tune copies of the upper layers and a linear head with a seeded AdamW,
choose the bars on dev, and write the weights, the bars and a model card. The same
seed, data and torch build give the same bytes; a test retrains and compares.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import torch

from .classifier import TriageHead
from .corpus import Example, counts, load_split
from .decision import Thresholds
from .encoder import SplitEncoder
from .finetune import FineTuneConfig, cache_lower_states, fine_tune
from .labels import LABELS
from .model import SPLIT, THRESHOLDS_FILE, WEIGHTS_FILE, TriageModel
from .scoring import choose_thresholds, decisions, score


@dataclass(frozen=True)
class TrainConfig(FineTuneConfig):
    limit: int | None = None  # a quick smoke run: the first N training messages


def fit(
    encoder: SplitEncoder,
    examples: Sequence[Example],
    config: TrainConfig,
    log: Callable[[str], None] = print,
) -> TriageHead:
    examples = examples[: config.limit] if config.limit else examples
    states = cache_lower_states(encoder, [e.text for e in examples])
    targets = torch.tensor([LABELS.index(e.label) for e in examples])
    frequency = torch.bincount(targets, minlength=len(LABELS)).to(torch.float32)
    # Balanced classes: drafts are few, and a rare kind must not be learned as noise.
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=frequency.sum() / (len(LABELS) * frequency.clamp(min=1))
    )
    return fine_tune(
        lambda: TriageHead(encoder.upper_layers),
        states,
        lambda logits, batch: loss_fn(logits, targets[batch]),
        config,
        log,
    )


def piece_probabilities(model: TriageModel, texts: Sequence[str]) -> list[np.ndarray]:
    return [model.read(text).probabilities for text in texts]


def model_card(
    config: TrainConfig, sizes: dict[str, dict[str, int]], figures: dict[str, dict], bars: dict
) -> str:
    lines = [
        "# Triage classifier",
        "",
        f"Trained {date.today().isoformat()} by `policybot train` (bot/core/triage/train.py).",
        "",
        "- Base: all-MiniLM-L6-v2 (bundled, sha256-checked). Layers 1-4 are shared and frozen;",
        "  copies of layers 5-6 plus a linear head over mean pooling are fine-tuned.",
        f"- Labels: {', '.join(LABELS)}. Scored on the whole message and on each sentence;",
        "  a report kind takes its highest probability over them.",
        f"- Training: {json.dumps(config.__dict__)}; balanced class weights; float16 on disk.",
        f"- Bars (chosen on dev for recall): {json.dumps(bars)}.",
        "",
        "| split | " + " | ".join(LABELS) + " |",
        "|---|" + "---|" * len(LABELS),
    ]
    for split, size in sizes.items():
        lines.append(f"| {split} | " + " | ".join(str(size[label]) for label in LABELS) + " |")
    lines += ["", "Figures (a report of the right kind; false alarms among non-reports):", ""]
    for split, values in figures.items():
        lines.append(f"- {split}: {json.dumps(values)}")
    return "\n".join(lines) + "\n"


def calibrate(
    corpus: Path,
    out: Path,
    encoder: SplitEncoder,
    config: TrainConfig,
    log: Callable[[str], None] = print,
) -> dict[str, dict]:
    """Choose the bars on dev for the weights in `out` (as saved, float16) and write them
    with the model card."""
    training, dev = load_split(corpus, "train"), load_split(corpus, "dev")
    saved = TriageHead.load(out / WEIGHTS_FILE, encoder.upper_layers, split=SPLIT)
    # sentence=0: every sentence is scored, so the sentence bar can be chosen.
    unset = Thresholds(report=1, possible=1, safeguarding=1, sentence=0)
    model = TriageModel(encoder, saved, unset)
    dev_pieces = piece_probabilities(model, [e.text for e in dev])
    bars = choose_thresholds(dev_pieces, [e.label for e in dev])
    (out / THRESHOLDS_FILE).write_text(json.dumps(bars.__dict__, indent=2) + "\n")
    figures = {}
    for name, examples, pieces in (
        ("train", training, piece_probabilities(model, [e.text for e in training])),
        ("dev", dev, dev_pieces),
    ):
        figures[name] = score(decisions(pieces, bars), [e.label for e in examples]).summary()
        log(f"{name}: {figures[name]}")
    sizes = {"train": counts(training), "dev": counts(dev)}
    (out / "MODEL_CARD.md").write_text(model_card(config, sizes, figures, bars.__dict__))
    return figures


def train(
    corpus: Path,
    out: Path,
    sentence_transformer: object,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, dict]:
    config = config or TrainConfig()
    training = load_split(corpus, "train")
    log(f"train {len(training)} messages")
    encoder = SplitEncoder.from_sentence_transformer(sentence_transformer, split=SPLIT)
    head = fit(encoder, training, config, log)
    head.save(out / WEIGHTS_FILE, split=SPLIT)
    return calibrate(corpus, out, encoder, config, log)
