"""The verifier's learned decision: hard checks it can never override, and the shipped
weights reproduced by `policybot train phrasing`."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.phrasing.decision import RULE_REASONS, Decision, load_decision
from bot.core.phrasing.decision_train import rows_of, same, trained, training_files
from bot.core.phrasing.literals import fact_texts
from bot.core.phrasing.verifier import Source, Verifier

POLICY = Source(
    "3.5",
    "If you are contacted by the media about the HRA, please refer them to the "
    "communications team and do not reply yourself.",
)


def _always(probability: float) -> Decision:
    """A one-leaf forest: every summary gets `probability`."""
    one = np.zeros(1, np.intp)
    return Decision(
        ("rule accepts",), one, one - 1, np.zeros(1), one, one, np.array([probability]), 0, 0.5
    )


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("If a journalist contacts you, call the press office on 020 7972 2545.", "literal"),
        ("If the media contact you, refer them to Dr Helen Smith.", "literal"),
        ("Section 3.9 says to refer media enquiries to the communications team.", "section"),
        ("Refer journalists to the communications team. " * 5, "shape"),
        ("", "empty"),
    ],
)
def test_a_decision_that_accepts_everything_cannot_pass_a_hard_check(word_vectors, summary, reason):
    verdict = Verifier(word_vectors, decision=_always(1.0)).check(summary, [POLICY])
    assert not verdict.accepted
    assert verdict.reason == reason


def test_the_decision_rules_on_what_the_hard_checks_pass(word_vectors):
    faithful = "Refer journalists to the communications team rather than replying yourself."
    assert Verifier(word_vectors, decision=_always(1.0)).check(faithful, [POLICY]).accepted
    refused = Verifier(word_vectors, decision=_always(0.0)).check(faithful, [POLICY])
    assert not refused.accepted
    assert refused.reason in RULE_REASONS  # the hand rules' own reason where they have one


def test_without_the_learned_decision_the_hand_rules_verdict_stands(word_vectors):
    reversed_rule = "If the media contact you, reply to them yourself and copy the team."
    rules = Verifier(word_vectors, learned=False).check(reversed_rule, [POLICY])
    assert not rules.accepted and rules.reason in RULE_REASONS
    # the same summary under a decision that accepts all: the rules' verdict was the model's
    assert Verifier(word_vectors, decision=_always(1.0)).check(reversed_rule, [POLICY]).accepted


@pytest.mark.retrain  # two minutes of forest fitting: opt-in, as triage's retrain is
def test_retraining_reproduces_the_shipped_decision(core, word_vectors):
    kb = core.kb
    files = training_files()
    rows = rows_of(Verifier(word_vectors, learned=False), kb, files, fact_texts(kb.facts))
    assert len({r.file for r in rows}) == 29  # v21, v22 (spent dev) left out; v23, v24 sealed
    assert same(load_decision(), trained(rows))
