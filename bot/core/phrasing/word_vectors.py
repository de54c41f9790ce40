"""MiniLM vectors of single words, computed once per word and kept.

The verifier compares words, not whole sentences: a word's vector is the same in every
reply, so after the policy's own vocabulary is warmed in, checking a summary costs
only the words the model used that the policy never does (a forward pass for those).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

EmbedBatch = Callable[[Sequence[str]], np.ndarray]
MAX_WORDS = 50_000


class CachedWordVectors:
    def __init__(self, embed_batch: EmbedBatch) -> None:
        self._embed = embed_batch
        self._known: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def warm(self, words: Iterable[str], batch: int = 256) -> int:
        """Compute the vectors of `words` now (the policy's vocabulary, at start-up)."""
        todo = sorted({w for w in words if w not in self._known})
        for start in range(0, len(todo), batch):
            self.vectors(todo[start : start + batch])
        return len(todo)

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = [w for w in dict.fromkeys(words) if w not in self._known]
        if missing:
            computed = self._embed(missing)
            with self._lock:
                if len(self._known) + len(missing) > MAX_WORDS:
                    self._known.clear()  # a runaway vocabulary is rebuilt, not grown forever
                self._known.update(zip(missing, computed, strict=True))
        with self._lock:
            if not words:
                return np.zeros((0, 0), np.float32)
            return np.stack([self._known[w] for w in words])
