"""check_draft, the reply text, citations and the policy quotes behind them."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core.drafts import (
    DraftRequest,
    check_draft,
    citations_for,
    extract_draft,
    quote_for,
    render_post_check_text,
)
from bot.core.drafts.meaning import REASON_BAR, MeaningModel
from bot.core.drafts.verdict import VerdictModel
from bot.core.models import PostCheck
from ingest.facts import extract_facts
from ingest.records import PolicyFacts, Section
from ingest.sections import parse_document

POLICY = Path(__file__).resolve().parents[2] / "knowledge" / "hra-social-media-policy.txt"
_RANK = {"ok": 0, "review": 1, "do_not_post": 2}


@lru_cache(maxsize=1)
def policy() -> tuple[tuple[Section, ...], PolicyFacts]:
    doc = parse_document(POLICY.read_text(encoding="utf-8"), POLICY.stem)
    return doc.sections, extract_facts(doc.sections)


def run(text: str) -> tuple[DraftRequest, PostCheck]:
    sections, facts = policy()
    request = extract_draft(text)
    assert request is not None
    return request, check_draft(request, facts, sections)


def test_innocent_draft_is_ok_with_no_findings() -> None:
    request, result = run('Can I post "lovely walk with the dog"')
    assert result.verdict == "ok" and result.findings == []
    assert result.corrected_draft is None
    assert render_post_check_text(result, request).startswith("**OK to post**")
    assert citations_for(result, policy()[0]) == []


def test_corrected_draft_holds_the_exact_disclaimer_from_facts() -> None:
    _, facts = policy()
    general = facts.disclaimer("general")
    assert general is not None
    request, result = run('Can I tweet "So proud of my team at the HRA today!"')
    assert result.verdict == "review"
    assert result.corrected_draft is not None
    assert result.corrected_draft.startswith(request.draft)
    assert result.corrected_draft.rstrip().endswith(general.text)
    assert general.text in result.findings[0].fix


def test_blog_and_reference_corrections_use_their_own_wording() -> None:
    _, facts = policy()
    blog, reference = facts.disclaimer("blog"), facts.disclaimer("reference")
    assert blog is not None and reference is not None
    _, blog_check = run(
        "Can I put this on my personal blog?\n\nIn this post I reflect on ten years of "
        "reviewing applications on a research ethics committee."
    )
    assert blog_check.corrected_draft is not None and blog.text in blog_check.corrected_draft
    _, ref_check = run(
        'Is this LinkedIn recommendation ok? "Jo was my line manager at the HRA for four '
        'years. I recommend her highly."'
    )
    assert ref_check.corrected_draft is not None and reference.text in ref_check.corrected_draft


def test_verdict_is_the_worst_finding_and_findings_come_worst_first() -> None:
    _, result = run(
        'Can I post this? "Massive thanks to our supplier TechNova Ltd for the new HRA system. '
        'Vote Labour on Thursday!"'
    )
    assert result.verdict == "do_not_post"
    ranks = [_RANK[f.verdict] for f in result.findings]  # type: ignore[attr-defined]
    assert ranks == sorted(ranks, reverse=True)
    assert {"partners", "politics_religion", "disclaimer"} <= {f.rule for f in result.findings}
    # A disclaimer cannot make a do_not_post draft postable.
    assert result.corrected_draft is None


def test_reply_text_has_verdict_line_then_one_line_per_finding() -> None:
    request, result = run(
        'can I tweet: "The @BBCNews piece on the HRA is wrong, those reporters are idiots"'
    )
    text = render_post_check_text(result, request)
    lines = text.splitlines()
    assert lines[0] == f"**Do not post** — {len(result.findings)} problems:"
    bullets = [line for line in lines if line.startswith("• §")]
    assert len(bullets) == len(result.findings)
    assert bullets[0].startswith("• §3.5 — ") and "Fix:" in bullets[0]
    assert "07968 149916" in text  # the comms contacts come from the policy's facts


def test_citations_one_per_section_worst_first() -> None:
    sections, _ = policy()
    _, result = run(
        'can I tweet: "The @BBCNews piece on the HRA is wrong, those reporters are idiots"'
    )
    citations = citations_for(result, sections)
    assert [c.section for c in citations] == ["3.5", "3.1"]
    assert citations[0].title == "Responding to the media"
    assert citations[0].quote.startswith("Staff must not respond")


def test_extra_finding_fields_stay_out_of_the_reply_json() -> None:
    _, result = run('Can I tweet "So proud of my team at the HRA today!"')
    finding = json.loads(result.model_dump_json())["findings"][0]
    assert set(finding) == {"rule", "section", "explanation", "fix"}


def test_quote_for_finds_the_rule_sentence_and_falls_back_elsewhere() -> None:
    sections, _ = policy()
    quote = quote_for(sections, "3.1", "pick fights")
    assert quote is not None and quote.startswith("Don't pick fights")
    assert quote_for(sections, "3.1", "no such rule anywhere") is None


def test_another_policy_without_the_sentences_still_gets_neutral_findings() -> None:
    doc = parse_document("Policy\n\n1. Rules\n\nBe kind online.\n", "other")
    request = DraftRequest("You are all idiots", "", None)
    result = check_draft(request, extract_facts(doc.sections), doc.sections)
    assert result.verdict == "do_not_post"
    assert "The policy says" not in result.findings[0].explanation
    assert result.findings[0].explanation


def _judge(verdict: str) -> VerdictModel:
    """A verdict model that says `verdict` whatever it reads."""
    return VerdictModel(
        names=(),
        mean=np.zeros(0),
        scale=np.ones(0),
        coef=np.zeros((3, 0)),
        intercept=np.array([float(v == verdict) for v in ("ok", "review", "do_not_post")]),
    )


def _judged(verdict: str, probabilities: dict[str, float]) -> PostCheck:
    sections, facts = policy()
    request = extract_draft('Can I post "lovely walk with the dog"')
    assert request is not None
    reasons = [(s, "passage") for s in MeaningModel({}, 0.55).reasons(probabilities)]
    return check_draft(
        request,
        facts,
        sections,
        judge=_judge(verdict),
        probabilities=probabilities,
        reasons=reasons,
    )


def test_a_draft_judged_not_ok_shows_the_sections_over_the_lower_bar() -> None:
    result = _judged("review", {"3.1": REASON_BAR + 0.05, "3.6": 0.2})
    assert result.verdict == "review"
    assert [f.section for f in result.findings] == ["3.1"]


def test_a_review_never_comes_without_a_reason() -> None:
    # Under the lower bar, the most probable section still explains the verdict: a
    # check with no findings renders as "OK to post".
    result = _judged("do_not_post", {"3.1": 0.1, "3.6": 0.2})
    assert [f.section for f in result.findings] == ["3.6"]
    assert not render_post_check_text(result).startswith("**OK")


def test_a_draft_judged_ok_shows_no_lower_bar_reasons() -> None:
    result = _judged("ok", {"3.1": REASON_BAR + 0.05})
    assert result.verdict == "ok"
    assert result.findings == []


def _near_safeguarding(verdict: str) -> str:
    """The reply to an innocent draft the meaning model puts over the bar for §3.2,
    judged `verdict`."""
    sections, facts = policy()
    request = extract_draft('Can I post "lovely walk with the dog"')
    assert request is not None
    result = check_draft(
        request,
        facts,
        sections,
        by_meaning=[("3.2", "Occasionally, some teams at the HRA may engage ...")],
        judge=_judge(verdict),
        probabilities={"3.2": 0.6},
    )
    return render_post_check_text(result)


def test_a_draft_judged_ok_near_a_section_does_not_read_as_breaking_it() -> None:
    text = _near_safeguarding("ok")
    assert text.startswith(
        "**OK to post** — nothing in it breaks the policy; 1 point worth a look:"
    )
    assert "rules out" not in text and "comes near what this section covers" in text
    assert "Occasionally, some teams" in text  # the policy's words are still quoted
    judged = _near_safeguarding("review")
    assert "1 point to check:" in judged and "rules out" in judged
