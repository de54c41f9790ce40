"""Whether retrained draft models reproduce the shipped ones (`policybot train drafts
--check`): equal within a tolerance, since BLAS sums may differ in the last bits."""

from __future__ import annotations

import numpy as np

from bot.core.ranking.model import LinearModel

from .meaning import MeaningModel
from .neighbours import Neighbours
from .verdict import VerdictModel


def same(a: MeaningModel, b: MeaningModel, tolerance: float = 1e-3) -> bool:
    def close(x: dict[str, LinearModel], y: dict[str, LinearModel]) -> bool:
        return set(x) == set(y) and all(
            np.allclose(x[s].coef, y[s].coef, atol=tolerance)
            and abs(x[s].intercept - y[s].intercept) < tolerance
            for s in x
        )

    def near(x: Neighbours | None, y: Neighbours | None) -> bool:
        return x.same(y) if x is not None else y is None

    return (
        abs(a.bar - b.bar) < tolerance
        and close(a.sections, b.sections)
        and close(a.severity, b.severity)
        and close(a.post_severity, b.post_severity)
        and near(a.neighbours, b.neighbours)
        and near(a.post_neighbours, b.post_neighbours)
    )


def same_verdict(a: VerdictModel | None, b: VerdictModel, tolerance: float = 1e-3) -> bool:
    return (
        a is not None
        and a.names == b.names
        and all(
            np.allclose(getattr(a, k), getattr(b, k), atol=tolerance)
            for k in ("mean", "scale", "coef", "intercept")
        )
    )
