"""A fitted gradient-boosted tree ensemble as plain arrays, applied with numpy.

Fitted by `passage_train` (scikit-learn's HistGradientBoostingClassifier) and stored as
JSON, so answering never imports scikit-learn and no pickle is ever loaded. All trees
are walked at once, one level per step: a few array operations per question, whatever
the number of trees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np


@dataclass(frozen=True)
class TreeEnsemble:
    names: tuple[str, ...]
    baseline: float
    # One row per tree, one column per node (padded): a leaf points to itself.
    feature: np.ndarray  # int, the feature a split reads
    threshold: np.ndarray  # float, go left when the value is <= it
    left: np.ndarray  # int
    right: np.ndarray  # int
    value: np.ndarray  # float, a leaf's contribution (0 for a split)
    depth: int

    def decision(self, rows: np.ndarray) -> np.ndarray:
        """The raw score of each row (log-odds): higher is more likely the answer."""
        if rows.size == 0 or not len(self.feature):
            return np.full(len(rows), self.baseline)
        count, width = self.feature.shape
        # Flat indices: one `take` per array and level, the cheapest gather numpy has.
        base = (np.arange(count) * width)[:, None]
        cells = np.ascontiguousarray(rows, dtype=np.float64).ravel()
        offsets = (np.arange(len(rows)) * rows.shape[1])[None, :]
        node = np.broadcast_to(base, (count, len(rows))).copy()
        for _ in range(self.depth):
            values = cells.take(offsets + self._feature.take(node))
            node = np.where(
                values <= self._threshold.take(node), self._left.take(node), self._right.take(node)
            )
        out: np.ndarray = self.baseline + self._value.take(node).sum(axis=0)
        return out

    # Children as flat indices into the raveled arrays (tree * width + node).
    @cached_property
    def _feature(self) -> np.ndarray:
        return self.feature.ravel()

    @cached_property
    def _threshold(self) -> np.ndarray:
        return self.threshold.ravel()

    @cached_property
    def _left(self) -> np.ndarray:
        return (self.left + (np.arange(len(self.left)) * self.left.shape[1])[:, None]).ravel()

    @cached_property
    def _right(self) -> np.ndarray:
        return (self.right + (np.arange(len(self.right)) * self.right.shape[1])[:, None]).ravel()

    @cached_property
    def _value(self) -> np.ndarray:
        return self.value.ravel()

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "baseline": round(float(self.baseline), 9),
            "depth": self.depth,
            "feature": self.feature.tolist(),
            "threshold": [[round(float(x), 9) for x in row] for row in self.threshold],
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [[round(float(x), 9) for x in row] for row in self.value],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeEnsemble:
        return cls(
            names=tuple(data["names"]),
            baseline=float(data["baseline"]),
            feature=np.asarray(data["feature"], dtype=np.int64).reshape(len(data["feature"]), -1),
            threshold=np.asarray(data["threshold"], dtype=np.float64).reshape(
                len(data["threshold"]), -1
            ),
            left=np.asarray(data["left"], dtype=np.int64).reshape(len(data["left"]), -1),
            right=np.asarray(data["right"], dtype=np.int64).reshape(len(data["right"]), -1),
            value=np.asarray(data["value"], dtype=np.float64).reshape(len(data["value"]), -1),
            depth=int(data["depth"]),
        )


def from_fitted(model: Any, names: tuple[str, ...]) -> TreeEnsemble:
    """A binary HistGradientBoostingClassifier's trees, read from its fitted predictors
    (numeric features, no missing values)."""
    trees = [predictors[0].nodes for predictors in model._predictors]
    width = max(len(t) for t in trees)
    shape = (len(trees), width)
    feature = np.zeros(shape, dtype=np.int64)
    threshold = np.zeros(shape)
    left = np.tile(np.arange(width), (len(trees), 1))
    right = left.copy()
    value = np.zeros(shape)
    depth = 0
    for i, nodes in enumerate(trees):
        for j, node in enumerate(nodes):
            if node["is_leaf"]:
                value[i, j] = node["value"]
                depth = max(depth, int(node["depth"]))
            else:
                feature[i, j] = node["feature_idx"]
                threshold[i, j] = node["num_threshold"]
                left[i, j], right[i, j] = node["left"], node["right"]
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return TreeEnsemble(names, baseline, feature, threshold, left, right, value, depth)
