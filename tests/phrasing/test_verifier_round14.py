"""Issue 15 round 14: a sentence that only echoes the asker's question is a frame, not a
claim (unless a bare answer leans on it); everyday words for the policy's own ("comms",
"get in touch", "steer clear of"); a word never matches its opposite; a list's opening
"in addition to … section 3.1" does not make its bullets section 3.1's."""

from __future__ import annotations

import pytest

from bot.core.phrasing.asked import question_frames
from bot.core.phrasing.claims import clauses, content_words, read_claim, split_sentences
from bot.core.phrasing.verifier import Source, claims_of

CONTACTS = Source(
    "3.2.1",
    "do not use your work contact details (email or telephone) as part of your personal "
    "profile or personal contact details as part of a profile you use for work",
    "In addition to the behaviours outlined in section 3.1, if you are using corporate or "
    "personal social media/networking accounts for work related activity, you should also:",
)
PICTURE = Source(
    "3.2.1",
    "have a neutral picture of yourself as your profile image",
    CONTACTS.stem,
)
SECURE = Source(
    "3.9",
    "In the majority of cases, when involved in collaborative work, sharing of work-related "
    "information and documents should take place in a closed environment behind a secure "
    "login.",
)
LOGO = Source(
    "3.1",
    "You must make it clear that you are speaking for yourself and not on behalf of the HRA "
    "(you must not use the organisation's logo on personal web pages or social media accounts);",
)


def _echoes(summary: str) -> set[int]:
    sentences = split_sentences(summary)
    return question_frames(sentences, [[read_claim(c) for c in clauses(s)] for s in sentences])


@pytest.mark.parametrize(
    "summary",
    [
        "You asked whether you can use the HRA logo on your personal account. "
        "According to the policy, you must not use the organisation's logo on personal pages.",
        "You want to know if you can put the logo on Twitter. You must not use the logo "
        "on personal social media accounts. I hope this helps.",
        "The question is about the HRA logo. You must not use it on personal web pages.",
    ],
)
def test_an_echo_of_the_question_is_no_claim(summary: str) -> None:
    assert _echoes(summary) == {0}
    assert claims_of(split_sentences(summary))[0] == []


@pytest.mark.parametrize(
    "summary",
    [
        # a bare answer leans on the echo: it is what "No" says no to
        "You asked whether you can use the HRA logo on your personal account. No.",
        "You asked whether you can use the HRA logo on your account. That is fine.",
        # nothing else would be checked
        "You asked whether you can use the HRA logo on your account. I hope this helps.",
        # joined to something else, or speaking of the assistant: obeying.py's, or a claim
        "You asked whether the policy covers contractors, and it does not.",
        "You asked me whether I can confirm the logo is fine. You must not use the logo.",
    ],
)
def test_an_echo_stays_a_claim_when_an_answer_could_hide_in_it(summary: str) -> None:
    assert _echoes(summary) == set()


def test_a_bare_answer_to_an_echo_is_still_read(verifier) -> None:
    reversed_ = (
        "You asked whether you can use the HRA logo on your personal accounts. Yes, you can."
    )
    assert not verifier.check(reversed_, [LOGO]).accepted


def test_an_echoed_question_does_not_reject_a_faithful_answer(verifier) -> None:
    summary = (
        "You asked whether you can put the HRA logo on your personal social media accounts. "
        "According to the policy, you must not use the organisation's logo on personal web "
        "pages or social media accounts."
    )
    assert verifier.check(summary, [LOGO]).accepted


def test_everyday_words_read_as_the_policys() -> None:
    assert content_words("get in touch with comms") == ("contact", "comms")
    assert content_words("steer clear of collecting personal details")[0] == "avoid"
    assert read_claim("Steer clear of collecting personal details.").negated


def test_a_word_never_rests_on_its_opposite(verifier) -> None:
    summary = (
        "In most cases, sharing of work-related information and documents should take place "
        "in an open environment behind a secure login."
    )
    verdict = verifier.check(summary, [SECURE])
    assert not verdict.accepted
    assert verdict.reason == "polarity"


def test_a_lists_opening_reference_is_not_its_bullets_section(verifier) -> None:
    wrong = "According to section 3.1, you should have a neutral picture of yourself as your profile image."
    right = "According to section 3.2.1, you should have a neutral picture of yourself as your profile image."
    assert verifier.check(wrong, [CONTACTS, PICTURE]).reason == "section"
    assert verifier.check(right, [CONTACTS, PICTURE]).accepted
