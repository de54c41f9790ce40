"""Triage: is this message a report of something that happened, and of which kind?

A report (a journalist *has* emailed me; a child on our page *posted* their address;
I'm *being* threatened) must reach the communications team (§3.1, §3.2, §3.2.1, §3.5).
A question about the same topics ("what if a journalist contacts me?") is answered from
the policy instead. Rules work clause by clause: a cue counts only when it is not
governed by a hypothetical ("if", "what if", "in case") or a negation, and never inside
a draft the person asks us to check.

Guards look only at the words before the first reported-speech marker: an "if" inside
what a child wrote belongs to the child. A clause set a year or more back, or a matter
comms already handled, is history; reading about a case in the news is talk.

Safeguarding is recall-first: its cues need no first-person object, the "if" guard is
lifted by realis words ("just sent", "tonight"), history needs both an old date and a
handled matter, and it wins over the other kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core import triage_mood as mood
from bot.core import triage_rules as r
from bot.core import triage_safeguarding as sg
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


def _governing(clause: str, start: int) -> str:
    """The words before a cue that can govern it: up to the first reported-speech marker."""
    before = clause[:start]
    speech = mood.REPORTING.search(before)
    return before[: speech.start()] if speech else before


def _guarded(clause: str, start: int, *, realis_lifts: bool, modal: bool = False) -> bool:
    """True when a hypothetical (or, for `modal`, an irrealis) marker governs the cue."""
    before = r.NOT_HYPOTHETICAL.sub(" ", _governing(clause, start))
    if r.HYPOTHETICAL.search(before) and not (realis_lifts and r.REALIS.search(clause)):
        return True
    return modal and bool(mood.IRREALIS.search(before))


def _historic(clause: str, whole: str, *, need_resolved: bool) -> bool:
    """The clause tells of something long past (and, if asked, already handled)."""
    if mood.ONGOING.search(clause) or r.REALIS.search(clause):
        return False
    resolved = bool(mood.RESOLVED.search(whole))
    if mood.DISTANT_PAST.search(clause):
        return resolved or not need_resolved
    return resolved and not need_resolved


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
    modal: bool = False,
    own_step: bool = False,
) -> bool:
    """Some pattern matches in the clause outside any hypothetical or negation."""
    for pattern in patterns:
        for m in pattern.finditer(clause):
            if _guarded(clause, m.start(), realis_lifts=realis_lifts, modal=modal):
                continue
            if own_step and _own_step(clause, m.start()):
                continue
            if _negated(clause, m.start(), m.end() if negation_inside else None):
                continue
            return True
    return False


def _actor_contacts(clause: str) -> bool:
    """An outlet or journalist is the subject of a contact verb, said as fact."""
    for actor in r.MEDIA_ACTOR.finditer(clause):
        verb = r.MEDIA_CONTACT_AFTER_ACTOR.search(clause[actor.end() : actor.end() + 100])
        if not verb:
            continue
        span = clause[actor.start() : actor.end() + verb.end()]
        if r.TO_READER.match(clause, actor.end() + verb.end()):
            continue  # "a reporter has rung you": a scenario put to the reader
        if _guarded(clause, actor.start(), realis_lifts=False, modal=True):
            continue
        if _negated(clause, actor.start()) or r.NEGATION.search(span):
            continue
        if r.HYPOTHETICAL.search(span) or mood.IRREALIS.search(span):
            continue
        if r.INTERROGATIVE.search(clause) and not r.MEDIA_PAST_CONTACT.search(span):
            continue
        return True
    return False


def _media(parts: list[str], whole: str) -> bool:
    if r.ACADEMIC.search(whole) and not r.PRESS_WORD.search(whole):
        return False
    parts = [r.MEDIA_COVERAGE.sub(" ", c) for c in parts]
    if not any(r.MEDIA_ACTOR.search(c) for c in parts):
        return False
    for c in parts:
        if _historic(c, whole, need_resolved=False):
            continue
        if _live(c, r.MEDIA_EVENT, modal=True):
            return True
        if not r.INTERROGATIVE.search(c) and _live(
            c, (r.MEDIA_REQUEST,), realis_lifts=True, modal=True
        ):
            return True
        if not mood.NEWS_TALK.search(c) and _actor_contacts(c):
            return True
    return False


def _about_others(clause: str) -> bool:
    """A question with no first person in it asks about harassment in general."""
    return bool(r.INTERROGATIVE.search(clause)) and not r.FIRST_PERSON.search(clause)


def _harassment(parts: list[str], whole: str) -> bool:
    return any(
        _live(c, r.HARASS_EVENT, modal=True)
        for c in parts
        if not (
            mood.NEWS_TALK.search(c)
            or mood.READ_ABOUT.search(c)
            or _about_others(c)
            or _historic(c, whole, need_resolved=False)
        )
    )


def _own_step(clause: str, start: int) -> bool:
    """The cue is the action the person asks permission for ("is it ok to meet up ...")."""
    opener = mood.PERMISSION_Q.search(clause)
    return opener is not None and len(clause[opener.end() : start].split()) <= 3


def _talk_about(clause: str) -> bool:
    """A question or a topic statement with nothing that happened in it."""
    if r.EVENT.search(clause) or r.LOCATED.search(clause):
        return False
    return bool(r.INTERROGATIVE.search(clause) or r.TOPIC_TALK.search(clause))


def _safeguarding(parts: list[str], whole: str) -> str | None:
    families: list[tuple[str, tuple[re.Pattern[str], ...]]] = [
        ("self-harm", (sg.SELF_HARM,)),
        ("extremism", (sg.EXTREMISM,)),
        ("abuse-disclosure", (sg.DISCLOSURE,)),
    ]
    if sg.VULNERABLE.search(whole):
        families.append(("vulnerable-person-harm", sg.VULNERABLE_HARM))
    # The catch-all does not count the person's own children: "they know where my kids go
    # to school" is a threat to staff (harassment), "my kids want photos" is family life.
    if sg.VULNERABLE.search(sg.OWN_FAMILY.sub(" ", whole)):
        families.append(("vulnerable-person-concern", (sg.CONCERN,)))
    for name, patterns in families:
        for clause in parts:
            if (
                _talk_about(clause)
                or mood.NEWS_TALK.search(clause)
                or sg.TOPIC_ABOUT.search(clause)
            ):
                continue
            if _historic(clause, whole, need_resolved=True):
                continue
            if _live(clause, patterns, realis_lifts=True, negation_inside=False, own_step=True):
                return name
    return None


def classify(text: str) -> Triage:
    """Tell a report (media, safeguarding, harassment) from a question or a draft."""
    whole = strip_draft(normalise(text))
    parts = clauses(whole)
    if not parts:
        return Triage(None, ("empty",))
    if mood.SCENARIO.search(parts[0]):
        return Triage(None, ("scenario",))
    family = _safeguarding(parts, whole)
    if family:
        return Triage("safeguarding", (f"safeguarding:{family}",))
    harassment = _harassment(parts, whole)
    media = _media(parts, whole)
    # A journalist who threatens or abuses someone is harassment; one who asks is media.
    if harassment and (not media or r.HARASS_STRONG.search(whole)):
        return Triage("harassment", ("harassment:event",))
    if media:
        return Triage("media", ("media:actor", "media:contact-event"))
    return Triage(None, ("no-live-report-cue",))
