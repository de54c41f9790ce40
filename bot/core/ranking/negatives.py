"""Out-of-scope example questions as keys: how close a question is to ones the policy does
not answer (annual leave, IT passwords, follower counts, ethics applications) is evidence
for refusing.

The training split of `data/out_of_scope.jsonl` and the out-of-scope questions of the
blind answer batches in the train split, embedded by training: the texts in
`negatives.json`, their vectors (same order) in `negatives.npy`. The shipped policybot
reads only these two files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

VECTORS = Path(__file__).with_name("negatives.npy")
TEXTS = VECTORS.with_suffix(".json")


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


def save_negatives(keys: NegativeKeys, vectors: Path = VECTORS, texts: Path = TEXTS) -> None:
    np.save(vectors, keys.vectors.astype(np.float16))
    texts.write_text(json.dumps(list(keys.texts), indent=0) + "\n", encoding="utf-8")


def load_negatives(vectors: Path = VECTORS, texts: Path = TEXTS) -> NegativeKeys:
    if not (vectors.is_file() and texts.is_file()):
        return NONE
    names = tuple(json.loads(texts.read_text(encoding="utf-8")))
    rows = np.load(vectors).astype(np.float32)
    if len(rows) != len(names):
        return NONE  # stale files: retrain (python -m bot.core.ranking.train)
    return NegativeKeys(names, rows)
