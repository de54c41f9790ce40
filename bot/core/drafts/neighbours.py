"""How the labelled drafts nearest in meaning were judged: a severity reading of the draft.

Blind writers agree far more on a kind of draft (a logo banner, a reference "on behalf of
the HRA", a paid post with a discount code) than a linear reading of the embedding
shows: the severity regressions (`meaning.py`) draw one line through very different
kinds. So the verdict (`verdict.py`) also reads the verdicts of the `K` labelled drafts
whose embeddings are nearest, weighted by squared cosine. Leave-one-file-out over the 32
blind batches (`scripts/drafts_lofo.py`, which fits nothing on the held-out file):
verdict 0.745 -> 0.769 (k 10 and 25 alike, 50: 0.768).

The vectors and verdicts are the training drafts' own (`weights/neighbours.npz`, written
by `policybot train drafts`); a training draft's reading for the verdict's fit leaves out
its own file, as every other verdict feature does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .verdict import RANK, VERDICTS

WEIGHTS = Path(__file__).with_name("weights") / "neighbours.npz"
K = 25


def shares(verdicts: Sequence[set[str]]) -> np.ndarray:
    """Per draft, its weight on each verdict (`VERDICTS` order): acceptable ones share 1."""
    out = np.zeros((len(verdicts), len(VERDICTS)), dtype=np.float32)
    for row, accepted in zip(out, verdicts, strict=True):
        for verdict in accepted:
            row[RANK[verdict]] = 1.0 / len(accepted)
    return out


@dataclass(frozen=True)
class Neighbours:
    vectors: np.ndarray  # unit embeddings of the labelled drafts, float16 to keep it small
    shares: np.ndarray  # `shares()` of their verdicts
    k: int = K

    def read(self, unit: np.ndarray, keep: np.ndarray | None = None) -> dict[str, float]:
        """P(at least review), P(do_not_post) among the nearest drafts; `keep`: a mask of
        the drafts that may be read (out of fold)."""
        sims = self._float32 @ unit.astype(np.float32)
        idx = np.flatnonzero(keep) if keep is not None else np.arange(len(sims))
        top = idx[np.argsort(-sims[idx], kind="stable")[: self.k]]
        weight = np.maximum(sims[top], 0.0) ** 2
        mean = (weight[:, None] * self.shares[top]).sum(axis=0) / max(float(weight.sum()), 1e-9)
        return {
            "neighbours review": float(mean[1] + mean[2]),
            "neighbours do_not_post": float(mean[2]),
        }

    @cached_property
    def _float32(self) -> np.ndarray:
        return self.vectors.astype(np.float32)

    def out_of_fold(self, files: Sequence[str]) -> list[dict[str, float]]:
        """Each training draft's reading from the drafts of other files."""
        names = np.array(files)
        return [self.read(self._float32[i], names != names[i]) for i in range(len(names))]

    def same(self, other: Neighbours | None) -> bool:
        return (
            other is not None
            and self.k == other.k
            and self.vectors.shape == other.vectors.shape
            and np.allclose(self.vectors, other.vectors, atol=2e-3)
            and np.allclose(self.shares, other.shares)
        )

    def save(self, path: Path = WEIGHTS) -> None:
        np.savez_compressed(path, vectors=self.vectors, shares=self.shares, k=np.array(self.k))


def fit_neighbours(unit_rows: np.ndarray, verdicts: Sequence[set[str]]) -> Neighbours:
    return Neighbours(unit_rows.astype(np.float16), shares(verdicts))


def load_neighbours(path: Path = WEIGHTS) -> Neighbours | None:
    if not path.is_file():
        return None
    with np.load(path) as data:
        return Neighbours(data["vectors"], data["shares"], int(data["k"]))
