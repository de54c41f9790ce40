"""The history guard beside the model: pure, no model."""

from __future__ import annotations

from bot.core.triage import Triage
from bot.core.triage.guards import settled_history

SETTLED = (
    "Back in March a reporter from a regional paper rang reception, I passed it straight "
    "to comms and they dealt with it. Which section covers that, for a board paper?"
)


def test_a_media_contact_told_as_past_and_settled_is_offered_not_escalated() -> None:
    result = settled_history(SETTLED, Triage(escalation="media", score=0.97))
    assert (result.escalation, result.possible) == (None, "media")


def test_a_contact_happening_now_still_escalates() -> None:
    text = "A reporter from the Guardian has just emailed asking for a comment by 5pm."
    assert settled_history(text, Triage(escalation="media")).escalation == "media"


def test_safeguarding_is_never_downgraded_by_the_guard() -> None:
    """'Sorted' is how a goodbye can read: the guard leaves safeguarding alone."""
    text = (
        "A young person we worked with last year messaged: 'i've sorted everything so "
        "nobody has to deal with my mess'. The case was closed in 2024."
    )
    result = settled_history(text, Triage(escalation="safeguarding", score=0.9))
    assert result.escalation == "safeguarding"
