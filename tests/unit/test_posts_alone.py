"""Each labelled draft's post, alone, is one more draft to learn from (recogniser)."""

from __future__ import annotations

from bot.core.drafts.posts_alone import post_alone, posts_alone

FRAMED = (
    'can I post this on Facebook? "Finished the 10k this morning in the rain, soaked but happy"'
)


def test_the_post_is_split_off_its_framing():
    assert post_alone(FRAMED) == "Finished the 10k this morning in the rain, soaked but happy"


def test_no_post_for_a_question_a_short_post_or_a_post_that_asks():
    assert post_alone("can I post about my job on LinkedIn?") is None
    assert post_alone('can I tweet "Congrats team!"') is None
    # Alone, a post asking its readers something reads as a question to the assistant.
    assert post_alone('ok for Facebook? "Anyone know a good plumber near Leeds this week?"') is None


def test_each_post_once_and_none_already_known():
    twice = [FRAMED, FRAMED.replace("Facebook", "Instagram")]
    assert list(posts_alone(twice)) == [post_alone(FRAMED)]
    assert list(posts_alone(twice, known=[post_alone(FRAMED) or ""])) == []
