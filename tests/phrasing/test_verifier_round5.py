"""Issue 15, the fixes after round 4, each read on one fresh blind batch and measured on
the next: names and web addresses are literals, a permission with a negative condition is
still a permission, a sentence opening on "Any" speaks of every case, and words that only
name a contact detail need no support of their own."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import content_words, read_claim
from bot.core.phrasing.literals import literals_of
from bot.core.phrasing.verifier import Source

# The app passes the policy's facts too; its contacts name the HRA.
POLICY_FACTS = ("communications@hra.nhs.uk",)


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
