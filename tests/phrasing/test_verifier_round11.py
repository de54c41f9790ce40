"""Issue 15 round 11: a contrast joins two clauses of opposite polarity ("staff may set
up X, though Y is not allowed"). Read as one claim, the second clause's "not" hid the
first's permission, and a reversed list rule (§3.6: "Staff must not set up …") was shown."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import clauses
from bot.core.phrasing.verifier import Source

STEM = "Staff must not set up"
SECTION = [
    Source("3.6", STEM),
    Source(
        "3.6",
        "Twitter accounts, Facebook pages, YouTube channels or a presence on any other "
        "social media site that represents an HRA product or service",
        STEM,
    ),
    Source(
        "3.6", "unauthorised ‘official’ blogs on behalf of HRA programmes or individuals; or,", STEM
    ),
]


def test_a_contrast_is_two_clauses() -> None:
    sentence = (
        "Staff may set up Facebook pages for a service, though official blogs are not allowed."
    )
    assert len(clauses(sentence)) == 2
    assert len(clauses("You can set up a page for it, just don't start a blog.")) == 2


@pytest.mark.parametrize(
    "summary",
    [
        "Staff may set up Twitter accounts or Facebook pages representing an HRA product or "
        "service, though unauthorised 'official' blogs are not allowed.",
        "If you look after an HRA service, you're welcome to set up a Facebook page or Twitter "
        "account for it, just don't start any unauthorised 'official' blogs.",
    ],
)
def test_a_permission_beside_a_prohibition_is_checked_on_its_own(verifier, summary) -> None:
    verdict = verifier.check(summary, SECTION)
    assert not verdict.accepted
    assert verdict.reason == "polarity"


def test_the_rule_stated_the_right_way_round_still_passes(verifier) -> None:
    summary = (
        "Staff must not set up Twitter accounts or Facebook pages that represent an HRA "
        "product or service, and they must not set up unauthorised 'official' blogs."
    )
    assert verifier.check(summary, SECTION).accepted
