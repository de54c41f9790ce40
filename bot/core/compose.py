"""Reply text: the policy's sentences with their sections, in fixed frames of our own words.

The frames ("§3.1 … covers this:", "It doesn't cover this") never state a rule; every
rule in a reply is a quote from a cited section, and no sentence is shown twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.records import DisclaimerFact

from .asked_facts import facts_in
from .models import Citation, Contact, EscalationInfo, EscalationKind, Reply
from .passages import Passage, citations_for
from .quoting import lead_sentence
from .sentences import says_more_than, without_sentences

_ESCALATION_LEAD: dict[EscalationKind, str] = {
    "media": "This sounds like a media approach: the communications team answers the media.",
    "safeguarding": "This sounds like a safeguarding concern: it must go to the communications team.",
    "harassment": "I'm sorry this is happening. The communications team will advise you.",
}
# What to do while the team picks it up: instructions for using the report, not rules.
# Each fits one line of a Teams card at chat width (the report card's height budget).
DO_NOT_ENGAGE: dict[EscalationKind, str] = {
    "media": "Don't reply to the journalist: the team will.",
    "safeguarding": "Don't engage with the account or share the content.",
    "harassment": "Don't reply. Keep screenshots of what was said.",
}
DELETE_YOUR_POST = (
    "Delete your message in the channel: colleagues can still see it, and it may name the "
    "young person."
)


def contact_phrase(contact: Contact) -> str:
    verb = "call" if contact.kind == "phone" else "email"
    return f"{verb} {contact.value}"


def contact_label(contact: Contact, when: str | None = None) -> str:
    """ "Out of hours (evenings, weekends, bank holidays)": when it applies, as configured."""
    if when:
        return f"{when[:1].upper()}{when[1:]} ({contact.use})"
    hours = f" ({contact.hours})" if contact.hours else ""
    return f"{contact.use.capitalize()}{hours}"


def contact_line(
    contacts: Sequence[Contact], *, prefer_out_of_hours: bool = False, when: str | None = None
) -> str:
    """The contact that applies first (bold), then the other, each with its hours, e.g.
    "**Out of hours (evenings, weekends, bank holidays): call 07968 149916.**".

    Never "now": this line is kept in chats that are read again the next day. `when`:
    the time the question named ("Saturday", "tonight"); `contacts` are then ordered
    for that time, and the lead says so.
    """
    if not contacts:
        return ""
    ordered = list(contacts)
    if prefer_out_of_hours and not when:
        ordered.sort(key=lambda c: c.use != "out of hours")
    first, rest = ordered[0], ordered[1:]
    head = f"{contact_label(first, when)}: {contact_phrase(first)}."
    head = f"**{head}**" if first.now or when else head
    tail = " ".join(f"{contact_label(c)}: {contact_phrase(c)}." for c in rest)
    return f"{head} {tail}".strip()


def _quote_block(quote: str, label: str) -> str:
    return f"> {quote}\n> — {label}"


# Where each prescribed wording goes, when a reply gives more than one.
_FOR = {"general": "elsewhere online", "blog": "a personal blog", "reference": "a reference"}


def disclaimer_line(disclaimer: DisclaimerFact, *, several: bool = False) -> str:
    where = f" for {_FOR.get(disclaimer.context, disclaimer.context)}" if several else " to use"
    return f"**The disclaimer{where} (§{disclaimer.section}):** ‘{disclaimer.text}’"


def compose_answer(
    passages: Sequence[Passage],
    *,
    question: str = "",
    cited: Sequence[Passage] = (),
    contacts: Sequence[Contact] = (),
    lead_with_contacts: bool = False,
    prefer_out_of_hours: bool = False,
    disclaimers: Sequence[DisclaimerFact] = (),
    when: str | None = None,
    avoid: str | None = None,
) -> Reply:
    """Lead with one line (the fact asked for, or the policy sentence that best answers
    the question), then the rest of the quote, each sentence shown once. `avoid`: the
    sentence the question a follow-up follows was answered with; not led with again."""
    lines: list[str] = []
    shown: list[str] = []  # facts and sentences already in the reply, never repeated
    given: list[str] = []  # contact details the lead line gives
    if lead_with_contacts and contacts:
        lines.append(contact_line(contacts, prefer_out_of_hours=prefer_out_of_hours, when=when))
        given = [c.value for c in contacts]
    for disclaimer in disclaimers:
        lines.append(disclaimer_line(disclaimer, several=len(disclaimers) > 1))
        shown.append(disclaimer.text)
    first = True
    for passage in passages:
        quote = without_sentences(passage.quote, shown)
        # A sentence that only restates the contact line goes; one that also says whom
        # or when to contact ("refer the matter to the communications team (out of hours
        # call …)") is the answer, and stays.
        quote = without_sentences(quote, given, unless=lambda s: says_more_than(s, given))
        if first and not lines:
            lead = lead_sentence(quote, question, avoid=avoid)
            if lead:
                lines.append(f"**“{lead}”** (§{passage.chunk.section})")
                shown.append(lead)
                quote = without_sentences(quote, [lead])
            else:
                lines.append(f"{passage.label} covers this:")
        first = False
        if quote.strip(" …"):
            lines.append(_quote_block(quote, passage.label))
            shown += facts_in(quote)
    citations = citations_for(cited or passages)
    for disclaimer in reversed(disclaimers):
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


def phoned_contact(contacts: Sequence[Contact]) -> Contact | None:
    """The out-of-hours line when it applies: a report's steps lead with it."""
    return next((c for c in contacts if c.now and c.use == "out of hours"), None)


