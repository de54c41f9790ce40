"""The passage a reply leads with inside a long section: a learned order, shipped as trees."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.asked_facts import holds_fact
from bot.core.models import Message
from bot.core.ranking.passage_order import PASSAGE_NAMES, load_passage_model
from bot.core.ranking.passage_train import fit_passage_order
from bot.core.ranking.trees import TreeEnsemble, from_fitted


def test_the_exported_trees_score_exactly_as_scikit_learn_does():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(3)
    x = rng.normal(size=(600, 4))
    y = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] > 0).astype(int)
    model = HistGradientBoostingClassifier(max_depth=3, max_iter=40, random_state=0).fit(x, y)
    names = ("a", "b", "c", "d")
    trees = TreeEnsemble.from_dict(from_fitted(model, names).to_dict())  # through JSON
    fresh = rng.normal(size=(200, 4))
    assert np.allclose(trees.decision(fresh), model.decision_function(fresh), atol=1e-6)


def test_the_shipped_order_reads_the_features_it_was_trained_on():
    model = load_passage_model()
    assert model is not None
    assert model.names == PASSAGE_NAMES
    assert model.decision(np.zeros((3, len(PASSAGE_NAMES)))).shape == (3,)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # The whistleblowing bullet names whom to go to first, not the media bullet.
        (
            "Something at work is really bothering me and I'm tempted to vent about it on "
            "Facebook. Who am I meant to raise it with first?",
            "Freedom to Speak up Guardian",
        ),
        # §3.9's last bullet, not its opening paragraph on security.
        (
            "we'd like an online workspace to co-edit a document with some suppliers, "
            "who do I speak to before I set one up?",
            "HRA IT team",
        ),
    ],
)
def test_the_passage_naming_whom_to_approach_leads(core, question, answer):
    reply = core.assistant.handle(Message(text=question))
    # The first passage quoted holds it (its first sentence is the bold lead line).
    assert answer in reply.citations[0].quote


def test_whom_to_tell_is_read_however_it_is_hedged():
    for question in (
        "who am I supposed to tell?",
        "who do I pass it to?",
        "whom should we approach about it?",
    ):
        assert holds_fact("contact the communications team straight away", question), question
    assert not holds_fact("contact the communications team", "can I post about my team?")


def test_whom_to_approach_is_answered_by_a_team_or_role_not_a_document():
    question = "who should I talk to before we set up a shared workspace?"
    assert holds_fact("contact the HRA IT team for general advice", question)
    assert not holds_fact("Files follow our Information Governance Policies.", question)
    assert holds_fact("Files follow our Information Governance Policies.", "which policies apply?")


@pytest.mark.retrain  # a minute of fitting: opt-in (-m retrain), as the other retrains are
def test_retraining_reproduces_the_shipped_order_and_beats_the_hand_set_sum(core, embedder):
    training = fit_passage_order(core.kb, embedder.embed_batch)
    assert training.trees.to_dict() == load_passage_model().to_dict()
    _, hand, learned = training.figures["dev"]
    assert learned > hand
