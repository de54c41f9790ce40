"""MiniLM in two halves, so one pass serves both retrieval and triage.

The lower layers run once per text. From there the frozen upper layers give the
sentence-transformers embedding that retrieval uses (the same numbers, checked in
tests), and the fine-tuned upper layers of the triage classifier read the same hidden
states: a second opinion for the price of two layers, not a second model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

MAX_TOKENS = 256  # the sentence-transformers window for all-MiniLM-L6-v2


@dataclass(frozen=True)
class Lower:
    """Hidden states after the shared layers, and which positions are real tokens."""

    hidden: torch.Tensor  # (texts, tokens, width)
    mask: torch.Tensor  # (texts, tokens), 1 for a token, 0 for padding

    def take(self, start: int, stop: int) -> Lower:
        return Lower(self.hidden[start:stop], self.mask[start:stop])


def additive_mask(mask: torch.Tensor) -> torch.Tensor:
    """The (texts, 1, 1, tokens) mask BERT's attention adds to its scores."""
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min


def run_layers(layers: Any, lower: Lower) -> torch.Tensor:
    hidden, extended = lower.hidden, additive_mask(lower.mask)
    for layer in layers:
        out = layer(hidden, attention_mask=extended)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask[..., None].to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


class SplitEncoder:
    """The bundled BERT, cut after `split` layers."""

    def __init__(self, bert: Any, tokenizer: Any, *, split: int) -> None:
        self.bert = bert.eval()
        self.tokenizer = tokenizer
        self.split = split

    @classmethod
    def from_sentence_transformer(cls, model: Any, *, split: int) -> SplitEncoder:
        return cls(model[0].auto_model, model.tokenizer, split=split)

    @property
    def upper_layers(self) -> Any:
        return self.bert.encoder.layer[self.split :]

    def lower(self, texts: Sequence[str]) -> Lower:
        batch = self.tokenizer(
            list(texts),
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="pt",
        )
        with torch.inference_mode():
            hidden = self.bert.embeddings(
                input_ids=batch["input_ids"], token_type_ids=batch.get("token_type_ids")
            )
            lower = Lower(hidden, batch["attention_mask"])
            hidden = run_layers(self.bert.encoder.layer[: self.split], lower)
        return Lower(hidden, batch["attention_mask"])

    def embedding(self, lower: Lower) -> np.ndarray:
        """Unit-length sentence embeddings from the frozen upper layers."""
        with torch.inference_mode():
            pooled = mean_pool(run_layers(self.upper_layers, lower), lower.mask)
            unit = torch.nn.functional.normalize(pooled, dim=-1)
        return unit.numpy().astype(np.float32)
