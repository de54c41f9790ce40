"""The disclaimer rules: §3.1 (general), §3.3 (personal blogs), §3.4 (references).

The wording always comes from `PolicyFacts`, so a re-ingested policy changes it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ingest.records import DisclaimerFact

from .context import DraftContext, RuleFinding, make_finding
from .quotes import normalise
from .terms import HRA_NAMES, OFFICIAL_ACCOUNT, RESEARCH, WORK

_BLOG = re.compile(r"\bin this (blog|post)\b|\b(this|my) blog\b", re.IGNORECASE)
_RECOMMENDS = re.compile(
    r"\b(recommend\w*|reference|endors\w*|testimonial|pleasure (of )?(working|managing))\b",
    re.IGNORECASE,
)
_WORKED_TOGETHER = re.compile(
    r"\b(colleague|managed|managing|worked (with|for|as|alongside|together)|contractor|"
    r"vendor|employee|my team|our team|line manager|report(ed)? to me)\b",
    re.IGNORECASE,
)
# §3.1 asks for "a disclaimer such as": the common short forms count for the general case.
_SHORT_FORM = re.compile(
    r"\b(views|opinions|thoughts)( expressed| here)? (are )?(my own|mine|personal)\b|"
    r"\bpersonal (view|opinion)s?\b|\bnot (those|the views) of (my employer|the hra)\b|"
    r"\bmy own (views|thoughts|opinions)\b|\bnot my employer'?s\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9']+")


def mentions_hra_work(text: str) -> bool:
    """Whether a post could be "perceived to have a connection to" HRA work (§3.1)."""
    return bool(HRA_NAMES.search(text) or (WORK.search(text) and RESEARCH.search(text)))


# The person calls the draft a reference ("LinkedIn recommendation for Tom, who I managed
# at the HRA: ..."): how they know the subject is often said outside the quoted words.
_CALLED_REFERENCE = re.compile(
    r"\b(recommendation|rec|reference|endorsement|testimonial)s? (\w+ ){0,3}?(for|of|about)\b",
    re.IGNORECASE,
)


def is_reference(ctx: DraftContext) -> bool:
    """A recommendation for someone the writer knows through work (§3.4)."""
    if _CALLED_REFERENCE.search(ctx.question):
        where = ctx.whole
        return bool(_WORKED_TOGETHER.search(where) or mentions_hra_work(where))
    return bool(
        _RECOMMENDS.search(ctx.whole)
        and (_WORKED_TOGETHER.search(ctx.draft) or mentions_hra_work(ctx.draft))
    )


def has_disclaimer(text: str, wording: str) -> bool:
    """Fuzzy: most of the disclaimer's words appear in order (edits, quotes, case)."""
    target = _WORDS.findall(normalise(wording))
    words = _WORDS.findall(normalise(text))
    if not target or not words:
        return False
    matcher = SequenceMatcher(None, target, words, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(target) >= 0.8


def _context(ctx: DraftContext) -> str:
    if is_reference(ctx):
        return "reference"
    if ctx.platform == "blog" or _BLOG.search(ctx.draft):
        return "blog"
    return "general"


def required_disclaimer(ctx: DraftContext) -> DisclaimerFact | None:
    """The disclaimer this draft needs and lacks, or None."""
    if OFFICIAL_ACCOUNT.search(ctx.question):
        return None  # official channels are the comms team's (§3.6), not personal posts
    context = _context(ctx)
    if context != "reference" and not mentions_hra_work(ctx.draft):
        return None
    fact = ctx.facts.disclaimer(context) or ctx.facts.disclaimer("general")
    if fact is None:
        return None
    present = has_disclaimer(ctx.draft, fact.text) or (
        fact.context == "general" and bool(_SHORT_FORM.search(ctx.draft))
    )
    return None if present else fact


def with_disclaimer(draft: str, fact: DisclaimerFact) -> str:
    """The mechanical fix: the draft, then the exact disclaimer on its own line."""
    return f"{draft.rstrip()}\n\n{fact.text}"


_WHY = {
    "general": ("3.1", "you must display a disclaimer", "It touches on the HRA or its work"),
    "blog": ("3.3", "must also include a disclaimer", "This personal blog touches on work"),
    "reference": ("3.4", "personal reference", "This is a reference for someone from work"),
}


def check_disclaimer(ctx: DraftContext) -> list[RuleFinding]:
    fact = required_disclaimer(ctx)
    if fact is None:
        return []
    section, anchor, found = _WHY[fact.context]
    extra = (
        " Make sure every statement in it is factually accurate."
        if (fact.context == "reference")
        else ""
    )
    return [
        make_finding(
            ctx,
            rule="disclaimer",
            verdict="review",
            section=fact.section or section,
            anchor=anchor,
            found=f"{found} but has no disclaimer",
            fix=f"Add the disclaimer ‘{fact.text}’.{extra}",
            fallback="Posts connected to your work need the policy's disclaimer.",
        )
    ]
