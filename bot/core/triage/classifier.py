"""The triage classifier: fine-tuned copies of MiniLM's upper layers and a linear head.

Only these weights are ours; the lower layers are the bundled model's, shared with
retrieval. The file stores them in float16 (about 7 MB) and says which split and
labels it was trained for, so a mismatched file fails at load, not with odd answers.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from bot.errors import ModelError

from .encoder import Lower, mean_pool, run_layers
from .labels import LABELS


class UpperHead(torch.nn.Module):
    """Copies of the upper layers, mean pooling and a linear head, one logit per entry
    of `LAYOUT`: what triage and the draft severity head (`drafts/tuned.py`) both
    fine-tune.

    The file names what the outputs mean (`LAYOUT_KEY`: `LAYOUT`) and the split, so a
    file trained for another layout fails at load, not with odd readings."""

    LAYOUT_KEY: ClassVar[str]
    LAYOUT: ClassVar[tuple[str, ...]]
    NAME: ClassVar[str]  # for error messages: "triage", "draft severity"
    RETRAIN: ClassVar[str]  # the command that writes the weights

    def __init__(self, upper_layers: Any, *, dropout: float = 0.1) -> None:
        super().__init__()
        self.layers = copy.deepcopy(upper_layers)
        width = int(self.layers[0].output.dense.out_features)
        self.dropout = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(width, len(self.LAYOUT))

    def forward(self, lower: Lower) -> torch.Tensor:
        pooled = mean_pool(run_layers(self.layers, lower), lower.mask)
        return self.out(self.dropout(pooled))

    def save(self, path: Path, *, split: int) -> None:
        tensors = {
            k: v.detach().to(torch.float16).contiguous() for k, v in self.state_dict().items()
        }
        meta = {"split": str(split), self.LAYOUT_KEY: json.dumps(list(self.LAYOUT))}
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path, upper_layers: Any, *, split: int) -> Self:
        from safetensors import safe_open

        if not path.is_file():
            raise ModelError(f"No {cls.NAME} weights at {path}: run `{cls.RETRAIN}`.")
        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata() or {}
        layout = json.loads(meta.get(cls.LAYOUT_KEY, "[]"))
        if meta.get("split") != str(split) or layout != list(cls.LAYOUT):
            raise ModelError(
                f"{path} was trained for another model layout: run `{cls.RETRAIN}` again."
            )
        head = cls(upper_layers)
        head.load_state_dict({k: v.to(torch.float32) for k, v in load_file(str(path)).items()})
        return head.eval()


class TriageHead(UpperHead):
    LAYOUT_KEY = "labels"
    LAYOUT = LABELS
    NAME = "triage"
    RETRAIN = "policybot train"

    def probabilities(self, lower: Lower) -> np.ndarray:
        self.eval()
        with torch.inference_mode():
            return torch.softmax(self(lower), dim=-1).numpy()
