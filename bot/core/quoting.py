"""Cut one policy text into a quote that still says what the policy says.

Cuts fall only at sentence boundaries (an ellipsis marks one), the facts a person asks
for are kept whole (`asked_facts.py`), and a bullet keeps the opening line of its list
("Staff must not set up"), without which it reads as the opposite of the rule. Text in,
text out: which passages a reply quotes is chosen in `passages.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.records import Chunk

from .asked_facts import fact_spans, holds_fact
from .lexical import tokenize
from .sentences import quoted_spans, split_sentences

MAX_QUOTE_CHARS = 420
MIN_QUOTE_CHARS = 120


def sentences(text: str) -> list[str]:
    return split_sentences(text)


def _overlap(query_terms: set[str], sentence: str) -> int:
    return len(query_terms & set(tokenize(sentence)))


def trim_quote(
    text: str, query: str, limit: int = MAX_QUOTE_CHARS, avoid: str | None = None
) -> str:
    """The sentences of `text` that best match `query`, in their order, within `limit`;
    `avoid` (a sentence the thread has been given) last."""
    text = text.strip()
    if len(text) <= limit:
        return text
    parts = sentences(text)
    terms = set(tokenize(query))
    facts = [holds_fact(p, query) for p in parts]
    ranked = sorted(
        range(len(parts)),
        key=lambda i: (parts[i] == avoid, -facts[i], -_overlap(terms, parts[i]), i),
    )
    chosen: list[int] = []
    used = 0
    for i in ranked:
        if used + len(parts[i]) > limit and chosen:
            continue
        chosen.append(i)
        used += len(parts[i]) + 1
    chosen.sort()
    if len(chosen) == 1 and len(parts[chosen[0]]) > limit and not facts[chosen[0]]:
        # One sentence longer than the limit: cut at a word, and say so (never a fact).
        return _cut_outside_facts(parts[chosen[0]], limit)
    out = ""
    for position, i in enumerate(chosen):
        gap = position > 0 and chosen[position - 1] != i - 1
        out += (" … " if gap else " ") + parts[i]
    prefix = "… " if chosen[0] != 0 else ""
    suffix = " …" if chosen[-1] != len(parts) - 1 else ""
    return (prefix + out.strip() + suffix).strip()


def _cut_outside_facts(sentence: str, limit: int) -> str:
    """`sentence` cut at a word before `limit`, then back to before any quotation or
    contact the cut would halve: half a prescribed wording is worse than none."""
    cut = len(sentence[:limit].rsplit(" ", 1)[0])
    wholes = [*quoted_spans(sentence), *fact_spans(sentence)]
    for begin, end in sorted(wholes, reverse=True):
        if begin < cut < end:
            cut = len(sentence[:begin].rstrip())
    if cut < MIN_QUOTE_CHARS // 2:
        return sentence  # too little would be left: quote it whole
    return sentence[:cut].rstrip(" ,;:") + " …"


def _ends_with(text: str, marks: tuple[str, ...]) -> bool:
    # A sentence may end inside its closing quote: "… from the HRA.’"
    return text.rstrip().rstrip("’”'\"").endswith(marks)


def is_stem(text: str) -> bool:
    # "Staff must not set up" opens the bullets after it: a bullet quoted without it
    # reads as the opposite of the rule.
    return len(text) < 80 and not _ends_with(text, (".", ";", "!", "?", ":"))


def is_lead_in(text: str) -> bool:
    # "The following guidance gives some general rules ...:" says nothing by itself.
    return text.rstrip().endswith(":") and len(text) < 160


def _reads_as_paragraph(text: str) -> bool:
    # Bullets here open in lower case or end without a full stop; a paragraph does both.
    return text[:1].isupper() and _ends_with(text, (".", "!", "?"))


def list_stem(chunk: Chunk, preceding: Callable[[Chunk], Chunk | None], *, reach: int = 16) -> str:
    """The opening line of the list `chunk` is a bullet of ("Staff must not set up",
    "… you should also:"), its last sentence only; "" when `chunk` is no bullet. Quoted
    without it, "unauthorised 'official' blogs" loses the "must not" it hangs on."""
    if _reads_as_paragraph(chunk.text.strip()):
        return ""
    before = preceding(chunk)
    for _ in range(reach):
        if before is None:
            return ""
        text = before.text.strip()
        # A short line with no full stop opens a list only if it opens with a capital:
        # bullets here start in lower case ("don't accept 'friend' requests …").
        if text.endswith(":") or (is_stem(text) and text[:1].isupper()):
            return sentences(text)[-1]
        if _reads_as_paragraph(text):
            return ""
        before = preceding(before)
    return ""


# A sentence that opens with one of these leans on the one before it ("For example, …"),
# so it cannot lead a reply on its own.
_LEANS_ON_BEFORE = re.compile(
    r"^(…|\.\.\.|for example|for instance|however|this|these|that|those|it|they|such|also|"
    r"and|but|or|as well)\b",
    re.I,
)


def lead_sentence(text: str, query: str, avoid: str | None = None) -> str | None:
    """The sentence of a quote that best answers `query`, whole and able to stand alone,
    or None when the quote has no such sentence (a list, a cut fragment); `avoid`, if
    another sentence can lead instead."""
    parts = [p.strip(" …") for p in sentences(text.replace(" … ", " ")) if p.strip(" …")]
    terms = set(tokenize(query))
    whole = [
        (i, p)
        for i, p in enumerate(parts)
        # A bullet's sentence may open in lower case ("if someone from the media …").
        if p[:1].isalpha() and _ends_with(p, (".", "!", "?")) and not _LEANS_ON_BEFORE.match(p)
    ]
    if avoid and len(whole) > 1:
        whole = [(i, p) for i, p in whole if p != avoid] or whole
    if not whole:
        return None
    _, best = max(whole, key=lambda ip: (_overlap(terms, ip[1]), -ip[0]))
    return best
