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

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from bot.core.triage.classifier import UpperHead
from bot.core.triage.encoder import Lower, SplitEncoder
from bot.errors import ModelError

WEIGHTS = Path(__file__).with_name("weights") / "severity-head.safetensors"
# P(verdict at least this), in output order; named for the verdict model's features.
THRESHOLDS = ("review", "do_not_post")
PREFIX = "tuned "


class SeverityHead(UpperHead):
    def __init__(self, upper_layers: Any, *, dropout: float = 0.1) -> None:
        super().__init__(upper_layers, len(THRESHOLDS), dropout=dropout)

    def readings(self, lower: Lower) -> list[dict[str, float]]:
        """Per text, the verdict model's features: `tuned review`, `tuned do_not_post`."""
        self.eval()
        with torch.inference_mode():
            p = torch.sigmoid(self(lower)).numpy()
        return [{PREFIX + t: float(row[i]) for i, t in enumerate(THRESHOLDS)} for row in p]

    def save(self, path: Path, *, split: int) -> None:
        tensors = {
            k: v.detach().to(torch.float16).contiguous() for k, v in self.state_dict().items()
        }
        meta = {"split": str(split), "thresholds": json.dumps(list(THRESHOLDS))}
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path, upper_layers: Any, *, split: int) -> SeverityHead:
        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata() or {}
        if meta.get("split") != str(split) or json.loads(meta.get("thresholds", "[]")) != list(
            THRESHOLDS
        ):
            raise ModelError(
                f"{path} was trained for another model layout: run `policybot train severity`."
            )
        head = cls(upper_layers)
        head.load_state_dict({k: v.to(torch.float32) for k, v in load_file(str(path)).items()})
        return head.eval()


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
