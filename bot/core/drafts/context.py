"""What every draft rule sees, and how a rule turns what it saw into a finding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import Field

from bot.core.models import Finding, Verdict
from ingest.records import PolicyFacts, Section

from .quotes import locate

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


class RuleFinding(Finding):
    """A finding with what ranks it; the extra fields never reach the reply JSON."""

    verdict: Verdict = Field(default="review", exclude=True)
    quote: str = Field(default="", exclude=True)


@dataclass(frozen=True)
class DraftContext:
    """A draft under check: its text, the question around it, and the policy."""

    draft: str
    question: str = ""
    platform: str | None = None
    facts: PolicyFacts = field(default_factory=PolicyFacts)
    sections: Sequence[Section] = ()

    @cached_property
    def whole(self) -> str:
        # What the person says about the post ("with the HRA logo as my picture", "reply
        # to this journalist") matters to some rules as much as the words of the post.
        return f"{self.question}\n{self.draft}".strip()

    @cached_property
    def sentences(self) -> list[str]:
        return [s.strip() for s in _SPLIT.split(self.draft) if s.strip()]


def make_finding(
    ctx: DraftContext,
    *,
    rule: str,
    verdict: Verdict,
    section: str,
    anchor: str,
    found: str,
    fix: str,
    fallback: str,
) -> RuleFinding:
    """Build a finding whose explanation quotes the policy sentence holding `anchor`.

    `found` says what in the draft breaks the rule, by kind only ("an NHS number"),
    never by value: personal data found in a draft is not repeated or stored.
    """
    quote = locate(ctx.sections, section, anchor)
    if quote:
        explanation = f"{found}. The policy says: “{quote.sentence}”"
        section = quote.section
    else:
        explanation = f"{found}. {fallback}"
    return RuleFinding(
        rule=rule,
        section=section,
        explanation=explanation,
        fix=fix,
        verdict=verdict,
        quote=quote.sentence if quote else "",
    )


def comms_contacts(facts: PolicyFacts) -> str:
    """How to reach the communications team, from the policy's own contact facts."""
    parts = []
    if email := facts.contact("business hours"):
        parts.append(f"email {email.value} in business hours")
    if phone := facts.contact("out of hours"):
        parts.append(f"call {phone.value} out of hours")
    return f"the communications team ({'; '.join(parts)})" if parts else "the communications team"
