"""The triage model as the assistant uses it: text in, decision and query vector out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ModelError

from .classifier import TriageHead
from .decision import Thresholds, Triage, decide
from .encoder import Lower, SplitEncoder
from .segments import segments

WEIGHTS_DIR = Path(__file__).parent / "weights"
WEIGHTS_FILE = "triage-head.safetensors"
THRESHOLDS_FILE = "thresholds.json"
SPLIT = 4  # layers shared with retrieval; the top two are fine-tuned for triage


@dataclass(frozen=True)
class Reading:
    triage: Triage
    probabilities: np.ndarray  # (pieces, labels): the whole message first
    vector: np.ndarray  # the whole message's retrieval embedding, computed on the way


def load_thresholds(path: Path) -> Thresholds:
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        return Thresholds(
            report=float(values["report"]),
            possible=float(values["possible"]),
            safeguarding=float(values["safeguarding"]),
            sentence=float(values["sentence"]),
        )
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"Cannot read triage thresholds from {path}: {exc}") from exc


class TriageModel:
    def __init__(self, encoder: SplitEncoder, head: TriageHead, thresholds: Thresholds) -> None:
        self.encoder = encoder
        self.head = head
        self.thresholds = thresholds

    @classmethod
    def load(cls, sentence_transformer: Any, folder: Path = WEIGHTS_DIR) -> TriageModel:
        encoder = SplitEncoder.from_sentence_transformer(sentence_transformer, split=SPLIT)
        head = TriageHead.load(folder / WEIGHTS_FILE, encoder.upper_layers, split=SPLIT)
        return cls(encoder, head, load_thresholds(folder / THRESHOLDS_FILE))

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return self.head.probabilities(self.encoder.lower(texts))

    def read(self, text: str) -> Reading:
        pieces = segments(text)
        # The whole apart from its sentences: batched together, every sentence would be
        # padded to the whole message's length.
        whole = self.encoder.lower(pieces[:1])
        probabilities = [self.head.probabilities(whole)]
        if len(pieces) > 1:
            probabilities.append(self.probabilities(pieces[1:]))
        stacked = np.vstack(probabilities)
        return Reading(
            triage=decide(stacked, self.thresholds),
            probabilities=stacked,
            vector=self.encoder.embedding(whole)[0],
        )

    def lower(self, texts: list[str]) -> Lower:
        return self.encoder.lower(texts)
