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


IG_TRAINING = Source(
    "4.2",
    "All staff are required to complete the ESR Information Governance and Data Security "
    "training annually. In addition, information asset owners are required to complete IAO "
    "training provided by NHS Digital.",
)
COMMITTEES = Source(
    "2",
    "The principles of this policy apply to HRA volunteers including Research Ethics "
    "Committee (REC) and Confidentiality Advisory Group (CAG) members.",
)
DATES = Source("0", "Social media policy · Last updated on 18 Oct 2023 · Version 3.2")


def test_a_name_the_passages_never_give_is_rejected_as_a_literal(verifier):
    verdict = verifier.check(
        "Information asset owners must also complete IAO training provided by NHS England.",
        [IG_TRAINING],
    )
    assert (verdict.accepted, verdict.reason) == (False, "literal")


@pytest.mark.parametrize(
    ("summary", "source"),
    [
        # a plural of the passage's own name
        ("The principles apply to members of Research Ethics Committees too.", COMMITTEES),
        # a month the passage abbreviates
        ("This is version 3.2 of the policy, last updated in October 2023.", DATES),
    ],
)
def test_a_name_written_differently_from_the_passage_still_counts_as_stated(
    verifier, summary, source
):
    assert verifier.check(summary, [source]).accepted


SET_UP = Source(
    "3.6",
    "Twitter accounts, Facebook pages, YouTube channels or a presence on any other social "
    "media site to represent an HRA product or service",
    stem="Staff must not set up",
)
EDITS = Source(
    "3.1",
    "don't pick fights, be the first to correct your own mistakes, and don't change "
    "previous posts without indicating that you have done so;",
)
DATA = Source(
    "3.2",
    "you should always follow the requirements set out in the Data Protection Act 2018. "
    "You should not use social media to collect personal data.",
)


@pytest.mark.parametrize(
    ("summary", "source"),
    [
        # a permission with a negative condition is still a permission
        (
            "Staff may set up Facebook pages to represent an HRA service, as long as they "
            "don't create unofficial blogs.",
            SET_UP,
        ),
        ("You can change your previous posts without indicating that you have done so.", EDITS),
        # an acronym the passage never uses
        ("Always follow the Data Protection Act 2018 and the UK GDPR.", DATA),
    ],
)
def test_a_reversal_hidden_in_a_condition_or_an_invented_acronym_is_rejected(
    verifier, summary, source
):
    assert not verifier.check(summary, [source]).accepted


def test_a_negation_inside_the_wording_to_use_does_not_negate_the_instruction():
    claim = read_claim("You must add a disclaimer saying the views are not the HRA's.")
    assert claim.obliges and not claim.negated


def test_a_bare_web_address_is_a_literal(verifier):
    blogs = Source("3.7", "The HRA blogs are published on our website.")
    verdict = verifier.check("The HRA blogs are published at blog.hra.nhs.uk.", [blogs])
    assert (verdict.accepted, verdict.reason) == (False, "literal")
    assert literals_of("Email communications@hra.nhs.uk").urls == frozenset()


def test_as_soon_as_you_can_permits_nothing_and_a_quoted_no_forbids_nothing():
    urgent = read_claim("If that happens, speak to the communications team as soon as you can.")
    assert not urgent.permits
    assert not read_claim("The equality screening answered 'No' to both questions.").negated
    assert read_claim("You can post it.").permits


PERSONAL_POSTS = Source(
    "3.1",
    "Posts made through personal accounts that are public can be seen and may breach "
    "organisational policy if they bring the organisation into disrepute.",
)
COMPLY = Source(
    "3.2", "ensure that any messages, photos, videos or information comply with existing policies."
)
OWNER = Source(
    "3.11",
    "Overall responsibility for the social media and attributed content policy lies with the "
    "Director for Policy and Partnerships.",
)


def test_a_sentence_opening_on_any_speaks_of_every_case(verifier):
    verdict = verifier.check(
        "Any public post from a personal account is a breach of organisational policy.",
        [PERSONAL_POSTS],
    )
    assert (verdict.accepted, verdict.reason) == (False, "overreach")
    # unless the policy line says "any" itself
    assert verifier.check(
        "Any messages or photos you use must comply with existing policies.", [COMPLY]
    ).accepted


def test_a_name_of_several_words_is_stated_as_a_whole(verifier):
    verdict = verifier.check(
        "Overall responsibility for the social media policy lies with the Director of "
        "Communications.",
        [OWNER],
        POLICY_FACTS,
    )
    assert (verdict.accepted, verdict.reason) == (False, "literal")
    assert verifier.check(
        "Overall responsibility for the social media policy lies with the Director for "
        "Policy and Partnerships.",
        [OWNER],
        POLICY_FACTS,
    ).accepted


def test_words_naming_a_contact_detail_need_no_support_of_their_own(verifier):
    contact = Source(
        "3.5",
        "During business hours email communications@hra.nhs.uk and out of hours call 07968 149916.",
    )
    assert verifier.check("Out of hours, their number is 07968 149916.", [contact]).accepted
    assert not verifier.check("Out of hours, their number is 07968 149917.", [contact]).accepted
    assert "number" in content_words("Their number of staff is large.")
