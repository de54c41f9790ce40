"""Drafts checked by meaning beside the rules, and the model's training reproducibility."""

from __future__ import annotations

from bot.core.drafts.meaning import load_meaning
from bot.core.drafts.meaning_train import fit, same
from bot.core.models import Message


def check(core, text: str):
    reply = core.assistant.handle(Message(text=text))
    assert reply.kind == "post_check", text
    return reply.post_check


def test_a_veiled_attack_on_a_colleague_is_sent_for_review(core):
    result = check(
        core,
        'is this ok for X? "Shout out to the colleague who forgot to send the data again. '
        'Third time this month. Some of us actually do our jobs."',
    )
    assert result.verdict == "review"
    finding = next(f for f in result.findings if f.section == "3.1")
    # The finding quotes the policy's own text from the section it flags.
    quoted = finding.explanation.split("“", 1)[1].rstrip("”")
    section = next(s for s in core.kb.sections if s.number == "3.1")
    assert quoted[:60] in " ".join(section.blocks)


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


def test_retraining_reproduces_the_shipped_draft_model(core, embedder):
    model, figures = fit(embedder.embed_batch, core.kb)
    assert same(load_meaning(), model)
    assert figures["dev drafts"] == 40