def report_contacts_line(contacts: Sequence[Contact]) -> str:
    """The contacts a report's steps do not already give, each named with its hours:
    out of hours the steps give the phone, and the business-hours email still follows
    ("who should I email?" at the weekend is answered too; the card is read on Monday)."""
    phoned = phoned_contact(contacts)
    if phoned is None:
        return contact_line(contacts)
    return other_contacts_line(contacts, phoned)


def other_contacts_line(contacts: Sequence[Contact], given: Contact) -> str:
    """Each contact but `given` (shown first, in bold, elsewhere), named with its hours."""
    rest = [c for c in contacts if c is not given]
    return " ".join(f"{contact_label(c)}: {contact_phrase(c)}." for c in rest)


def report_steps(
    kind: EscalationKind, contacts: Sequence[Contact], *, from_channel: bool = False
) -> list[str]:
    """What to do while the team picks a report up: phone out of hours, do not engage,
    and, for a safeguarding concern posted in a channel, delete that post."""
    steps: list[str] = []
    out_of_hours = phoned_contact(contacts)
    if out_of_hours is not None:
        # The hours named (the card stays in the chat); "also": the button is not enough.
        steps.append(f"{contact_label(out_of_hours)}: also **{contact_phrase(out_of_hours)}**.")
    steps.append(DO_NOT_ENGAGE[kind])
    if from_channel and kind == "safeguarding":
        steps.append(DELETE_YOUR_POST)
    return steps


def now_step(contacts: Sequence[Contact]) -> str | None:
    """ "**Now (out of hours): call 07968 149916.**": only for content rebuilt each time it
    is viewed (a Teams card's refresh), never for what stays in a chat."""
    current = next((c for c in contacts if c.now), None)
    if current is None:
        return None
    return f"**Now ({current.use}): {contact_phrase(current)}.**"


# Heads the check of the sender's own post under a report's reply.
CHECK_BESIDE_REPORT = "**Your post, checked as well:**"


def compose_escalation(
    kind: EscalationKind,
    passages: Sequence[Passage],
    contacts: Sequence[Contact],
) -> Reply:
    """The lead, what to do, and one quote: the policy's rule on reporting this kind."""
    lines = [_ESCALATION_LEAD[kind]]
    lines.append("\n".join(f"- {step}" for step in report_steps(kind, contacts)))
    if contacts and (line := report_contacts_line(contacts)):
        lines.append(line)
    shown = [c.value for c in contacts]
    for passage in passages[:1]:
        quote = without_sentences(passage.quote, shown) or passage.quote
        lines.append(_quote_block(quote, passage.label))
    return Reply(
        kind="escalation",
        text="\n\n".join(lines),
        citations=citations_for(passages[:1]),
        escalation=EscalationInfo(kind=kind, contacts=list(contacts), urgent=True),
    )


def with_draft_check(report: Reply, check: Reply) -> Reply:
    """A report that also carries the sender's own post: the report first (it is made
    whatever the check says), then the post's check under `CHECK_BESIDE_REPORT`."""
    return report.model_copy(
        update={
            "text": f"{report.text}\n\n{CHECK_BESIDE_REPORT}\n{check.text}",
            "citations": report.citations
            + [c for c in check.citations if c not in report.citations],
            "post_check": check.post_check,
        }
    )


def draft_check_of(reply: Reply) -> Reply | None:
    """The check a report's reply carries of the sender's post, as a reply of its own
    (the surfaces send it as a second message: a report's card is rebuilt by kind)."""
    if reply.escalation is None or reply.post_check is None:
        return None
    _, _, text = reply.text.partition(f"{CHECK_BESIDE_REPORT}\n")
    shown = {f.section for f in reply.post_check.findings}
    return Reply(
        kind="post_check",
        text=text or reply.text,
        citations=[c for c in reply.citations if c.section in shown],
        post_check=reply.post_check,
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
