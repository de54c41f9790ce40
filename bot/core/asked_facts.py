"""The facts a person asks for by kind: a contact, a prescribed wording, a form, a name.

Whether a question asks for one and whether a policy text holds one. A quote keeps such
a fact whole or leaves it out (`quoting.py`), and the passage holding it is quoted first
(`passages.py`): "what's the other policy's name?" is answered by the sentence naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexical import STOP_WORDS

# Whom to approach, whatever the verb and however hedged: "who do I pass it to?", "who
# am I supposed to tell?", "who would I need to loop in?".
WHOM_TO_APPROACH = (
    r"who(m)? (am|are|do|should|can|could|would|must|will|shall) (i|we)\b[^?.!]{0,30}?\b"
    r"(tell|contact|ask|approach|pass|send|forward|report|notify|inform|speak|talk|go|turn|"
    r"loop|let|e-?mail|ring|call|get in touch)"
)
# Facts a person asks for by kind, quoted whole or not at all: an email address, a phone
# number, a prescribed wording in quotes, a named form.
_FACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{0,4}\b|[‘“][^’”]{25,}[’”]"
    r"|\b[A-Z][\w ]{3,60}\bform\b",
)
# A named document, body or role: three or more words, the first and last capitalised
# ("HRA Acceptable Use of ICT User Obligations Policy", "Director for Policy and
# Partnerships", "Freedom to Speak up Guardian").
_NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|and|to|up|on|the|\d{4})){2,9}\b")
_ASKS_FACT = re.compile(
    r"\b(e-?mail|address|phone|number|call|ring|contact|disclaimer|wording|words?|say|"
    r"form|checklist|paste|who (do|should|can) i)\b",
    re.I,
)
_ASKS_NAME = re.compile(
    r"\b(names?|called|titled?|which (pieces? of )?(polic(y|ies)|documents?|acts?|laws?|legislation|"
    r"statutes?|regulations?|guidance|role|person|team)|"
    r"what (polic(y|ies)|documents?|acts?|laws?|legislation|statutes?|role)|"
    r"who (owns|is|are|'s|leads|signs|approves)|"
    r"who(['’]?s)? (\w+ly )?(in charge|responsible|accountable)|who \w+ (owns|leads|runs)|"
    r"who(['’]?s)?\b[^?]{0,40}\b(go|speak|talk|turn) to|"
    # "who do I contact first?", "who am I supposed to tell?": a person or team by name
    rf"{WHOM_TO_APPROACH}|(first|1st) port of call)\b",
    re.I,
)
# "…or is that a different policy, which one is it?": "which one" asks for a name when
# the question is about a document.
_WHICH_ONE = re.compile(r"\bwhich (one|ones)\b", re.I)
_ABOUT_A_DOCUMENT = re.compile(
    r"\b(polic(y|ies)|documents?|acts?|laws?|legislation|forms?)\b", re.I
)


def _asks_name(query: str) -> bool:
    return bool(
        _ASKS_NAME.search(query) or (_WHICH_ONE.search(query) and _ABOUT_A_DOCUMENT.search(query))
    )


# Whom to approach, not who holds a post: a team answers it ("the communications team
# and/or their line manager", "the HRA IT team"), as a named role does.
_ASKS_WHOM = re.compile(
    rf"\b(who(['’]?s)?\b[^?]{{0,40}}\b(go|speak|talk|turn) to|{WHOM_TO_APPROACH}|(first|1st) port of call)\b",
    re.I,
)
_TEAM = re.compile(r"\b[\w-]+ team\b|\bline manager\b", re.I)


# Two capitalised words side by side name one thing ("Chief Executive", "HRA Atlas");
# joined by "and" they are two ("Twitter and LinkedIn"), and "The HRA" is one word.
_PAIR = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+\b")
_ASKS_ROLE = re.compile(r"\b(who(['’]?s)?|which (role|person|post)|what (role|post))\b", re.I)


# A document answers "which policy?", not "who?": "who owns it?" is not answered by the
# sentence naming the "HRA Disciplinary Policy".
_DOCUMENT = re.compile(r"\b(polic(y|ies)|procedures?|schedule|act|assessment|plan)$", re.I)
# Nor is "who's in charge?" answered by a body's name ("Research Ethics Committee"): a post
# holds charge. Whom to approach may be a body ("the IT Service Desk"), so only the role.
_BODY = re.compile(r"\b(committees?|groups?|boards?|panels?|authority|members)$", re.I)


# "Which pieces of legislation does it name?" is answered by an Act's name, not by any
# three capitalised words ("Lasting Power of Attorney").
_ASKS_LAW = re.compile(
    r"\b(which|what|name)\b[^?]{0,30}\b(acts?|laws?|legislation|statutes?|regulations?)\b", re.I
)
_LAW = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(Act|Regulations?|Order)\b")


@dataclass(frozen=True)
class Asked:
    """Which kinds of fact a question asks for: read once per question, then matched
    against many passages."""

    fact: bool  # a contact, wording or form
    name: bool  # a named document, body or role
    whom: bool  # whom to approach (a team answers it)
    role: bool  # who holds a post
    law: bool = False  # an Act or regulations by name

    @property
    def anything(self) -> bool:
        return self.fact or self.name


@lru_cache(maxsize=512)
def asked(query: str) -> Asked:
    """Read once per question: passage choice asks it of every passage it weighs."""
    whom = bool(_ASKS_WHOM.search(query))
    return Asked(
        fact=bool(_ASKS_FACT.search(query)),
        name=_asks_name(query),
        whom=whom,
        # "Who should I talk to?" is answered by a team or a named role, not by any two
        # capitalised words ("HRA Atlas"): only who holds a post reads pairs as roles.
        role=bool(_ASKS_ROLE.search(query)) and not whom,
        law=bool(_ASKS_LAW.search(query)),
    )


def _holds_name(text: str, kinds: Asked) -> bool:
    if kinds.law:
        return bool(_LAW.search(text))
    if kinds.whom and _TEAM.search(text):
        return True
    # Whom to approach or who holds a post: a person, team or role, not a document.
    if kinds.role or kinds.whom:
        text = _NAME.sub(lambda m: "" if _not_a_post(m.group(0), kinds) else m.group(0), text)
    # Three capitalised words at least: "Twitter and LinkedIn" is two names, not one.
    if any(sum(w[:1].isupper() for w in m.group(0).split()) >= 3 for m in _NAME.finditer(text)):
        return True
    # A role is often two words ("Chief Executive"); a document or body rarely is.
    return kinds.role and any(
        m.group(0).split()[0].lower() not in STOP_WORDS and not _DOCUMENT.search(m.group(0))
        for m in _PAIR.finditer(text)
    )


# "What is the formal title of the document?", "the policy's proper name": its title is
# the first line of its front matter (§0), which no pattern for names would find.
_ASKS_TITLE = re.compile(
    r"\b(title|called|name)\b[^?.]{0,30}\b(this|the|that|our)\s+(doc(ument)?|policy|guidance)\b|"
    r"\b(doc(ument)?|policy)(['’]s)?\s+((proper|formal|full|exact|official)\s+)?(title|name)\b|"
    r"\bwhat(['’]s| is)\s+(this|the)\s+(doc(ument)?|policy)\s+(actually\s+)?called\b",
    re.I,
)


def asks_title(query: str) -> bool:
    """Whether `query` asks what the document itself is called."""
    return bool(_ASKS_TITLE.search(query))


def _not_a_post(name: str, kinds: Asked) -> bool:
    return bool(_DOCUMENT.search(name) or (kinds.role and _BODY.search(name)))


def asks_a_fact(query: str) -> bool:
    """Whether `query` asks for a contact, wording, form or name at all."""
    return bool(_ASKS_FACT.search(query) or _asks_name(query))


def holds_fact(text: str, query: str) -> bool:
    """Whether `text` holds the kind of fact `query` asks for (a contact, wording, form
    or a named document or role)."""
    return holds_asked(text, asked(query))


def holds_asked(text: str, kinds: Asked) -> bool:
    """`holds_fact` with the question already read."""
    # "Which data protection legislation does it refer to?" asks for an Act by name though
    # no pattern for names reads "which data protection legislation" as asking one.
    named = (kinds.name or kinds.law) and _holds_name(text, kinds)
    return bool((kinds.fact and _FACT.search(text)) or named)


# "What do I need to add to it?", "what do I put at the bottom?": after an answer that
# named a wording, a follow-up asking what to add asks for that wording.
_ASKS_WHAT_TO_ADD = re.compile(
    r"\b(what|anything|something)\b[^?]{0,40}\b(add|put|include|write|paste)\b|"
    r"\b(add|put|include)\b[^?]{0,20}\b(anything|something)\b",
    re.I,
)


def holds_exact_fact(text: str, query: str) -> bool:
    """`holds_fact` less names: a contact, wording or form asked for (a follow-up that
    asks "who is accountable for …?" asks for another name than the one given)."""
    asks = _ASKS_FACT.search(query) or _ASKS_WHAT_TO_ADD.search(query)
    return bool(asks and _FACT.search(text))


def facts_in(text: str) -> list[str]:
    """The contact details, quoted wordings and form names a quote holds."""
    return _FACT.findall(text)


def fact_spans(text: str) -> list[tuple[int, int]]:
    """Where in `text` its contact details, quoted wordings and form names lie."""
    return [m.span() for m in _FACT.finditer(text)]
