"""Drafts checked by meaning beside the rules, and the model's training reproducibility."""

from __future__ import annotations

import pytest

from bot.core.drafts.meaning import load_meaning
from bot.core.drafts.meaning_train import choose_bar, fit
from bot.core.drafts.reproduce import same, same_verdict
from bot.core.drafts.verdict import load_verdict
from bot.core.models import Message


def check(core, text: str):
    reply = core.assistant.handle(Message(text=text))
    assert reply.kind == "post_check", text
    return reply.post_check


def test_a_veiled_attack_on_a_colleague_is_flagged(core):
    result = check(
        core,
        'is this ok for X? "Shout out to the colleague who forgot to send the data again. '
        'Third time this month. Some of us actually do our jobs."',
    )
    # Blind writers judge such digs `do_not_post`; the veiled-attack rule and the learned
    # verdict (verdict.py) follow them.
    assert result.verdict == "do_not_post"
    finding = next(f for f in result.findings if f.section == "3.1")
    # The finding quotes the policy's own text from the section it flags.
    quoted = finding.explanation.split("“", 1)[1].rstrip("”")
    section = next(s for s in core.kb.sections if s.number == "3.1")
    # (a quoted bullet starts with a capital letter)
    assert quoted[:60].lower() in " ".join(section.blocks).lower()


def test_an_everyday_post_stays_ok(core):
    result = check(core, 'ok to post? "Lovely sunny walk along the canal this morning."')
    assert result.verdict == "ok"
    assert result.findings == []


def test_a_draft_without_a_posting_cue_is_recognised_when_triage_reads_a_draft(core):
    result = check(
        core,
        'Draft for the research panel page: "Fancy a free tote bag? Just DM us your full '
        'name, date of birth and home postcode!" - good to schedule?',
    )
    assert result.verdict == "do_not_post"
    assert "3.2" in {f.section for f in result.findings}


@pytest.mark.retrain  # four CPU-minutes of fitting: opt-in (-m retrain), as the other retrains are
def test_retraining_reproduces_the_shipped_draft_model(core, embedder):
    model, judge, figures = fit(embedder.embed_batch, core.kb)
    assert same(load_meaning(), model)
    assert same_verdict(load_verdict(), judge)
    # Every blind batch's drafts are trained on (1,380: q1-q22, q27, q28, a1-a4, d1-d6,
    # d8, d11-d13, d15), beside the rule-written files.
    assert figures["train drafts (blind batches)"].endswith("(1380)")


def test_a_post_described_rather_than_quoted_is_checked(core):
    """No quote to split off: triage reads a draft, so the whole message is checked."""
    result = check(
        core, "new linkedin banner idea: my headshot + the hra logo + 'Comms @ HRA'. thoughts?"
    )
    assert "3.1" in {f.section for f in result.findings}
    assert result.verdict != "ok"


def test_a_safety_critical_finding_is_never_judged_ok(core):
    """The floors in verdict.py: a reply to the media is never postable, whatever the model."""
    result = check(core, 'a journalist asked me for a quote, can I reply "Happy to chat, call me"?')
    assert result.verdict == "do_not_post"


def test_a_post_naming_a_patient_is_never_postable(core):
    """A patient's identity cannot be unposted, and a 'corrected draft' that only adds a
    disclaimer would keep the patient in it: the floor is do_not_post."""
    result = check(
        core,
        "My personal blog: proud of my REC today! Patient John Smith (NHS 943 476 5919) "
        "said the new study was great",
    )
    assert result.verdict == "do_not_post"


def test_a_reply_the_sender_drafted_for_a_journalist_is_checked(core):
    """Triage reads a media approach, but the sender calls the quote their own draft:
    it is checked, and the media finding (§3.5) says do not post and whom to tell."""
    reply = core.assistant.handle(
        Message(
            text="A reporter from the local paper messaged me about the new approval times "
            "and I've drafted this reply: 'Happy to help, approvals really have got faster "
            "this year - call me on my mobile' - can I send it?"
        )
    )
    assert reply.kind == "post_check"
    assert reply.post_check.verdict == "do_not_post"
    assert "3.5" in {f.section for f in reply.post_check.findings}
    # The approach itself is not lost: reporting it to the comms team is one click away.
    assert reply.report_action is not None and reply.report_action.kind == "media"


def test_a_media_approach_quoting_the_journalist_is_still_escalated(core):
    reply = core.assistant.handle(
        Message(
            text="A journalist from the Mirror just emailed me: 'Can you comment on the "
            "trial your committee approved?' Can I reply?"
        )
    )
    assert reply.kind == "escalation"


def test_the_bar_is_the_highest_meeting_the_flag_recall_target():
    assert choose_bar([(0.5, 0.95), (0.6, 0.91), (0.7, 0.8)]) == 0.6
    assert choose_bar([(0.5, 0.7), (0.6, 0.6)]) == 0.5
