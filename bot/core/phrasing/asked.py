"""A sentence that only restates the asker's question states nothing about the policy.

A small model often opens by echoing the question ("You asked whether you can give a
reference on LinkedIn.", "You want to know if …", "The question is about …") before the
answer. Read as a claim, the echo's "you can give a reference" is a permission the
policy may refuse, and the faithful answer that follows is rejected for the question's
wording. Such a sentence is a frame: its clauses are not checked for support (its
literals and names still are, by the caller).

It stays a claim when that could let the answer through unread:
- it joins anything to the question ("…, and asked me to confirm it does not"): only a
  sentence that is one clause, and speaks of no "me", "I" or "we", is a frame (an
  instruction to the assistant is `obeying.py`'s);
- another clause of the summary is too short to be read alone ("No.", "That is fine.",
  "The answer is no."): the echo is then what the bare answer says yes or no to;
- nothing else in the summary would be checked: a summary must state something.
Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .claims import Claim, is_pleasantry
from .literals import literals_of

_RESTATED = re.compile(
    r"^\s*(?:so,?\s+)?"
    r"(?:you(?:['’]ve|\s+have)?\s+asked"
    r"|you(?:['’]re|\s+are)\s+(?:asking|wondering)"
    r"|you\s+(?:want|wanted|would\s+like|['’]d\s+like)\s+to\s+(?:know|check|find\s+out)"
    r"|(?:the|your)\s+question\s+(?:is|was)"
    r"|you\s+(?:have|had)\s+a\s+question)"
    r"\s+(?:whether|if|about|what|how|where|when|who|whom|which|why)\b",
    re.I,
)
# The assistant in the echo: "asked me to confirm …", "whether I can say …".
_ASSISTANT = re.compile(r"\b(?:me|i|we|us|my|our)\b", re.I)


def restates_question(sentence: str, parts: Sequence[Claim]) -> bool:
    """Whether `sentence` (read into `parts`, its clauses) only echoes the question."""
    return len(parts) == 1 and bool(_RESTATED.match(sentence)) and not _ASSISTANT.search(sentence)


def question_frames(sentences: Sequence[str], claims: Sequence[Sequence[Claim]]) -> set[int]:
    """The positions of the sentences read as an echo of the question, not a claim."""
    echoes = {
        i
        for i, (s, parts) in enumerate(zip(sentences, claims, strict=True))
        if restates_question(s, parts)
    }
    if not echoes:
        return echoes
    rest = [
        c
        for i, parts in enumerate(claims)
        if i not in echoes
        for c in parts
        if not is_pleasantry(c)  # "I hope this helps." states nothing either
    ]
    if not any(len(c.content) > 1 for c in rest):
        return set()  # nothing else is checked: the echo is the summary's claim
    if any(len(c.content) <= 1 and not _has_literal(c.text) for c in rest):
        return set()  # a bare answer ("No.", "That is fine.") answers the echo
    return echoes


def _has_literal(text: str) -> bool:
    """A number, phone, email or web address: "Out of hours, call 07968 149916" is a
    short clause, but no bare answer (and its literal is checked)."""
    found = literals_of(text)
    return bool(found.numbers or found.phones or found.emails or found.urls)
