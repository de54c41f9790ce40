"""Triage: is this message a report of something that happened, and of which kind?

A report (a journalist *has* emailed me; a child on our page *posted* their address;
I'm *being* threatened) must reach the communications team (§3.1, §3.2, §3.2.1, §3.5).
A question about the same topics ("what if a journalist contacts me?") is answered from
the policy instead. Rules work clause by clause: a cue counts only when it is not
governed by a hypothetical ("if", "what if", "in case") or a negation, and never inside
a draft the person asks us to check.

Safeguarding is recall-first: its cues need no first-person object, the "if" guard is
lifted by realis words ("just", "tonight"), and it wins over the other kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core import triage_rules as r
from bot.core.models import EscalationKind

_NEGATION_WINDOW = 5  # tokens before a cue that can negate it ("no journalist has ...")


@dataclass(frozen=True)
class Triage:
    """The escalation kind (None: not a report) and the cue families that decided it."""

    escalation: EscalationKind | None
    reasons: tuple[str, ...] = ()


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"[ \t]+", " ", text).strip().lower()


def strip_draft(text: str) -> str:
    """Drop the draft a person asks us to check; keep what they say around it."""
    match = r.DRAFT_REQUEST.search(text)
    if not match:
        return text
    head, tail = text[: match.end()], text[match.end() :]
    tail = r.QUOTED.sub(" ", tail)
    if ":" in tail[:40]:
        tail = tail[: tail.index(":")]
    return head + tail


def clauses(text: str) -> list[str]:
    return [c.strip() for c in r.CLAUSE_SPLIT.split(text) if c and c.strip()]


def _guarded(clause: str, start: int, *, realis_lifts: bool) -> bool:
    """True when a hypothetical marker before `start` governs the cue."""
    before = r.NOT_HYPOTHETICAL.sub(" ", clause[:start])
    if not r.HYPOTHETICAL.search(before):
        return False
    return not (realis_lifts and r.REALIS.search(clause))


def _negated(clause: str, start: int, end: int | None = None) -> bool:
    tokens = clause[:start].split()[-_NEGATION_WINDOW:]
    inside = clause[start:end] if end is not None else ""
    return bool(r.NEGATION.search(" ".join(tokens)) or r.NEGATION.search(inside))


def _live(
    clause: str,
    patterns: Iterable[re.Pattern[str]],
    *,
    realis_lifts: bool = False,
    negation_inside: bool = True,
) -> bool:
    """Some pattern matches in the clause outside any hypothetical or negation."""
    for pattern in patterns:
        for m in pattern.finditer(clause):
            if _guarded(clause, m.start(), realis_lifts=realis_lifts):
                continue
            if _negated(clause, m.start(), m.end() if negation_inside else None):
                continue
            return True
    return False


def _media(parts: list[str], whole: str) -> bool:
    if not r.MEDIA_ACTOR.search(whole):
        return False
    return any(
        _live(c, r.MEDIA_EVENT)
        or (not r.INTERROGATIVE.search(c) and _live(c, (r.MEDIA_REQUEST,), realis_lifts=True))
        for c in parts
    )


def _harassment(parts: list[str]) -> bool:
    return any(_live(c, r.HARASS_EVENT) for c in parts)


def _talk_about(clause: str) -> bool:
    """A question or a topic statement with nothing that happened in it."""
    if r.EVENT.search(clause) or r.LOCATED.search(clause):
        return False
    return bool(r.INTERROGATIVE.search(clause) or r.TOPIC_TALK.search(clause))


def _safeguarding(parts: list[str], whole: str) -> str | None:
    families: list[tuple[str, tuple[re.Pattern[str], ...]]] = [
        ("self-harm", (r.SELF_HARM,)),
        ("extremism", (r.EXTREMISM,)),
        ("abuse-disclosure", (r.DISCLOSURE,)),
    ]
    if r.VULNERABLE.search(whole):
        families.append(("vulnerable-person-harm", r.VULNERABLE_HARM))
    for name, patterns in families:
        for clause in parts:
            if _talk_about(clause):
                continue
            if _live(clause, patterns, realis_lifts=True, negation_inside=False):
                return name
    return None


def classify(text: str) -> Triage:
    """Tell a report (media, safeguarding, harassment) from a question or a draft."""
    whole = strip_draft(normalise(text))
    parts = clauses(whole)
    if not parts:
        return Triage(None, ("empty",))
    family = _safeguarding(parts, whole)
    if family:
        return Triage("safeguarding", (f"safeguarding:{family}",))
    harassment = _harassment(parts)
    media = _media(parts, whole)
    # A journalist who threatens or abuses someone is harassment; one who asks is media.
    if harassment and (not media or r.HARASS_STRONG.search(whole)):
        return Triage("harassment", ("harassment:event",))
    if media:
        return Triage("media", ("media:actor", "media:contact-event"))
    return Triage(None, ("no-live-report-cue",))
