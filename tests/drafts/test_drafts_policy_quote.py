"""A quote of the policy asked about is a question; the sender's words are a draft."""

from __future__ import annotations

from bot.core.drafts.detect import DraftRequest
from bot.core.drafts.policy_quote import PolicyWording

POLICY = [
    "Don't pick fights, be the first to correct your own mistakes, and don't change "
    "previous posts without indicating that you have done so. Never share patient data.",
]
DISCLAIMER = "This is my personal view and doesn't represent the opinions of the HRA"
wording = PolicyWording(POLICY, [DISCLAIMER])


def test_the_policy_quoted_from_memory_and_asked_about_is_not_a_draft() -> None:
    asked = DraftRequest("be the first to correct your mistakes", "does … mean I must post?")
    assert wording.quoted_in(asked)


def test_the_senders_own_words_are_a_draft_even_when_asked_about() -> None:
    own = DraftRequest("Corrected my earlier post about the fees, sorry all", "ok to post … ?")
    assert not wording.quoted_in(own)


def test_a_quote_pasted_with_no_question_is_left_a_draft() -> None:
    assert not wording.quoted_in(DraftRequest("never share patient data", "my banner: …"))


def test_the_prescribed_disclaimer_is_the_senders_to_check() -> None:
    pasted = DraftRequest(DISCLAIMER, "can I put … in my bio?")
    assert not PolicyWording([*POLICY, DISCLAIMER], [DISCLAIMER]).quoted_in(pasted)


def test_a_quote_too_short_to_say_whose_it_is_stays_a_draft() -> None:
    assert not wording.quoted_in(DraftRequest("patient data", "what about … ?"))
