"""Out-of-scope example questions as keys: how close a question is to ones the policy does
not answer (annual leave, IT passwords, ethics applications) is evidence for refusing.

The training split of `data/out_of_scope.jsonl`, embedded by training into
`negatives.npy` (rows in the order of `dataset.out_of_scope()`'s train list).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .dataset import out_of_scope

VECTORS = Path(__file__).with_name("negatives.npy")


@dataclass(frozen=True)
class NegativeKeys:
    texts: tuple[str, ...]
    vectors: np.ndarray  # unit rows

    def similarities(self, vector: np.ndarray, exclude: str = "") -> np.ndarray:
        if not self.texts:
            return np.zeros(0, np.float32)
        sims = self.vectors @ (vector / max(float(np.linalg.norm(vector)), 1e-9))
        if exclude:
            plain = " ".join(exclude.lower().split())
            sims = np.where([" ".join(t.lower().split()) == plain for t in self.texts], -1.0, sims)
        return np.asarray(sims, dtype=np.float32)


NONE = NegativeKeys((), np.zeros((0, 0), np.float32))


def load_negatives(path: Path = VECTORS) -> NegativeKeys:
    train, _dev = out_of_scope()
    if not path.is_file():
        return NONE
    vectors = np.load(path).astype(np.float32)
    if len(vectors) != len(train):
        return NONE  # stale file: retrain (python -m bot.core.ranking.train)
    return NegativeKeys(tuple(train), vectors)
