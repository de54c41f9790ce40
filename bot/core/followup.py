"""Follow-ups: "and on LinkedIn?", "what if it's my own account?", "and who do I ask?".

An elliptical message is read together with the question before it in the same thread;
a self-contained question is read alone. Pure: the thread's memory lives elsewhere.
"""

from __future__ import annotations

import re
from typing import Protocol

from .lexical import stem, words

MAX_CONTEXT_CHARS = 400


class ThreadStore(Protocol):
    """Where the previous question of a thread is kept (the database, in production)."""

    def previous(self, key: str) -> str | None: ...

    def remember(self, key: str, question: str) -> None: ...


_OPENERS = re.compile(
    r"^\s*(and|but|or|also|then|so|ok(ay)?,? and|what about|how about|what if|same for|"
    r"does that|is that|is it|can i do that|would that|and if|even if)\b",
    re.I,
)
_REFERS_BACK = re.compile(r"\b(it|that|this|there|them|those|same|one)\b", re.I)
SHORT = 3  # content words: "who do I ask?" has one


def refers_back(text: str) -> bool:
    return bool(_REFERS_BACK.search(text))


def is_follow_up(text: str) -> bool:
    content = words(text)
    if _OPENERS.search(text):
        return len(content) <= 8
    if len(content) <= SHORT:
        return True
    return len(content) <= 5 and refers_back(text)


_FIRST_QUESTION = re.compile(r"^[^?.!]*\?")


def opens_with_follow_up(text: str) -> bool:
    """ "And during the working day? Is that a phone number as well, or email only?": the
    message opens with an elliptical question, however much it says after it."""
    first = _FIRST_QUESTION.match(text.strip())
    return (
        first is not None and is_follow_up(first.group()) and bool(_OPENERS.search(first.group()))
    )


def latest_turn(question: str, context: str | None) -> str | None:
    """A follow-up's own words, when `question` is it joined to `context` (None when the
    question was read alone, or rewritten)."""
    head = (context or "").strip()
    if not head or not question.startswith(head):
        return None
    return question[len(head) :].strip() or None


def _swap_name(text: str, previous: str, names: frozenset[str]) -> str | None:
    """ "and on LinkedIn?" after "can I set up a twitter account for my team?" asks the same
    question of another name the policy lists: put the new name in the old one's place."""
    new = [w for w in re.findall(r"[\w'-]+", text) if w.lower() in names]
    old = [w for w in re.findall(r"[\w'-]+", previous) if w.lower() in names]
    rest = [w for w in words(text) if w.lower() not in names]
    if len(new) != 1 or not old or new[0].lower() in {w.lower() for w in old} or len(rest) > 1:
        return None
    return re.sub(rf"\b{re.escape(old[0])}\b", new[0], previous, count=1)


# Words that lean on an earlier turn: "what abt", "ok, what about", "her", "then", "there".
_LEANS_BACK = re.compile(
    r"^\s*(ok(ay)?|lovely|great|cool|thanks|right|and|but|so|also)\b|\b(what|how) (abt|about)\b|"
    r"\b(it|that|this|there|them|those|same|he|she|him|her|they|then|instead)\b|"
    # "what's the exact text I have to add?": the text of what was just discussed.
    r"\bthe (exact |precise |actual )?(text|wording|words)\b",
    re.I,
)
LEANING = 8  # content words: longer messages carry their own subject
# "Would the position be any different for a YouTube channel showing …?": a comparison
# with what was just asked, however long the message.
_COMPARES_BACK = re.compile(
    r"\b(?:any|much|be|is it|it be) different\b|\bthe same (?:for|if|when|on|with)\b|"
    r"\bsame (?:rules?|wording|applies|apply)\b|\bthe position\b",
    re.I,
)


def compares_back(text: str) -> bool:
    return bool(_COMPARES_BACK.search(text))


# "and if its a linkedin post … not a blog?": a contrast or a misspelt "it's" leans on
# the turn before as much as "it" does.
_CONTRASTS_BACK = re.compile(r"\b(its|instead|too|either|as well|also|not an?)\b", re.I)


def points_back(text: str) -> bool:
    """Whether any word of the message leans on the turn before it."""
    return refers_back(text) or compares_back(text) or bool(_CONTRASTS_BACK.search(text))


def leans_on_previous(text: str) -> bool:
    """A message that reads as part of a conversation though not elliptical by form
    ("Lovely. Is there a set form of words I need to put at the end?")."""
    return compares_back(text) or (len(words(text)) <= LEANING and bool(_LEANS_BACK.search(text)))


# "the completed form", "that form", "which address": a thing named as already known.
_DEFINITE = re.compile(
    r"\b(?:the|that|this|those|these|which)\s+(?:[a-z-]+\s+)?([a-z]{3,})\b", re.I
)


def names_something_from(text: str, said: frozenset[str]) -> bool:
    """Whether the message names, as something already known ("where does the
    completed form go?"), a thing the thread's answer spoke of (`said`: its word stems)."""
    return any(stem(m.group(1).lower()) in said for m in _DEFINITE.finditer(text))


def in_context(text: str, previous: str, names: frozenset[str] = frozenset()) -> str:
    """The follow-up read with the question it follows (what retrieval and intents see).

    `names`: the names the policy lists (platforms), lower-case.
    """
    swapped = _swap_name(text, previous, names)
    if swapped is not None:
        return swapped
    joined = f"{previous.strip()} {text.strip()}"
    # A long chain of follow-ups keeps its latest turns: they say what is being asked now.
    return (
        joined[-MAX_CONTEXT_CHARS:].split(" ", 1)[-1] if len(joined) > MAX_CONTEXT_CHARS else joined
    )
