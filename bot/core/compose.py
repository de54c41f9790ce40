"""Reply text: the policy's sentences with their sections, in fixed frames of our own words.

The frames ("The policy says:", "It doesn't cover this") never state a rule; every
rule in a reply is a quote from a cited section.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.records import DisclaimerFact

from .models import Citation, Contact, EscalationInfo, EscalationKind, Reply
from .passages import Passage, citations_for

_ESCALATION_LEAD: dict[EscalationKind, str] = {
    "media": "This sounds like a media approach: pass it to the communications team now.",
    "safeguarding": (
        "This sounds like a safeguarding concern: report it to the communications team now."
    ),
    "harassment": ("I'm sorry this is happening. Please report it to the communications team now."),
}


def _contact_phrase(contact: Contact) -> str:
    verb = "call" if contact.kind == "phone" else "email"
    return f"{verb} {contact.value}"


def contact_line(
    contacts: Sequence[Contact], *, prefer_out_of_hours: bool = False, when: str | None = None
) -> str:
    """The contact to use first (bold), then the other, e.g. "**Now (out of hours): call …**".

    `when`: the time the question named ("Saturday", "tonight"); `contacts` are then
    ordered for that time, and the lead says so.
    """
    if not contacts:
        return ""
    ordered = list(contacts)
    if prefer_out_of_hours and not when:
        ordered.sort(key=lambda c: c.use != "out of hours")
    first, rest = ordered[0], ordered[1:]
    label = (when[:1].upper() + when[1:]) if when else "Now"
    head = (
        f"**{label} ({first.use}): {_contact_phrase(first)}.**"
        if first.now
        else (f"**{first.use.capitalize()}: {_contact_phrase(first)}.**")
    )
    tail = " ".join(f"{c.use.capitalize()}: {_contact_phrase(c)}." for c in rest)
    return f"{head} {tail}".strip()


def _quote_lines(passages: Sequence[Passage]) -> list[str]:
    return [f"> {p.quote}\n> — {p.label}" for p in passages]


def disclaimer_line(disclaimer: DisclaimerFact) -> str:
    return f"**The disclaimer to use (§{disclaimer.section}):** ‘{disclaimer.text}’"


def compose_answer(
    passages: Sequence[Passage],
    *,
    cited: Sequence[Passage] = (),
    contacts: Sequence[Contact] = (),
    lead_with_contacts: bool = False,
    prefer_out_of_hours: bool = False,
    disclaimer: DisclaimerFact | None = None,
    when: str | None = None,
) -> Reply:
    """Lead with the fact asked for (contact, disclaimer wording), then the quotes."""
    lines: list[str] = []
    if lead_with_contacts and contacts:
        lines.append(contact_line(contacts, prefer_out_of_hours=prefer_out_of_hours, when=when))
    if disclaimer:
        lines.append(disclaimer_line(disclaimer))
    lines.append("The policy says:")
    lines.extend(_quote_lines(passages))
    citations = citations_for(cited or passages)
    if disclaimer:
        citations = _disclaimer_first(citations, disclaimer, passages)
    return Reply(kind="answer", text="\n\n".join(lines), citations=citations)


def _disclaimer_first(
    citations: list[Citation], disclaimer: DisclaimerFact, passages: Sequence[Passage]
) -> list[Citation]:
    own = next((c for c in citations if c.section == disclaimer.section), None)
    title = (
        own.title
        if own
        else next((p.chunk.title for p in passages if p.chunk.section == disclaimer.section), "")
    )
    first = own or Citation(section=disclaimer.section, title=title, quote=disclaimer.text)
    return [first, *[c for c in citations if c is not first]]


def compose_escalation(
    kind: EscalationKind,
    passages: Sequence[Passage],
    contacts: Sequence[Contact],
    *,
    out_of_hours: bool,
) -> Reply:
    lines = [_ESCALATION_LEAD[kind], contact_line(contacts)]
    if out_of_hours:
        lines.append("It's out of hours, so phone as well as using any button or form here.")
    if passages:
        lines.append("The policy says:")
        lines.extend(_quote_lines(passages[:2]))
    return Reply(
        kind="escalation",
        text="\n\n".join(lines),
        citations=citations_for(passages),
        escalation=EscalationInfo(kind=kind, contacts=list(contacts), urgent=True),
    )


def compose_not_covered(contacts: Sequence[Contact], documents: Sequence[str]) -> Reply:
    names = ", ".join(documents) or "the policy"
    who = contact_line(contacts)
    text = (
        f"I can only answer from {names}, and it doesn't cover this, so I won't guess. "
        "For a social media or communications question, ask the communications team"
        + (f" — {who}" if who else ".")
        + " For anything else, your line manager is the best first stop."
    )
    return Reply(kind="not_covered", text=text, citations=[])


def with_citations(reply: Reply, extra: Sequence[Citation]) -> Reply:
    known = {c.section for c in reply.citations}
    merged = list(reply.citations) + [c for c in extra if c.section not in known]
    return reply.model_copy(update={"citations": merged})
