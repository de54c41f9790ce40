"""The second net: safeguarding reports worded in ways the triage rules do not know."""

from __future__ import annotations

import pytest

from bot.core.models import Message
from bot.core.safeguarding_backstop import asks_rather_than_reports
from bot.core.triage import classify

# Reports the rules alone let through when this test was written.
MISSED_BY_RULES = [
    "one of our younger followers says a man is paying her to send pictures",
    "a teenager in our community chat wrote that she has not left her room in weeks and "
    "sleeps with a knife",
    "Our youth advisory group chat: a 15 year old says her boyfriend of 25 won't let her "
    "see friends",
]


@pytest.mark.parametrize("text", MISSED_BY_RULES)
def test_reports_the_rules_miss_still_reach_the_comms_team(core, text):
    reply = core.assistant.handle(Message(text=text))
    assert reply.kind == "escalation"
    assert reply.escalation and reply.escalation.kind == "safeguarding"
    assert {"3.2", "3.2.1"} & {c.section for c in reply.citations}


@pytest.mark.parametrize(
    "text",
    [
        "What does the policy say about children posting selfies?",
        "what if a kid says they want to hurt themselves in our comments",
        "How do we keep young people safe on our Instagram?",
    ],
)
def test_questions_about_safeguarding_are_answered_not_escalated(core, text):
    assert classify(text).escalation is None
    reply = core.assistant.handle(Message(text=text))
    assert reply.kind == "answer"


def test_question_shapes():
    assert asks_rather_than_reports("Is it ok to message a teenager on our page?")
    assert asks_rather_than_reports("what if a child tells me they are scared")
    assert not asks_rather_than_reports("a child told me they are scared of going home")
    assert not asks_rather_than_reports("Is this ok? a girl on our page says her dad hits her")
