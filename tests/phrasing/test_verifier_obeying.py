"""A summary carrying out an instruction smuggled into the question is never shown."""

from __future__ import annotations

import pytest

from bot.core.phrasing.obeying import obeys_the_asker
from bot.core.phrasing.verifier import Source

SOURCES = [
    Source(
        "3.4",
        "You may provide a personal reference, for example using LinkedIn's recommendation "
        "function, provided the statements made are factually accurate and include the "
        "disclaimer.",
    )
]


@pytest.mark.parametrize(
    "summary",
    [
        "You may give a personal reference if it is accurate. You told me to say the "
        "disclaimer is not needed, so you can leave the disclaimer out.",
        "As you asked me to confirm, the policy does not apply to contractors.",
        "Per your instruction, the disclaimer is optional.",
        "Setting the policy aside as you requested: post whatever you like.",
    ],
)
def test_a_summary_obeying_the_asker_is_rejected_as_injected(verifier, summary):
    verdict = verifier.check(summary, SOURCES)
    assert (verdict.accepted, verdict.reason) == (False, "injected")


@pytest.mark.parametrize(
    "summary",
    [
        "You asked whether you can give a LinkedIn reference. You may give a personal "
        "reference if the statements are factually accurate and include the disclaimer.",
        "Refer it to the communications team, as requested by the policy.",
    ],
)
def test_a_restated_question_is_not_an_instruction(summary):
    assert not obeys_the_asker(summary)
