"""Issue 15, round 2: polarity from the best line, list stems carried into bullets,
permissions and overreach, and evidence prepared once per passage set."""

from __future__ import annotations

import pytest

from bot.core.phrasing.prompts import Ask, summary_messages
from bot.core.phrasing.support import Source, source_lines
from bot.core.quoting import list_stem

REFERENCES = Source(
    "3.4",
    "On social networking sites such as LinkedIn, personal and professional references are "
    "the focus. If you are representing yourself as an HRA employee, you may not provide "
    "professional references about any current or former employee, contactor, vendor or "
    "contingent worker. You may provide a personal reference (for example using LinkedIn's "
    "recommendation function) for current or former HRA employees, contractors, vendors and "
    "contingent workers provided:",
)
COLLABORATION = Source(
    "3.9",
    "In the majority of cases, when involved in collaborative working, discussion and the "
    "sharing of work-related information and documents must take place in a closed "
    "environment, behind a secure login, to minimise the risk of unapproved or commercially "
    "sensitive material reaching the public domain.",
)
BLOGS_BULLET = Source(
    "3.6", "unauthorised ‘official’ blogs on behalf of HRA programmes or individuals; or,"
)
NON_COMPLIANCE = Source(
    "3.10",
    "Non-compliance with the policies associated with this guidance may lead to disciplinary "
    "action in accordance with the HRA Disciplinary Policy.",
)


def test_a_reversed_prohibition_is_rejected_though_a_nearby_line_permits(verifier):
    # The line after it permits personal references: the best line alone decides.
    verdict = verifier.check(
        "As an HRA employee you can provide professional references for former colleagues.",
        [REFERENCES],
    )
    assert (verdict.accepted, verdict.reason) == (False, "polarity")
    assert verifier.check(
        "You may give a personal reference for a former HRA employee.", [REFERENCES]
    ).accepted


# Round 14's retrained decision accepts this one (probability 0.705, bar 0.688) though
# the hand rules say "polarity": a known regression, reported in docs/verifier-history.md,
# kept visible (strict: the test fails again once the decision rejects it).
@pytest.mark.xfail(strict=True, reason="round 14's retrained decision lets it through")
def test_a_permission_cannot_rest_on_an_obligation(verifier):
    verdict = verifier.check(
        "Sharing work documents in the public domain is fine.", [COLLABORATION]
    )
    assert (verdict.accepted, verdict.reason) == (False, "polarity")
    assert verifier.check(
        "Sharing work documents must take place in a closed environment behind a secure login.",
        [COLLABORATION],
    ).accepted


def test_a_bullet_keeps_its_lists_must_not(verifier):
    stemmed = Source(BLOGS_BULLET.section, BLOGS_BULLET.text, stem="Staff must not set up")
    faithful = "Staff must not set up unauthorised official blogs on behalf of HRA programmes."
    reversed_ = "Staff may set up unauthorised official blogs on behalf of HRA programmes."
    assert verifier.check(faithful, [stemmed]).accepted
    assert verifier.check(reversed_, [stemmed]).reason == "polarity"
    # Without its stem the bullet reads as no rule at all, and the faithful line fails.
    assert not verifier.check(faithful, [BLOGS_BULLET]).accepted


def test_items_after_a_colon_inside_a_passage_carry_its_opening():
    source = Source(
        "3.2.1",
        "you should also: have a neutral picture of yourself as your profile image; "
        "do not engage in intimate or sexual conversations",
    )
    first, second = (line.claim for line in source_lines(source))
    assert first.obliges and not first.negated
    assert second.obliges and second.negated
    risks = Source("3.2", "Potential risks can include, but are not limited to: online bullying")
    (line,) = source_lines(risks)
    assert not line.claim.negated  # "not limited to" forbids nothing


def test_may_lead_is_not_must_lead(verifier):
    assert (
        verifier.check("Non-compliance must lead to disciplinary action.", [NON_COMPLIANCE]).reason
        == "instruction"
    )
    assert verifier.check(
        "Non-compliance may lead to disciplinary action.", [NON_COMPLIANCE]
    ).accepted


def test_list_stems_are_found_for_every_bullet_of_the_shipped_policy(core):
    kb = core.kb
    by_section: dict[str, list] = {}
    for chunk in kb.chunks:
        by_section.setdefault(chunk.section, []).append(chunk)
    blogs = next(c for c in by_section["3.6"] if c.text.startswith("unauthorised"))
    videos = next(c for c in by_section["3.6"] if c.text.startswith("posting video"))
    assert list_stem(blogs, kb.preceding) == "Staff must not set up"
    assert list_stem(videos, kb.preceding) == "Staff must not set up"
    picture = next(c for c in by_section["3.2.1"] if c.text.startswith("have a neutral"))
    assert list_stem(picture, kb.preceding).endswith("you should also:")
    paragraph = next(c for c in by_section["3.2.1"] if c.text.startswith("Should any employee"))
    assert list_stem(paragraph, kb.preceding) == ""


def test_evidence_is_prepared_once_per_passage_set(verifier):
    sources = [REFERENCES, NON_COMPLIANCE]
    first = verifier.prepared.get(sources, ())
    assert verifier.prepared.get(list(sources), ()) is first
    assert verifier.prepared.get([NON_COMPLIANCE], ()) is not first


def test_the_model_is_shown_a_bullet_under_its_stem():
    stemmed = Source(BLOGS_BULLET.section, BLOGS_BULLET.text, stem="Staff must not set up")
    _, (_, user) = summary_messages(Ask("can I start an official blog?", None, [stemmed]))
    assert "[§3.6] Staff must not set up … unauthorised ‘official’ blogs" in user
