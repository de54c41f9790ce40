"""Issue 15 round 15: a role the passages never name is an invented step. "Copy in your
line manager" or "get sign-off from your head of department", tacked onto a faithful
sentence, is rejected however well the rest of the sentence is supported."""

from __future__ import annotations

import pytest

from bot.core.phrasing.verifier import Source
from tests.phrasing.test_verifier import MEDIA

DISENGAGE = Source(
    "3.2.1",
    "Should any employee encounter a situation whilst using social media that they are "
    "concerned about they should politely disengage and seek advice from the "
    "communications team and/or their line manager.",
)


@pytest.mark.parametrize(
    "summary",
    [
        "If something online needs an official HRA response, refer it to the communications "
        "team and copy in your line manager.",
        "If you spot something inaccurate, get it signed off by your head of department, then "
        "refer it to the communications team.",
        "Refer anything needing an official response to the communications team or to HR.",
    ],
)
def test_a_role_the_passage_never_names_is_rejected(verifier, summary: str) -> None:
    verdict = verifier.check(summary, [MEDIA])
    assert not verdict.accepted
    assert verdict.reason == "literal"


def test_a_role_the_passage_names_is_accepted(verifier) -> None:
    summary = (
        "If something on social media worries you, politely step away from it and ask the "
        "communications team or your line manager for advice."
    )
    assert verifier.check(summary, [DISENGAGE]).accepted
    # The same sentence checked against a passage that names no manager is not.
    assert verifier.check(summary, [MEDIA]).reason == "literal"
