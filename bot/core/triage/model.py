"""The triage model as the assistant uses it: text in, decision and query vector out."""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.errors import ModelError

from .classifier import TriageHead
from .decision import Thresholds, Triage, decide
from .encoder import Lower, SplitEncoder
from .guards import settled_history
from .segments import segments

WEIGHTS_DIR = Path(__file__).parent / "weights"
WEIGHTS_FILE = "triage-head.safetensors"
THRESHOLDS_FILE = "thresholds.json"
LOWERS_KEPT = 8  # messages in flight at once, with room to spare
SPLIT = 4  # layers shared with retrieval; the top two are fine-tuned for triage
# How long a message waits for the embedding run beside the triage head before computing
# it itself (two layers take milliseconds; only a starved pool ever reaches this).
EMBEDDING_WAIT_S = 5.0


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
    def __init__(
        self,
        encoder: SplitEncoder,
        head: TriageHead,
        thresholds: Thresholds,
        *,
        cache_size: int = 1024,
    ) -> None:
        self.encoder = encoder
        self.head = head
        self.thresholds = thresholds
        # A repeated message (a retry, a second replica's takeover) is read once.
        self._cache: OrderedDict[str, Reading] = OrderedDict()
        self._cache_size = cache_size
        # The last messages' shared hidden states, for the draft severity head to read
        # on (`drafts/tuned.py`): a draft check then costs its two layers, not six.
        self._lowers: OrderedDict[str, Lower] = OrderedDict()
        self._lock = threading.Lock()
        # The retrieval embedding and the triage head read the same hidden states with
        # different layers: run side by side, a message costs the shared layers plus the
        # slower branch, not both (torch runs each op on one thread; a host has 2+ cores).
        self._beside = ThreadPoolExecutor(
            max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="embedding"
        )

    @classmethod
    def load(cls, sentence_transformer: Any, folder: Path = WEIGHTS_DIR) -> TriageModel:
        encoder = SplitEncoder.from_sentence_transformer(sentence_transformer, split=SPLIT)
        head = TriageHead.load(folder / WEIGHTS_FILE, encoder.upper_layers, split=SPLIT)
        return cls(encoder, head, load_thresholds(folder / THRESHOLDS_FILE))

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return self.head.probabilities(self.encoder.lower(texts))

    def read(self, text: str) -> Reading:
        with self._lock:
            if (cached := self._cache.get(text)) is not None:
                self._cache.move_to_end(text)
                return cached
        reading = self._read(text)
        with self._lock:
            self._cache[text] = reading
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return reading

    def _read(self, text: str) -> Reading:
        # Sentences are scored only when a sentence could count (a bar of 1 or more on
        # dev means sentences read alone only ever added false alarms there).
        pieces = segments(text) if self.thresholds.sentence < 1.0 else [text.strip()]
        # The whole apart from its sentences: batched together, every sentence would be
        # padded to the whole message's length.
        whole = self.encoder.lower(pieces[:1])
        with self._lock:
            self._lowers[pieces[0]] = whole
            if len(self._lowers) > LOWERS_KEPT:
                self._lowers.popitem(last=False)
        pending = self._embed_beside(whole)
        probabilities = [self.head.probabilities(whole)]
        if len(pieces) > 1:
            probabilities.append(self.probabilities(pieces[1:]))
        stacked = np.vstack(probabilities)
        return Reading(
            triage=settled_history(text, decide(stacked, self.thresholds)),
            probabilities=stacked,
            vector=self._embedding(pending, whole)[0],
        )

    def _embed_beside(self, whole: Lower) -> Future[np.ndarray] | None:
        try:
            return self._beside.submit(self.encoder.embedding, whole)
        except RuntimeError:  # the pool is shut down (interpreter exit): done in line
            return None

    def _embedding(self, pending: Future[np.ndarray] | None, whole: Lower) -> np.ndarray:
        if pending is not None:
            try:
                return pending.result(timeout=EMBEDDING_WAIT_S)
            except TimeoutError:
                pending.cancel()  # a starved worker: computing it here beats waiting on
        return self.encoder.embedding(whole)

    def lower(self, texts: list[str]) -> Lower:
        return self.encoder.lower(texts)

    def lower_of(self, text: str) -> Lower:
        """The shared layers' states of one message: kept from its triage, or computed."""
        with self._lock:
            kept = self._lowers.get(text.strip())
        return kept if kept is not None else self.encoder.lower([text.strip()])
