"""One reply design for every surface: what a person must do or know first, then the one
quote that supports it, then the rest collapsed.

`Layout` is built from a `Reply` (and, for a report, its state) by pure functions; the
Slack and Teams renderers only decide how each part looks. Rules every surface keeps:
no sentence shown twice, a contact number at most once, no "now" in what stays in a
chat, the reporter's words and drafts shown as plain text (`words`, never markdown).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .asked_facts import facts_in
from .compose import now_step, other_contacts_line, report_contacts_line, report_steps
from .models import Citation, EscalationKind, PostCheck, Reply
from .phrasing.display import body_text, summary_label
from .sentences import without_sentences

REPORT_TITLES: dict[str, str] = {
    "media": "Media approach",
    "safeguarding": "Safeguarding concern",
    "harassment": "Online harassment",
}
SENT_STATUS = "Sent to the comms team, report #{id}."
SENT_FOLLOW_UP = "I'll tell you here when they pick it up."
HELD_STATUS = "Not sent yet. Only the comms team will see it."
ALERT_LABEL = "Alert the comms team"  # 20 characters: Teams does not wrap button text


@dataclass(frozen=True)
class Quote:
    section: str
    title: str
    text: str  # "" when only the section is named (its words are shown elsewhere)

    @property
    def label(self) -> str:
        return f"§{self.section} {self.title}".strip()


@dataclass(frozen=True)
class ReportState:
    """Where a report stands for the person who made it."""

    escalation_id: int
    sent: bool
    from_channel: bool = False  # reported in a channel colleagues can read
    words: str | None = None  # their own words, shown back as their record (forms)
    # Rebuilt each time it is viewed (Teams' card refresh): it may say what applies "now".
    live: bool = False


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str | None = None
    report_kind: str | None = None
    status: str | None = None  # a report's state, first
    alert_id: int | None = None  # a held report: what the one button sends
    lead: list[str] = field(default_factory=list)  # our markdown: what to do or know
    # A generated summary, checked against the quotes (optional model), and its label.
    summary: str | None = None
    summary_label: str | None = None
    steps: list[str] = field(default_factory=list)
    contacts: str | None = None
    quote: Quote | None = None
    more: list[Quote] = field(default_factory=list)  # other sources, collapsed
    notes: list[str] = field(default_factory=list)
    words: str | None = None  # untrusted text (a report, a draft): plain, never markdown
    words_label: str | None = None


def _quote_paragraph(paragraph: str) -> tuple[str, str] | None:
    lines = paragraph.splitlines()
    if not lines or not all(line.startswith(">") for line in lines):
        return None
    body = [line[1:].strip() for line in lines]
    label = next((b[2:].strip() for b in body if b.startswith("— ")), "")
    words = " ".join(b for b in body if b and not b.startswith("— "))
    return words, label


def _quote_for(label: str, words: str, citations: list[Citation]) -> Quote:
    match = next((c for c in citations if f"§{c.section} {c.title}".strip() == label), None)
    if match is None:
        section, _, title = label.removeprefix("§").partition(" ")
        return Quote(section=section, title=title, text=words)
    return Quote(section=match.section, title=match.title, text=words)


def _shown_facts(texts: list[str]) -> list[str]:
    return [fact for text in texts for fact in facts_in(text)]


def answer_layout(reply: Reply) -> Layout:
    """An answer, a not-covered reply or small talk: its lead, one quote, other sources."""
    lead: list[str] = []
    notes: list[str] = []
    quotes: list[Quote] = []
    for paragraph in (p.strip() for p in body_text(reply).split("\n\n")):
        if not paragraph:
            continue
        parsed = _quote_paragraph(paragraph)
        if parsed is not None:
            quotes.append(_quote_for(parsed[1], parsed[0], reply.citations))
        elif quotes:
            notes.append(paragraph)
        else:
            lead.append(paragraph)
    quoted = {q.section for q in quotes}
    shown = [*lead, *(q.text for q in quotes)]
    for citation in reply.citations:
        if citation.section in quoted:
            continue
        # A further source's words, less any sentence or number the reply already shows.
        text = without_sentences(citation.quote, _shown_facts(shown) + lead)
        quotes.append(Quote(section=citation.section, title=citation.title, text=text))
        shown.append(text)
        quoted.add(citation.section)
    phrased = bool(reply.summary and reply.phrased_by)
    return Layout(
        kind=reply.kind,
        lead=lead,
        summary=reply.summary if phrased else None,
        summary_label=summary_label(reply.phrased_by) if reply.phrased_by and phrased else None,
        quote=quotes[0] if quotes else None,
        more=quotes[1:],
        notes=notes,
    )


def report_layout(reply: Reply, state: ReportState) -> Layout:
    """A report's card: its status (or the one button), what to do, one quote."""
    assert reply.escalation is not None
    kind: EscalationKind = reply.escalation.kind
    contacts = reply.escalation.contacts
    steps = report_steps(kind, contacts, from_channel=state.from_channel)
    line = report_contacts_line(contacts) or None
    current = now_step(contacts) if state.live else None
    if current is not None:
        # The contact that applies as it is read, in place of the hours-named ones.
        steps = [current, *report_steps(kind, (), from_channel=state.from_channel)]
        now = next(c for c in contacts if c.now)
        line = other_contacts_line(contacts, now) or None
    quote = None
    if reply.citations:
        first = reply.citations[0]
        text = without_sentences(first.quote, [c.value for c in contacts]) or first.quote
        quote = Quote(section=first.section, title=first.title, text=text)
    if state.sent:
        status = f"{SENT_STATUS.format(id=state.escalation_id)} {SENT_FOLLOW_UP}"
    else:
        status = HELD_STATUS
    return Layout(
        kind="escalation",
        title=REPORT_TITLES.get(kind, kind.title()),
        report_kind=kind,
        status=status,
        alert_id=None if state.sent else state.escalation_id,
        steps=steps,
        contacts=line,
        quote=quote,
        words=state.words,
        words_label="What you sent" if state.words else None,
    )


def post_check_layout(reply: Reply, draft: str | None = None) -> Layout:
    """A draft check: the verdict first; findings are rendered by each surface; the
    person's draft is kept in the reply so a check never loses it."""
    first = reply.text.strip().split("\n", 1)[0]
    return Layout(
        kind="post_check",
        lead=[first],
        words=draft,
        words_label="Your draft" if draft else None,
    )


def finding_lines(check: PostCheck) -> list[tuple[str, str, str]]:
    """(section, explanation, fix) per finding, with any wording the corrected draft
    already shows (the disclaimer) named rather than repeated."""
    corrected = check.corrected_draft or ""
    out = []
    for finding in check.findings:
        explanation, fix = finding.explanation, finding.fix
        for wording in facts_in(f"{explanation} {fix}"):
            if corrected and wording.strip("‘’“”") in corrected:
                explanation = explanation.replace(wording, "(the wording in the corrected draft)")
                fix = fix.replace(wording, "(shown in the corrected draft)")
        out.append((finding.section, explanation, fix))
    return out
