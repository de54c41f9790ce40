"""Split policy text into sentences, never inside a quotation.

The policy prescribes wordings in quotation marks (§3.4's disclaimer is two sentences:
"‘This reference is being made by me in a personal capacity. It is not intended …’").
Cut at the inner full stop, a reply would quote half the wording and mark the rest
with an ellipsis: a person copying it would copy the wrong text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .lexical import STOP_WORDS

# A sentence ends at . ; ! ? (or one of them and a closing quote) before the capital,
# opening quote or bracket that begins the next.
_BOUNDARY = re.compile(r"(?:(?<=[.;!?])|(?<=[.;!?][’”'\"]))\s+(?=[A-Z‘“'\"(])")
# A quoted span: curly or straight quotes, opened after a non-word character and closed
# before one, so the apostrophe in "doesn't" or "LinkedIn’s" neither opens nor closes it.
# Bounded, so a stray opening mark cannot swallow a whole section.
_QUOTED = re.compile(
    r"(?<!\w)(?:‘[^\n]{1,600}?’|“[^\n]{1,600}?”|'(?=\S)[^\n]{1,600}?(?<=\S)'"
    r"|\"(?=\S)[^\n]{1,600}?(?<=\S)\")(?!\w)"
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`."""
    return [m.span() for m in _QUOTED.finditer(text)]


def split_outside_quotes(text: str, boundary: re.Pattern[str]) -> list[str]:
    """`text` cut at each match of `boundary` that is not inside a quotation."""
    spans = quoted_spans(text)
    out: list[str] = []
    start = 0
    for match in boundary.finditer(text):
        if any(begin < match.start() < end for begin, end in spans):
            continue
        out.append(text[start : match.start()])
        start = match.end()
    out.append(text[start:])
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped; a quotation stays whole inside its sentence."""
    return [s.strip() for s in split_outside_quotes(text, _BOUNDARY) if s.strip()]


def without_sentences(
    text: str, drop: Sequence[str], *, unless: Callable[[str], bool] | None = None
) -> str:
    """`text` less the sentences that hold any of `drop` (a sentence already shown, a
    phone number the card gives elsewhere), except those `unless` keeps; cuts are
    marked with an ellipsis."""
    parts = split_sentences(text)
    kept = [
        i
        for i, p in enumerate(parts)
        if not any(d and d in p for d in drop) or (unless is not None and unless(p))
    ]
    if len(kept) == len(parts):
        return text
    out = ""
    for position, i in enumerate(kept):
        gap = position > 0 and kept[position - 1] != i - 1
        out += (" … " if gap else " ") + parts[i]
    if not out.strip():
        return ""
    prefix = "… " if kept[0] != 0 and not parts[kept[0]].startswith("…") else ""
    suffix = " …" if kept[-1] != len(parts) - 1 and not out.endswith("…") else ""
    return (prefix + out.strip() + suffix).strip()


# Words that frame a contact detail without adding to it ("During business hours email
# …, and out of hours call …").
_CONTACT_FRAME = frozenset(
    [
        "during",
        "business",
        "office",
        "working",
        "hours",
        "hour",
        "out",
        "of",
        "outside",
        "email",
        "e-mail",
        "call",
        "phone",
        "ring",
        "contact",
        "on",
        "via",
        "at",
        "or",
        "and",
        "the",
        "please",
    ]
)
# Content words beyond the frame that make a sentence more than a contact detail.
SAYS_MORE_WORDS = 3


def says_more_than(sentence: str, facts: Sequence[str]) -> bool:
    """Whether `sentence` says more than the `facts` (contact details) it holds."""
    rest = sentence
    for fact in facts:
        rest = rest.replace(fact, " ")
    words = re.findall(r"[a-z][a-z'’-]*", rest.lower())
    return sum(w not in _CONTACT_FRAME and w not in STOP_WORDS for w in words) >= SAYS_MORE_WORDS
