"""What a question asks for, read from its words: pure."""

from __future__ import annotations

from bot.core import intents
from bot.core.asked_facts import holds_exact_fact

REFERENCE = (
    "You may provide a personal reference provided you include the disclaimer below: "
    "‘This reference is being made by me in a personal capacity. It is not intended and "
    "should not be construed as a reference from the HRA.’"
)


def test_a_follow_up_asking_what_to_add_asks_for_the_wording_again() -> None:
    assert holds_exact_fact(REFERENCE, "what do i need to add to it then")
    assert holds_exact_fact(REFERENCE, "So what exactly do I need to put at the bottom of it?")
    assert not holds_exact_fact(REFERENCE, "and is that the same on Facebook?")


def test_a_time_named_in_a_question_about_the_media_asks_which_contact_applies() -> None:
    assert intents.about_comms("if a journalist dm'd me about my posts, and it's Sunday evening?")
    assert not intents.about_comms("can I post my holiday photos on Saturday?")
