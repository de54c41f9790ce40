"""The split encoder: one pass gives retrieval's embedding exactly, and triage its input."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.triage.encoder import SplitEncoder

pytestmark = pytest.mark.slow

TEXTS = [
    "what's the out of hours comms number?",
    "A reporter from the Harrogate Advertiser messaged me on LinkedIn asking about a study.",
    "",
    "ok 🙂 " * 200,  # past the 256-token window: truncated the same way
]


@pytest.mark.parametrize("split", [4, 5])
def test_the_frozen_upper_layers_give_the_retrieval_embedding(embedder, split: int) -> None:
    encoder = SplitEncoder.from_sentence_transformer(embedder.sentence_transformer, split=split)
    ours = encoder.embedding(encoder.lower(TEXTS))
    theirs = embedder.embed_batch(TEXTS)
    assert np.abs(ours - theirs).max() < 1e-5


def test_a_vector_handed_over_is_what_retrieval_then_uses(embedder) -> None:
    encoder = SplitEncoder.from_sentence_transformer(embedder.sentence_transformer, split=4)
    text = "is a Substack newsletter a blog under the policy?"
    vector = encoder.embedding(encoder.lower([text]))[0]
    embedder.remember(text, vector)
    assert embedder.embed_query(text) is vector
