"""A question asking what one of the policy's own terms means is answered from the passage
using it; one asking about a term the policy never uses is still refused."""

from __future__ import annotations

import pytest

from bot.core.asked_term import PolicyTerms, asked_term
from bot.core.models import Message
from tests.conftest import POLICY


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("what does CAG stand for, it's in the scope bit", "CAG"),
        ("what does 'contingent worker' mean? it's in the references bit", "contingent worker"),
        (
            "what counts as 'bringing the organisation into disrepute'? sounds scary",
            "bringing the organisation into disrepute",
        ),
        ("what's the freedom to speak up guardian??", "freedom to speak up guardian"),
        ("What is meant by the Record Retention Schedule?", "Record Retention Schedule"),
        # Asks how, not what something is: no term.
        ("how do I set up a team account on X?", None),
        ("what's the comms email, and is it the same at weekends?", None),
    ],
)
def test_the_term_a_definition_question_asks_about(text, term):
    assert asked_term(text) == term


@pytest.fixture(scope="module")
def terms() -> PolicyTerms:
    return PolicyTerms([POLICY.read_text(encoding="utf-8")])


@pytest.mark.parametrize(
    ("term", "used"),
    [
        ("CAG", True),
        ("REC", True),
        ("contingent worker", True),
        ("bringing the organisation into disrepute", True),  # "bring … into disrepute"
        ("TOIL", False),
        ("annual leave", False),
        ("Freedom to Speak up Guardian", True),
        ("leave", False),  # one word that is no acronym says too little to count
    ],
)
def test_a_term_counts_when_one_sentence_of_the_policy_uses_it(terms, term, used):
    assert terms.uses(term) is used


def test_an_acronym_the_policy_spells_out_is_answered_from_where_it_does(core):
    reply = core.assistant.handle(
        Message(text="what does CAG stand for, it's in the scope bit and no one's explained it")
    )
    assert reply.kind == "answer"
    assert reply.citations[0].section == "2"
    assert "Confidentiality Advisory Group" in reply.text


def test_a_term_the_policy_never_uses_is_still_refused(core):
    reply = core.assistant.handle(Message(text="what does TOIL stand for?"))
    assert reply.kind == "not_covered"


def test_whoever_is_in_charge_of_the_policy_is_its_director(core):
    reply = core.assistant.handle(Message(text="whos in charge of the social media policy"))
    assert reply.citations[0].section == "3.11"
    assert "Director for Policy and Partnerships" in reply.text.split("\n")[0]
