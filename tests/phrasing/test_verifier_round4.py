"""Issue 15, round 4: faithful paraphrases the word check refused (a word swapped for
one the policy never uses, a frame around the rule, an instruction after a condition)
are accepted, while hardened, named or widened versions of the same sentences are not."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import clauses, content_words, read_claim
from bot.core.phrasing.paraphrase import Bars, Paraphrase
from bot.core.phrasing.verifier import Source, Verifier

RELEASE = Source(
    "4.1",
    "This document will be made available to all staff via HRA Atlas. A notice will be "
    "issued in HRA news notifying of the release of this document.",
)
IMAGES = Source(
    "3.2",
    "be careful how you use images of children, young people or adults - photographs and "
    "videos can be used to identify them to people who wish to groom them for abuse.",
)
VIDEO = Source(
    "3.6",
    "posting video content or setting up surveys using any unapproved online channels",
    stem="Staff must not set up",
)
DISCOMFORT = Source(
    "3.10",
    "If you are considering publishing something that makes you even slightly "
    "uncomfortable, review the policy above and ask yourself why that is.",
)
PRESENCE = Source(
    "3.6",
    "It is important that the organisation maintains a clear and consistent online presence "
    "through the strategic use of official communication channels.",
)


@pytest.mark.parametrize(
    ("summary", "source"),
    [
        # "lets staff know" for "notifying": no policy word, the same statement
        ("A notice in HRA News lets staff know the document has been released.", RELEASE),
        # a frame around the rule
        ("The policy notes that a notice will be issued in HRA news about its release.", RELEASE),
        ("In short: a notice will be issued in HRA news notifying of its release.", RELEASE),
        # the policy's instruction comes after its condition
        (
            "If you're thinking about publishing something that makes you even slightly "
            "uncomfortable, review the policy and ask yourself why that is.",
            DISCOMFORT,
        ),
        # "the HRA's": a possessive is its noun
        (
            "It is important that the HRA's online presence is clear and consistent, through "
            "the strategic use of official communication channels.",
            PRESENCE,
        ),
    ],
)
def test_a_faithful_paraphrase_is_accepted(verifier, summary, source):
    assert verifier.check(summary, [source]).accepted


def test_the_paraphrase_route_is_what_accepts_a_swapped_word(word_vectors):
    summary = "A notice in HRA News lets staff know the document has been released."
    closed = Verifier(word_vectors, paraphrase=Paraphrase(word_vectors, Bars(similarity=1.01)))
    verdict = closed.check(summary, [RELEASE])
    assert (verdict.accepted, verdict.reason) == (False, "unsupported")
    assert Verifier(word_vectors).check(summary, [RELEASE]).accepted


@pytest.mark.parametrize(
    ("summary", "source", "reason"),
    [
        # hardened: "never … any" where the policy says "be careful how"
        (
            "You must never use any images of children, young people or adults, since "
            "photographs can identify them to people who wish to groom them.",
            IMAGES,
            None,
        ),
        # a name the policy never gives
        (
            "A notice from Dr Helen Marsh in HRA News lets staff know it has been released.",
            RELEASE,
            "unsupported",
        ),
        # widened to every case
        ("Staff must not post video content, whatever the channel.", VIDEO, None),
        # a frame cannot carry a rule of its own
        ("The policy notes that staff must clear every post with HRA news.", RELEASE, None),
    ],
)
def test_a_hardened_or_invented_paraphrase_is_rejected(verifier, summary, source, reason):
    verdict = verifier.check(summary, [source])
    assert not verdict.accepted
    if reason:
        assert verdict.reason == reason


def test_frame_words_are_not_content():
    assert content_words("The policy notes that the HRA's notice will be issued") == (
        "notice",
        "issued",
    )
    assert content_words("You need to make sure it is clear") == ("clear",)
    assert clauses("Terse version: review the policy above.") == ["review the policy above."]
    # a lead-in that instructs or negates is a clause of its own
    assert len(clauses("Never share: passwords or login details.")) == 2


def test_a_rule_for_every_case_is_universal():
    assert read_claim("Staff must not post video content, whatever the channel.").universal
    assert read_claim("This applies without exception.").universal


def test_not_complying_is_a_breach_not_a_prohibition():
    assert not read_claim(
        "Not complying with the policies may lead to disciplinary action."
    ).negated
    assert read_claim("Professional references are off limits.").negated
