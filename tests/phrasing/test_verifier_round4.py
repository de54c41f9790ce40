"""Issue 15, round 4: faithful paraphrases the word check refused (a word swapped for
one the policy never uses, a frame around the rule, an instruction after a condition)
are accepted, while hardened, named or widened versions of the same sentences are not."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import clauses, content_words, read_claim
from bot.core.phrasing.counts import counted, list_sizes
from bot.core.phrasing.literals import literals_of
from bot.core.phrasing.paraphrase import Bars, Paraphrase
from bot.core.phrasing.verifier import Source, Verifier

POLICY_FACTS = ("communications@hra.nhs.uk",)
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
AIMS = [Source("1", "The aims of this document are to:")] + [
    Source("1", item, stem="The aims of this document are to:")
    for item in (
        "provide clarity to staff on the use of social media tools",
        "ensure that the organisation’s reputation is not brought into disrepute",
        "ensure that audiences are able to distinguish official HRA information from opinion",
    )
]
PLATFORMS = Source(
    "1", "This includes but is not limited to Facebook, Twitter, LinkedIn, Reddit and others."
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
    # The app passes the policy's facts too; its contacts name the HRA.
    assert verifier.check(summary, [source], POLICY_FACTS).accepted


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
            "literal",
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


def test_a_count_of_the_lists_items_rests_on_the_list(verifier):
    assert verifier.check("The policy has three aims.", AIMS).accepted
    assert verifier.check("The policy has four aims.", AIMS).reason == "literal"
    # a count of something else is a number the policy never states
    assert verifier.check("The policy has three sections on aims.", AIMS).reason == "literal"


def test_list_sizes_count_bullets_and_items_after_a_colon():
    inline = Source("3.11", "Staff hear of it from a number of sources: the team; the intranet")
    assert counted("two sources", list_sizes([inline])) == {"2"}
    assert counted("three sources", list_sizes([inline])) == set()
    assert counted("three aims", list_sizes(AIMS)) == {"3"}


def test_calling_the_policys_own_open_list_open_is_a_frame(verifier):
    summary = "Examples include Facebook, Twitter and LinkedIn, but the list is not exhaustive."
    assert verifier.check(summary, [PLATFORMS]).accepted
    # where the policy's list is closed, the remark is unsupported
    assert not verifier.check("The list is not exhaustive.", [RELEASE]).accepted


def test_so_they_can_is_a_purpose_not_a_permission():
    assert not read_claim("Give staff clarity so they can engage effectively.").permits
    assert read_claim("You can give a personal reference.").permits


def test_a_version_number_is_no_section():
    found = literals_of("The social media policy is version 3.2.")
    assert (found.sections, found.numbers) == (frozenset(), frozenset({"3.2"}))
    assert literals_of("See section 3.2.").sections == {"3.2"}
