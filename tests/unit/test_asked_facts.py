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


def test_a_question_for_a_role_is_answered_by_the_two_word_role_it_names() -> None:
    from bot.core.asked_facts import holds_fact

    chief = "Overall accountability for procedural documents lies with the Chief Executive."
    assert holds_fact(chief, "who is accountable for procedural documents, which role?")
    # A document is named at more length: two capitalised words are not its name.
    assert not holds_fact("Use tools such as HRA Atlas with care.", "which policies apply?")


def test_asking_what_words_to_put_at_the_bottom_asks_for_the_disclaimer() -> None:
    question = "What words should I put at the bottom if I'm giving my own opinion on Facebook?"
    assert intents.disclaimer_context(question) == "general"
    assert intents.disclaimer_context("What does the policy say about politics?") is None
