"""The severity head's readings of its own training drafts, out of fold.

Written by `policybot train severity` (`tuned_train.py`) and read by `policybot train
drafts` (`meaning_train.py`): the verdict model learns from readings made by heads that
never saw the draft's writer, and can be refitted without fine-tuning again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from bot.errors import ModelError

from .tuned import PREFIX, THRESHOLDS, WEIGHTS

OUT_OF_FOLD = WEIGHTS.with_name("severity-oof.json")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def load_out_of_fold(texts: Sequence[str], path: Path = OUT_OF_FOLD) -> list[dict[str, float]]:
    """The training drafts' out-of-fold readings, or empty readings when the head is not
    trained (the verdict then learns without it)."""
    if not path.is_file():
        return [{} for _ in texts]
    stored = json.loads(path.read_text(encoding="utf-8"))
    missing = sum(digest(t) not in stored for t in texts)
    if missing:
        raise ModelError(
            f"{missing} training drafts have no severity reading: run `policybot train severity`."
        )
    return [{PREFIX + t: stored[digest(text)][t] for t in THRESHOLDS} for text in texts]
