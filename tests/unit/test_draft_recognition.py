"""Drafts introduced in unusual ways are checked; reports that quote someone stay reports."""

from __future__ import annotations

import numpy as np

from bot.core.draft_reply import draft_to_check
from bot.core.drafts.recognise import load_recogniser
from bot.core.drafts.recognise_train import FALSE_DRAFTS, choose_bar
from bot.core.models import Message
from bot.core.triage import Triage


def test_a_reply_introduced_by_what_someone_asked_is_checked(core):
    """No cue names a draft, and "someone asked" reads like a report: the recogniser
    reads the message as the sender's own reply to check."""
    reply = core.assistant.handle(
        Message(
            text="Somebody asked under our official post where the guidance on consent "
            'for teenagers lives. Reply:\n\n"Hi! Our guidance on consent and participant '
            'information is on our website: [link]. Our queries team can help with your own study."'
        )
    )
    assert reply.kind == "post_check"


def test_a_planned_reply_to_a_troll_is_checked_and_keeps_the_report_action(core):
    reply = core.assistant.handle(
        Message(
            text="A troll has been posting abuse under my work posts all week. My planned "
            'reply from my personal account:\n\n"I know exactly who you are and where you '
            'work. Keep going and see what happens."'
        )
    )
    assert reply.kind == "post_check"
    assert reply.post_check.verdict == "do_not_post"
    # What the troll did is still one click from the communications team.
    assert reply.report_action is not None and reply.report_action.kind == "harassment"


def test_a_journalist_quoted_in_a_media_report_is_still_escalated(core):
    reply = core.assistant.handle(
        Message(
            text='A reporter from the Times DMd me on X: "Can you confirm the trial at '
            "St Mary's was paused after a safety concern? Deadline 5pm today.\""
        )
    )
    assert reply.kind == "escalation"
    assert reply.escalation is not None and reply.escalation.kind == "media"


def test_safeguarding_is_never_read_as_a_draft():
    """`draft_to_check` is asked only once safeguarding is settled (assistant.py), and
    the recogniser never lets a report's quote through without it reading as a draft."""
    triage = Triage(escalation="harassment", score=0.95, draft=0.02)
    text = 'someone keeps messaging me: "I know where you live, watch yourself"'
    assert draft_to_check(text, False, triage) is None


def test_the_bar_is_the_lowest_keeping_false_drafts_rare():
    reports = np.linspace(0.0, 0.9, 1001)
    probs = np.concatenate([reports, np.array([0.99, 0.95])])
    kinds = np.array(["report"] * 1001 + ["draft", "question"])
    bar, rates = choose_bar(probs, kinds)
    # Only reports count against the bar (at 0.89, 12 of 1,001 reports would pass).
    assert FALSE_DRAFTS == 0.01 and bar == 0.9
    assert rates["0.90"] <= FALSE_DRAFTS < rates["0.89"]


def test_the_shipped_recogniser_loads():
    recogniser = load_recogniser()
    assert recogniser is not None and 0.5 <= recogniser.bar < 1.0


def test_a_post_pasted_after_its_story_or_before_its_ask_is_checked(core):
    """No quote marks: the post is its own paragraph, after "so I wrote this for
    Facebook. Alright?" or before "for my Facebook group, checking anyway"."""
    after_story = core.assistant.handle(
        Message(
            text="People at my choir keep asking what my job is, so I wrote this for "
            "Facebook. Alright?\n\nI work at the Health Research Authority, helping ethics "
            "committees review studies so that research is safe for the people who take part."
        )
    )
    before_ask = core.assistant.handle(
        Message(
            text="Anyone got a good recipe for a rainy Sunday? Feeding six, one is vegan, "
            "ideas welcome!\n\nFor my cooking group on Facebook, nothing to do with work but "
            "checking anyway"
        )
    )
    assert after_story.kind == before_ask.kind == "post_check"
    assert before_ask.post_check.verdict == "ok"


def test_a_long_post_pasted_bare_is_checked_and_says_how_it_was_read(core):
    """Over 80 words, nothing quoted and nothing asked: a post pasted on its own, not a
    question to refuse."""
    post = (
        "Three years ago today I started at the Health Research Authority, and I still "
        "remember the first committee meeting I sat in on. Twelve people around a table, a "
        "stack of papers each, and a proper argument about whether a patient leaflet was "
        "clear enough. Nobody was being difficult for the sake of it; they just cared about "
        "the people who would read it. I've worked in a few places since I left university, "
        "and this is the first one where I've seen that kind of care up close every week. "
        "Here's to the next three years, and thanks to everyone who has put up with my "
        "questions. #NHS #research"
    )
    assert len(post.split()) > 80
    reply = core.assistant.handle(Message(text=post))
    assert reply.kind == "post_check"
    # It names the HRA and its work with no disclaimer (§3.1), and nothing worse: blind
    # writers label such anniversary posts `ok` or `review` (`d36-012`: `ok`).
    assert reply.post_check.verdict in ("ok", "review")
    assert "I read this as a post" in reply.text
    asked = core.assistant.handle(Message(text="check this post: " + post))
    assert asked.kind == "post_check" and "I read this as a post" not in asked.text
