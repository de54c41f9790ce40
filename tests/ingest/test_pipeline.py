"""Incremental ingest against the real model and a real Chroma store."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.errors import ModelError
from ingest.embedder import SentenceTransformerEmbedder, bundled_model_path, verify_model
from ingest.pipeline import ingest_documents, parse_paths
from ingest.store import VectorStore


class CountingEmbedder:
    """The real embedder, counting how many texts it was asked to embed."""

    def __init__(self, inner: SentenceTransformerEmbedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0
        self.texts = 0

    def embed_batch(self, texts):
        self.calls += 1
        self.texts += len(texts)
        return self.inner.embed_batch(texts)


@pytest.fixture
def store(tmp_path: Path) -> VectorStore:
    return VectorStore.open(data_dir=tmp_path / "data", name="policies")


def test_unchanged_document_is_not_embedded_again(policy_copy, store, embedder):
    counting = CountingEmbedder(embedder)
    first = ingest_documents(parse_paths([policy_copy]), store, counting)
    assert first.added == len(store.all_chunks()) > 50
    # Each chunk and each section title (headings without text included) embedded once.
    assert counting.texts == first.added + len(store.load_all().titles)

    counting.calls = counting.texts = 0
    again = ingest_documents(parse_paths([policy_copy]), store, counting)
    assert counting.calls == 0
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == first.added


def test_edit_replaces_changed_chunks_and_deletes_removed_ones(policy_copy, store, embedder):
    counting = CountingEmbedder(embedder)
    first = ingest_documents(parse_paths([policy_copy]), store, counting)
    policy = next(policy_copy.iterdir())
    text = policy.read_text(encoding="utf-8")
    text = text.replace("out of hours call 07968 149916)", "out of hours call 07700 900123)")
    # Drop the §3.8 paragraph entirely.
    start = text.index("If you wish to run an externally facing online survey")
    end = text.index("3.9 Participation")
    text = text[:start] + text[end:]
    policy.write_text(text, encoding="utf-8")

    counting.texts = 0
    report = ingest_documents(parse_paths([policy_copy]), store, counting)
    assert report.updated == 1  # the §3.5 paragraph with the new number
    assert report.removed == 1  # the §3.8 paragraph
    assert report.added == 0
    assert counting.texts == 1
    assert len(store.all_chunks()) == first.added - 1
    texts = [s.chunk.text for s in store.all_chunks()]
    assert any("07700 900123" in t for t in texts)
    assert not any("externally facing online survey" in t for t in texts)


def test_removed_document_is_pruned(policy_copy, store, embedder, tmp_path):
    extra = policy_copy / "expenses.md"
    extra.write_text("# Expenses\n\n## 1. Travel\n\nClaim travel within 30 days.\n", "utf-8")
    ingest_documents(parse_paths([policy_copy]), store, embedder, prune=True)
    assert store.documents() == {"hra-social-media-policy", "expenses"}
    extra.unlink()
    report = ingest_documents(parse_paths([policy_copy]), store, embedder, prune=True)
    assert store.documents() == {"hra-social-media-policy"}
    assert report.removed == 1


def test_model_hash_mismatch_is_a_clear_error(tmp_path):
    fake = tmp_path / "model"
    shutil.copytree(bundled_model_path(), fake, ignore=shutil.ignore_patterns("model.safetensors"))
    (fake / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(ModelError, match="sha256"):
        verify_model(fake)
    with pytest.raises(ModelError, match="not the all-MiniLM-L6-v2"):
        SentenceTransformerEmbedder(fake)


def test_missing_weights_say_what_to_set(tmp_path):
    with pytest.raises(ModelError, match="POLICYBOT_MODEL_PATH"):
        verify_model(tmp_path)


def test_bundled_model_passes_the_check_and_embeds(embedder):
    verify_model(bundled_model_path())
    vectors = embedder.embed_batch(["journalist", "reporter", "annual leave"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Meaning, not spelling: a journalist is nearer a reporter than annual leave.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
