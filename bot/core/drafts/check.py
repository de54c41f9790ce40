"""Check a draft against the policy and render the result for a person to read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core.models import Citation, Finding, PostCheck, Verdict
from ingest.records import PolicyFacts, Section

from .context import DraftContext, RuleFinding, comms_contacts
from .detect import DraftRequest
from .disclaimer import required_disclaimer, with_disclaimer
from .meaning import REASON_BAR
from .quotes import section_title
from .rules import RULES, Rule, run_rules
from .verdict import VerdictModel

_RANK: dict[str, int] = {"ok": 0, "review": 1, "do_not_post": 2}
_HEADLINE = {
    "ok": "**OK to post**",
    "review": "**Review before posting**",
    "do_not_post": "**Do not post**",
}


def severity(finding: Finding) -> Verdict:
    return finding.verdict if isinstance(finding, RuleFinding) else "review"


def check_draft(
    request: DraftRequest,
    facts: PolicyFacts,
    sections: Sequence[Section],
    rules: tuple[Rule, ...] = RULES,
    by_meaning: Sequence[tuple[str, str]] = (),
    judge: VerdictModel | None = None,
    probabilities: Mapping[str, float] | None = None,
    severities: Mapping[str, float] | None = None,
    reasons: Sequence[tuple[str, str]] = (),
) -> PostCheck:
    """Run every rule; findings come worst first.

    `by_meaning`: (section, its passage nearest the draft) the meaning model flags
    (`meaning.py`); each section no rule flagged becomes a `review` finding.
    `reasons`: the same for the sections shown only when the verdict is not ok
    (`MeaningModel.reasons`: over `REASON_BAR`, or the most probable).
    The verdict is `judge`'s (`verdict.py`) from the rules' findings and the meaning
    model's `probabilities` per section and `severities` by verdict; without a judge, the
    worst finding's."""
    ctx = DraftContext(
        draft=request.draft,
        question=request.question,
        platform=request.platform_hint,
        facts=facts,
        sections=tuple(sections),
    )
    by_rules = run_rules(ctx, rules)
    found = by_rules + _meaning_findings(by_meaning, {f.section for f in by_rules}, facts)
    findings = sorted(found, key=lambda f: -_RANK[severity(f)])
    verdict: Verdict = severity(findings[0]) if findings else "ok"
    if judge is not None:
        # The learned verdict reads the raw probabilities, not the bar: the bar only
        # chooses which sections are shown as meaning findings.
        verdict = judge.decide(by_rules, probabilities or {}, severities)
    if verdict != "ok" and reasons:
        # The lower bar once a draft is judged not ok; with nothing else to show, the
        # most probable section, so that a `review` never renders without a reason.
        p = probabilities or {}
        extra = [r for r in reasons if p.get(r[0], 0.0) >= REASON_BAR] or (
            [] if found else list(reasons[:1])
        )
        found += _meaning_findings(extra, {f.section for f in found}, facts)
        findings = sorted(found, key=lambda f: -_RANK[severity(f)])
    if verdict == "ok":
        # Judged fine on the whole: a section it only comes near is not one it breaks.
        findings = [_near(f) if f.rule == "by_meaning" else f for f in findings]
    corrected = None
    # Only offer a corrected draft when adding the disclaimer is all it takes to fix;
    # a draft that must not be posted is not made postable by a disclaimer.
    if verdict == "review" and any(f.rule == "disclaimer" for f in findings):
        fact = required_disclaimer(ctx)
        corrected = with_disclaimer(request.draft, fact) if fact else None
    return PostCheck(verdict=verdict, findings=list(findings), corrected_draft=corrected)


def _meaning_findings(
    by_meaning: Sequence[tuple[str, str]], flagged: set[str], facts: PolicyFacts
) -> list[RuleFinding]:
    return [
        RuleFinding(
            rule="by_meaning",
            section=section,
            explanation=f"It reads like what this section rules out. The policy says: “{quote}”",
            fix=f"Check it against §{section}, or ask {comms_contacts(facts)}.",
            verdict="review",
            quote=quote,
        )
        for section, quote in by_meaning
        if section not in flagged
    ]


def _near(finding: RuleFinding) -> RuleFinding:
    """A meaning finding reworded for a draft judged ok."""
    _, _, quoted = finding.explanation.partition(" The policy says: ")
    return finding.model_copy(
        update={"explanation": f"It comes near what this section covers. The policy says: {quoted}"}
    )


def _count(check: PostCheck) -> str:
    n = len(check.findings)
    if check.verdict == "do_not_post":
        return f"{n} problem{'s' if n != 1 else ''}:"
    if check.verdict == "ok":
        # An "OK to post" over points "to check" would say two things at once.
        return f"nothing in it breaks the policy; {n} point{'s' if n != 1 else ''} worth a look:"
    return f"{n} point{'s' if n != 1 else ''} to check:"


def render_post_check_text(check: PostCheck, request: DraftRequest | None = None) -> str:
    """The reply a person reads: verdict line, one line per finding, corrected draft."""
    if not check.findings:
        return (
            f"{_HEADLINE['ok']} — I found nothing in this draft that the social media "
            "policy rules out."
        )
    lines = [f"{_HEADLINE[check.verdict]} — {_count(check)}"]
    for finding in check.findings:
        lines.append(f"• §{finding.section} — {finding.explanation} Fix: {finding.fix}")
    if check.corrected_draft:
        quoted = "\n".join(
            f"> {line}" if line else ">" for line in check.corrected_draft.split("\n")
        )
        lines.append(f"\nCorrected draft:\n{quoted}")
    return "\n".join(lines)


def _quote_of(finding: Finding) -> str:
    if isinstance(finding, RuleFinding) and finding.quote:
        return finding.quote
    # A finding rebuilt from JSON has lost its quote; the explanation still holds it.
    _, _, tail = finding.explanation.partition("“")
    return tail.rstrip("”") if tail else ""


def citations_for(check: PostCheck, sections: Sequence[Section]) -> list[Citation]:
    """One citation per section, in the order of the findings (worst first)."""
    seen: set[str] = set()
    citations: list[Citation] = []
    for finding in check.findings:
        if finding.section in seen:
            continue
        seen.add(finding.section)
        document = next((s.document for s in sections if s.number == finding.section), None)
        citations.append(
            Citation(
                section=finding.section,
                title=section_title(sections, finding.section),
                quote=_quote_of(finding),
                document=document,
            )
        )
    return citations
