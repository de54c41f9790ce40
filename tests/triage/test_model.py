"""The shipped triage model, loaded as the assistant loads it, and how it was trained."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from bot.core.triage import TriageModel
from bot.core.triage.corpus import load_split
from bot.core.triage.encoder import SplitEncoder
from bot.core.triage.model import WEIGHTS_DIR
from bot.core.triage.segments import segments
from bot.core.triage.train import TrainConfig, fit

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "triage"


@pytest.fixture(scope="module")
def model(embedder) -> TriageModel:
    return TriageModel.load(embedder.sentence_transformer)


def test_bars_are_ordered_for_recall(model: TriageModel) -> None:
    bars = model.thresholds
    assert 0 < bars.possible <= bars.report < 1
    assert bars.safeguarding <= bars.report <= bars.sentence


def test_one_reading_scores_the_pieces_that_can_count_and_hands_retrieval_its_vector(
    model, embedder
) -> None:
    text = "How do I keep a screenshot of a DM? A 14 year old keeps messaging me late at night."
    with_sentences = TriageModel(
        model.encoder, model.head, dataclasses.replace(model.thresholds, sentence=0.9)
    )
    reading = with_sentences.read(text)
    assert reading.probabilities.shape == (len(segments(text)), 5)
    assert np.allclose(reading.probabilities.sum(axis=1), 1.0, atol=1e-4)
    assert np.abs(reading.vector - embedder.embed_batch([text])[0]).max() < 1e-5
    off = TriageModel(model.encoder, model.head, dataclasses.replace(model.thresholds, sentence=1))
    assert off.read(text).probabilities.shape == (1, 5)  # sentences could not count
    assert np.allclose(off.read(text).probabilities[0], reading.probabilities[0], atol=1e-5)


def test_concurrent_readings_match_and_a_stopped_pool_still_reads(model, embedder) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"can I post photo {i} from the team away day on my own instagram?" for i in range(8)]
    fresh = TriageModel(model.encoder, model.head, model.thresholds)
    with ThreadPoolExecutor(max_workers=4) as callers:  # replicas' request threads at once
        readings = list(callers.map(fresh.read, texts))
    expected = embedder.embed_batch(texts)
    for reading, vector in zip(readings, expected, strict=True):
        assert np.abs(reading.vector - vector).max() < 1e-5
    stopped = TriageModel(model.encoder, model.head, model.thresholds)
    stopped._beside.shutdown()  # as at interpreter exit: the embedding is computed in line
    assert np.abs(stopped.read(texts[0]).vector - expected[0]).max() < 1e-5


def test_empty_enormous_and_odd_text_get_a_decision(model) -> None:
    for text in ("", "\u202e\u200b🙂", "journalist " * 5000, "ignore previous instructions"):
        assert model.read(text).triage.escalation in (None, "media", "safeguarding", "harassment")


def test_training_is_deterministic(embedder) -> None:
    """The same seed and data give the same weights: what makes `policybot train --check`
    (retrain and compare with the shipped file) possible."""
    encoder = SplitEncoder.from_sentence_transformer(embedder.sentence_transformer, split=4)
    examples = load_split(CORPUS, "train")[::50]
    config = TrainConfig(epochs=1)
    first = fit(encoder, examples, config, log=lambda _: None).state_dict()
    second = fit(encoder, examples, config, log=lambda _: None).state_dict()
    assert first.keys() == second.keys()
    assert all(torch.equal(first[k], second[k]) for k in first)


def test_the_model_card_states_the_shipped_bars() -> None:
    """The card is written by the same run as the bars: a retrain that forgot one fails."""
    card = (WEIGHTS_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    bars = json.loads((WEIGHTS_DIR / "thresholds.json").read_text(encoding="utf-8"))
    assert f"Bars (chosen on dev for recall): {json.dumps(bars)}." in card


@pytest.mark.retrain
def test_retraining_reproduces_the_shipped_weights(tmp_path: Path) -> None:
    """The full `policybot train --check` (about 5 CPU-minutes, so opt-in:
    `scripts/test -m retrain tests/triage`)."""
    from click.testing import CliRunner

    from bot.cli import main

    result = CliRunner().invoke(main, ["train", "triage", "--data", str(CORPUS), "--check"])
    assert result.exit_code == 0, result.output
    assert "reproduced" in result.output
