"""Choose which policy sentences a reply quotes, and cut them to fit a chat window.

Everything quoted is the policy's own words, cut only at sentence boundaries (an
ellipsis marks a cut), so a reply can never say something the policy does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.records import Chunk

from .lexical import tokenize
from .models import Citation
from .retrieval import Hit
from .sentences import quoted_spans, split_sentences

MAX_QUOTE_CHARS = 420
MIN_QUOTE_CHARS = 120
QUOTE_BUDGET = 640  # about 100 words of policy in a reply
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
    r"\b(names?|called|titled?|which (polic(y|ies)|documents?|act|law|guidance|role|person|team)|"
    r"what (polic(y|ies)|documents?|act|law|role)|who (owns|is|are|'s|leads|signs|approves)|"
    r"who\b[^?]{0,40}\b(go|speak|talk|turn) to)\b",
    re.I,
)


def _holds_name(text: str) -> bool:
    # Three capitalised words at least: "Twitter and LinkedIn" is two names, not one.
    return any(sum(w[:1].isupper() for w in m.group(0).split()) >= 3 for m in _NAME.finditer(text))


def holds_fact(text: str, query: str) -> bool:
    """Whether `text` holds the kind of fact `query` asks for (a contact, wording, form
    or a named document or role)."""
    return bool(
        (_ASKS_FACT.search(query) and _FACT.search(text))
        or (_ASKS_NAME.search(query) and _holds_name(text))
    )


def holds_exact_fact(text: str, query: str) -> bool:
    """`holds_fact` less names: a contact, wording or form asked for (a follow-up that
    asks "who is accountable for …?" asks for another name than the one given)."""
    return bool(_ASKS_FACT.search(query) and _FACT.search(text))


@dataclass(frozen=True)
class Passage:
    chunk: Chunk
    quote: str

    @property
    def label(self) -> str:
        return f"§{self.chunk.section} {self.chunk.title}"


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
    wholes = [*quoted_spans(sentence), *(m.span() for m in _FACT.finditer(sentence))]
    for begin, end in sorted(wholes, reverse=True):
        if begin < cut < end:
            cut = len(sentence[:begin].rstrip())
    if cut < MIN_QUOTE_CHARS // 2:
        return sentence  # too little would be left: quote it whole
    return sentence[:cut].rstrip(" ,;:") + " …"


def _ends_with(text: str, marks: tuple[str, ...]) -> bool:
    # A sentence may end inside its closing quote: "… from the HRA.’"
    return text.rstrip().rstrip("’”'\"").endswith(marks)


def _is_stem(text: str) -> bool:
    # "Staff must not set up" opens the bullets after it: a bullet quoted without it
    # reads as the opposite of the rule.
    return len(text) < 80 and not _ends_with(text, (".", ";", "!", "?", ":"))


def _is_lead_in(text: str) -> bool:
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
        if text.endswith(":") or (_is_stem(text) and text[:1].isupper()):
            return sentences(text)[-1]
        if _reads_as_paragraph(text):
            return ""
        before = preceding(before)
    return ""


def select_passages(
    query: str,
    hits: Sequence[Hit],
    *,
    following: Callable[[Chunk], Chunk | None] = lambda _chunk: None,
    preceding: Callable[[Chunk], Chunk | None] = lambda _chunk: None,
    max_passages: int = 2,
    max_sections: int = 2,
    budget: int = QUOTE_BUDGET,
    avoid: str | None = None,
) -> list[Passage]:
    """The best passages to quote, within a character budget that keeps replies short.

    A passage that ends in a colon ("include the disclaimer below:") is quoted with the
    passage it introduces, or the quote would stop just before the answer.
    """
    if not hits:
        return []
    hits = facts_first(query, hits)
    best = hits[0]
    chosen: list[Passage] = []
    sections: list[tuple[str, str]] = []
    for hit in hits:
        remaining = budget - sum(len(p.quote) for p in chosen)
        if len(chosen) >= max_passages or remaining < MIN_QUOTE_CHARS:
            break
        chunk = hit.chunk
        if _is_lead_in(chunk.text):
            continue
        # Later hits must stay close to the best one, or they dilute the answer.
        if chosen and hit.score < best.score * 0.92:
            break
        key = (chunk.document, chunk.section)
        if key not in sections:
            if len(sections) >= max_sections:
                continue
            sections.append(key)
        quote = trim_quote(chunk.text, query, min(MAX_QUOTE_CHARS, remaining), avoid)
        opens_list = quote.endswith(":") or _is_stem(quote)
        continuation = following(chunk) if opens_list else None
        if continuation is not None:
            quote = f"{quote} {trim_quote(continuation.text, query, MAX_QUOTE_CHARS)}"
        stem = list_stem(chunk, preceding)  # found past the list's earlier bullets too
        if stem and _is_stem(stem) and not quote.startswith("…"):
            quote = f"{stem} {quote}"
        chosen.append(Passage(chunk=chunk, quote=quote))
    return chosen


def facts_first(query: str, hits: Sequence[Hit]) -> list[Hit]:
    """A section's passage holding the kind of fact asked for takes the place of its best
    passage, which follows it: "what's the other policy's name?" is answered by the
    sentence that names it. Nothing else moves."""
    out = list(hits)
    done: set[tuple[str, str]] = set()
    for position, hit in enumerate(hits):
        key = (hit.chunk.document, hit.chunk.section)
        if key in done:
            continue
        done.add(key)
        if holds_fact(hit.chunk.text, query):
            continue
        fact = next(
            (
                h
                for h in hits[position + 1 :]
                if (h.chunk.document, h.chunk.section) == key and holds_fact(h.chunk.text, query)
            ),
            None,
        )
        if fact is not None:
            out.remove(fact)
            out.insert(out.index(hit), fact)
    return out


def cited_passages(
    query: str,
    hits: Sequence[Hit],
    quoted: Sequence[Passage],
    *,
    max_sections: int = 3,
    floor: float = 0.7,
) -> list[Passage]:
    """The quoted passages, then the best passage of each further close section."""
    out = list(quoted)
    seen = {(p.chunk.document, p.chunk.section) for p in out}
    best = hits[0].score if hits else 0.0
    for hit in hits:
        key = (hit.chunk.document, hit.chunk.section)
        if len(seen) >= max_sections or hit.score < best * floor:
            break
        if key in seen or _is_lead_in(hit.chunk.text):
            continue
        seen.add(key)
        out.append(Passage(chunk=hit.chunk, quote=trim_quote(hit.chunk.text, query)))
    return out


def citations_for(passages: Sequence[Passage]) -> list[Citation]:
    """One citation per section, best first, quoting its best passage."""
    seen: dict[tuple[str, str], Citation] = {}
    for passage in passages:
        key = (passage.chunk.document, passage.chunk.section)
        if key not in seen:
            seen[key] = Citation(
                section=passage.chunk.section,
                title=passage.chunk.title,
                quote=passage.quote,
                document=passage.chunk.document,
            )
    return list(seen.values())


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


def facts_in(text: str) -> list[str]:
    """The contact details, quoted wordings and form names a quote holds."""
    return _FACT.findall(text)
