"""The triage classifier: fine-tuned copies of MiniLM's upper layers and a linear head.

Only these weights are ours; the lower layers are the bundled model's, shared with
retrieval. The file stores them in float16 (about 7 MB) and says which split and
labels it was trained for, so a mismatched file fails at load, not with odd answers.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from bot.errors import ModelError

from .encoder import Lower, mean_pool, run_layers
from .labels import LABELS


class UpperHead(torch.nn.Module):
    """Copies of the upper layers, mean pooling and a linear head of `outputs` logits:
    what triage and the draft severity head (`drafts/tuned.py`) both fine-tune."""

    def __init__(self, upper_layers: Any, outputs: int, *, dropout: float = 0.1) -> None:
        super().__init__()
        self.layers = copy.deepcopy(upper_layers)
        width = int(self.layers[0].output.dense.out_features)
        self.dropout = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(width, outputs)

    def forward(self, lower: Lower) -> torch.Tensor:
        pooled = mean_pool(run_layers(self.layers, lower), lower.mask)
        return self.out(self.dropout(pooled))


class TriageHead(UpperHead):
    def __init__(self, upper_layers: Any, *, dropout: float = 0.1) -> None:
        super().__init__(upper_layers, len(LABELS), dropout=dropout)

    def probabilities(self, lower: Lower) -> np.ndarray:
        self.eval()
        with torch.inference_mode():
            return torch.softmax(self(lower), dim=-1).numpy()

    def save(self, path: Path, *, split: int) -> None:
        tensors = {
            k: v.detach().to(torch.float16).contiguous() for k, v in self.state_dict().items()
        }
        meta = {"split": str(split), "labels": json.dumps(list(LABELS))}
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path, upper_layers: Any, *, split: int) -> TriageHead:
        from safetensors import safe_open

        if not path.is_file():
            raise ModelError(f"No triage weights at {path}: run `policybot train`.")
        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata() or {}
        if meta.get("split") != str(split) or json.loads(meta.get("labels", "[]")) != list(LABELS):
            raise ModelError(
                f"{path} was trained for another model layout: run `policybot train` again."
            )
        head = cls(upper_layers)
        state = {k: v.to(torch.float32) for k, v in load_file(str(path)).items()}
        head.load_state_dict(state)
        return head.eval()
