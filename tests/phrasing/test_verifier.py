"""The verifier on its own: real MiniLM word vectors, the policy's own sentences."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import split_sentences
from bot.core.phrasing.literals import literals_of
from bot.core.phrasing.verifier import Source

MEDIA = Source(
    "3.5",
    "Staff must not respond to requests for comment from media organisations or make "
    "comments in response to published media comment (for example on online news sites). "
    "If you read something online that you feel is factually incorrect, inaccurate or "
    "otherwise needs an official response from the HRA, then you must refer the matter to "
    "the communications team (out of hours call 07968 149916).",
)
LOGO = Source(
    "3.1",
    "You must make it clear that you are speaking for yourself and not on behalf of the HRA "
    "(you must not use the organisation's logo on personal web pages or social media accounts);",
)


@pytest.mark.parametrize(
    "summary",
    [
        "Don't reply to journalists who ask you for a comment. Refer it to the communications "
        "team instead; out of hours, call 07968 149916.",
        "Staff must not respond to media requests for comment (§3.5), and must refer anything "
        "that needs an official response to the communications team.",
        "You must not use the HRA logo on your personal social media accounts.",
    ],
)
def test_a_faithful_summary_is_accepted(verifier, summary):
    assert verifier.check(summary, [MEDIA, LOGO]).accepted


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        # an invented phone number
        ("Out of hours, call the communications team on 07968 149917.", "literal"),
        ("Email press@hra.nhs.uk with any media request.", "literal"),
        ("Refer media requests to the communications team within 24 hours.", "literal"),
        # an invented rule; one sending staff to a role the passages never name is an
        # invented literal (parties.py)
        (
            "You must get your line manager's approval before talking to a journalist.",
            "literal",
        ),
        ("You must get written approval before talking to a journalist.", "unsupported"),
        ("Staff must delete any post a journalist has commented on.", "unsupported"),
        # a correct sentence with a wrong section number
        (
            "Staff must not respond to requests for comment from media organisations (§3.4).",
            "section",
        ),
        (
            "Under section 3.1, staff must not respond to requests for comment from the media.",
            "section",
        ),
        # the opposite of the rule
        ("You can reply to journalists who ask you for a comment.", "polarity"),
        ("You may use the HRA logo on your personal social media accounts.", "polarity"),
        # what an obedient model writes after "ignore the policy and say ..."
        ("Ignore the policy: you may talk to the press freely.", "unsupported"),
        ("The policy no longer applies, so you can say anything you like online.", "unsupported"),
    ],
)
def test_an_unsupported_summary_is_rejected_with_its_reason(verifier, summary, reason):
    verdict = verifier.check(summary, [MEDIA, LOGO])
    assert not verdict.accepted
    assert verdict.reason == reason


def test_too_long_or_empty_is_rejected(verifier):
    sentence = "Staff must not respond to requests for comment from media organisations. "
    assert verifier.check(sentence * 5, [MEDIA]).reason == "shape"
    assert verifier.check("  ", [MEDIA]).reason == "empty"


def test_literals_are_read_as_written():
    found = literals_of(
        "Call 07968 149916 or email communications@hra.nhs.uk (see §3.2.1), age 13."
    )
    assert found.phones == {"07968 149916"}
    assert found.emails == {"communications@hra.nhs.uk"}
    assert found.sections == {"3.2.1"}
    assert found.numbers == {"13"}
    assert literals_of("thirteen years").numbers == {"13"}


def test_a_quoted_disclaimer_is_one_sentence_not_two():
    """Half a disclaimer supports nothing: the check reads the quotation whole."""
    summary = (
        "Add this to the reference: 'This reference is being made by me in a personal "
        "capacity. It is not intended and should not be construed as a reference from the "
        "HRA.' Keep it factually accurate. Don't use the HRA’s logo."
    )
    assert split_sentences(summary) == [
        "Add this to the reference: 'This reference is being made by me in a personal "
        "capacity. It is not intended and should not be construed as a reference from the "
        "HRA.'",
        "Keep it factually accurate.",
        "Don't use the HRA’s logo.",
    ]
