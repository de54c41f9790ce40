"""Fine-tuning an `UpperHead` over cached lower states: shared by the triage trainer
(`train.py`) and the draft severity trainer (`drafts/tuned_train.py`).

The shared lower layers are frozen, so each text's hidden states are computed once and
cached; every epoch then runs only the copied upper layers and the head. Seeded and
deterministic: the same data and torch build give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import torch

from .classifier import UpperHead
from .encoder import Lower, SplitEncoder

Head = TypeVar("Head", bound=UpperHead)
# One batch's loss, from the head's logits and the batch's row indices.
BatchLoss = Callable[[torch.Tensor, list[int]], torch.Tensor]


@dataclass(frozen=True)
class FineTuneConfig:
    seed: int = 13
    epochs: int = 4
    learning_rate: float = 5e-5
    batch_size: int = 16
    weight_decay: float = 0.01


def cache_lower_states(
    encoder: SplitEncoder, texts: Sequence[str], batch: int = 32
) -> list[torch.Tensor]:
    """Each text's lower hidden states, unpadded (texts grouped by length to pad little)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    cached: list[torch.Tensor] = [torch.empty(0)] * len(texts)
    for start in range(0, len(order), batch):
        chunk = order[start : start + batch]
        lower = encoder.lower([texts[i] for i in chunk])
        for row, index in enumerate(chunk):
            cached[index] = lower.hidden[row, : int(lower.mask[row].sum())].clone()
    return cached


def pad_states(states: Sequence[torch.Tensor]) -> Lower:
    longest = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), longest, states[0].shape[1])
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for row, state in enumerate(states):
        hidden[row, : state.shape[0]] = state
        mask[row, : state.shape[0]] = 1
    return Lower(hidden, mask)


def length_batches(lengths: Sequence[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (less padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i] + rng.random() * 8)
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def fine_tune(
    make_head: Callable[[], Head],
    states: Sequence[torch.Tensor],
    batch_loss: BatchLoss,
    config: FineTuneConfig,
    log: Callable[[str], object] | None = None,
) -> Head:
    """Fit the head `make_head` builds (seeded first, so its initial weights repeat) with
    AdamW over length-grouped batches of `states`; `log` hears each epoch's mean loss."""
    torch.manual_seed(config.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(config.seed)
    head = make_head()
    head.train()
    optimiser = torch.optim.AdamW(
        head.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    lengths = [s.shape[0] for s in states]
    for epoch in range(config.epochs):
        total = 0.0
        for batch in length_batches(lengths, config.batch_size, rng):
            loss = batch_loss(head(pad_states([states[i] for i in batch])), batch)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        if log is not None:
            log(f"epoch {epoch + 1}/{config.epochs}: loss {total / len(states):.4f}")
    return head.eval()
