"""A prescribed wording is quoted whole: the splitter never cuts inside quotation marks."""

from __future__ import annotations

import pytest

from bot.core.quoting import lead_sentence, trim_quote
from bot.core.sentences import says_more_than, split_sentences, without_sentences

DISCLAIMER = (
    "‘This reference is being made by me in a personal capacity. It is not intended and "
    "should not be construed as a reference from the HRA.’"
)
REFERENCE = (
    "You may provide a personal reference (for example using LinkedIn’s recommendation "
    f"function) provided you include the disclaimer below: {DISCLAIMER}"
)


@pytest.mark.parametrize(
    "quoted",
    [
        DISCLAIMER,
        DISCLAIMER.replace("‘", "“").replace("’", "”"),
        DISCLAIMER.replace("‘", "'").replace("’", "'"),
        DISCLAIMER.replace("‘", '"').replace("’", '"'),
    ],
)
def test_a_quotation_of_two_sentences_stays_in_one(quoted):
    text = f"Add this: {quoted} Then post it."
    assert split_sentences(text) == [f"Add this: {quoted}", "Then post it."]


def test_sentences_outside_quotes_still_split_and_apostrophes_open_nothing():
    text = "It doesn't matter. LinkedIn’s tools help. Ask the team. 'Quoted.' Next one."
    assert split_sentences(text) == [
        "It doesn't matter.",
        "LinkedIn’s tools help.",
        "Ask the team.",
        "'Quoted.'",
        "Next one.",
    ]


def test_an_unclosed_quote_does_not_stop_splitting():
    assert split_sentences("He said ‘hello. Then left. And more.") == [
        "He said ‘hello.",
        "Then left.",
        "And more.",
    ]


def test_the_lead_sentence_carries_the_whole_disclaimer():
    lead = lead_sentence(REFERENCE, "what is the exact sentence I need to add?")
    assert lead is not None and lead.endswith(DISCLAIMER)


def test_dropping_a_shown_sentence_never_leaves_half_a_quote():
    text = f"Intro sentence here. {REFERENCE}"
    assert without_sentences(text, ["Intro sentence"]) == f"… {REFERENCE}"


def test_a_long_sentence_is_never_cut_inside_a_quotation():
    long = "You must " + "really " * 50 + f"say {DISCLAIMER}"
    cut = trim_quote(long, "", limit=len(long) - 30)
    assert DISCLAIMER[:20] not in cut or DISCLAIMER in cut
    assert cut.endswith("…")


def test_a_sentence_saying_whom_to_contact_outlives_the_contact_line():
    given = ["communications@hra.nhs.uk", "07968 149916"]
    text = (
        "During business hours email communications@hra.nhs.uk and out of hours call "
        "07968 149916. If something online needs an official response, refer the matter to "
        "the communications team (out of hours call 07968 149916)."
    )
    kept = without_sentences(text, given, unless=lambda s: says_more_than(s, given))
    assert kept.startswith("… If something online needs an official response")
    assert "During business hours" not in kept
