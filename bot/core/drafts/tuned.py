"""How severe a draft reads, from copies of MiniLM's upper layers fine-tuned for it.

A frozen embedding encodes a post's topic, not whether it crosses a line: a thank-you to
a named participant and a thank-you to a team sit side by side. Fine-tuning the top two
layers on the labelled drafts (as triage is) reads that difference: on the blind batches,
cross-validated by writer, it alone chose the verdict for 0.777 of drafts, against 0.687
for the same two thresholds fitted on the frozen embedding.

Two outputs, one per threshold: P(at least `review`) and P(`do_not_post`). The verdict
model reads them beside the rules' findings (`verdict.py`); they are trained by
`policybot train severity` (`tuned_train.py`). The lower layers are triage's, so a
message costs two more layers, not another model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import torch

from bot.core.triage.classifier import UpperHead
from bot.core.triage.encoder import Lower, SplitEncoder

WEIGHTS = Path(__file__).with_name("weights") / "severity-head.safetensors"
# P(verdict at least this), in output order; named for the verdict model's features.
THRESHOLDS = ("review", "do_not_post")
PREFIX = "tuned "


class SeverityHead(UpperHead):
    LAYOUT_KEY = "thresholds"
    LAYOUT = THRESHOLDS
    NAME = "draft severity"
    RETRAIN = "policybot train severity"

    def readings(self, lower: Lower) -> list[dict[str, float]]:
        """Per text, the verdict model's features: `tuned review`, `tuned do_not_post`."""
        self.eval()
        with torch.inference_mode():
            p = torch.sigmoid(self(lower)).numpy()
        return [{PREFIX + t: float(row[i]) for i, t in enumerate(THRESHOLDS)} for row in p]


class TunedSeverity:
    """The head beside what gives it the shared layers' states of a message (triage's
    `lower_of`: kept from the message's triage, so a check costs two layers)."""

    def __init__(self, lower: Callable[[str], Lower], head: SeverityHead) -> None:
        self.lower = lower
        self.head = head

    def read(self, text: str) -> dict[str, float]:
        return self.head.readings(self.lower(text))[0]


def load_tuned(
    encoder: SplitEncoder,
    lower: Callable[[str], Lower] | None = None,
    path: Path = WEIGHTS,
) -> TunedSeverity | None:
    """The shipped head, or None when there is none (the verdict reads the rest)."""
    if not path.is_file():
        return None
    head = SeverityHead.load(path, encoder.upper_layers, split=encoder.split)
    return TunedSeverity(lower or (lambda text: encoder.lower([text])), head)
