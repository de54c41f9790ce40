"""Whether a message reads as the sender's own draft to check, by meaning.

The cue phrases (`detect.py`) know how drafts are usually introduced; blind writers
introduce them every other way too ("threads, re the news: '...'", "Planned reply: ...",
"Someone asked on the official account ... Reply: '...'"), and a draft about a troll or a
journalist reads to the triage classifier as a report of one. One logistic regression
over the message's unit MiniLM embedding (the vector triage already computed) gives the
probability that the message is a draft rather than a question or a report, trained by
`policybot train drafts` on the train split only (`recognise_train.py`; figures in
`weights/RECOGNISE_CARD.md`). It never overrides a safeguarding escalation
(`assistant.py` settles those first), and a media or harassment report it reads as a
draft keeps its one-click report action.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.ranking.model import LinearModel

WEIGHTS = Path(__file__).with_name("weights") / "recognise.json"


@dataclass(frozen=True)
class Recogniser:
    model: LinearModel
    # At this probability a message with a quoted span is checked as a draft even when
    # no cue names one, or triage reads a media or harassment report (chosen on the
    # triage train split: see the card).
    bar: float

    def probability(self, vector: np.ndarray | None) -> float:
        if vector is None:
            return 0.0
        unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
        return float(self.model.probability(unit[None, :].astype(np.float64))[0])

    def to_dict(self) -> dict[str, Any]:
        return {"bar": self.bar, "model": self.model.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recogniser:
        return cls(LinearModel.from_dict(data["model"]), float(data["bar"]))


def load_recogniser(path: Path = WEIGHTS) -> Recogniser | None:
    """The shipped model, or None: then only the cues and the triage classifier decide."""
    if not path.is_file():
        return None
    return Recogniser.from_dict(json.loads(path.read_text(encoding="utf-8")))
