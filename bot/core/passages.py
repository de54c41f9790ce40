"""Choose which policy passages a reply quotes and cites, within a chat window's budget.

Everything quoted is the policy's own words, cut by `quoting.py` only at sentence
boundaries (an ellipsis marks a cut), so a reply can never say something the policy
does not. This module decides which passages, in which order, and how many.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.front_matter import NUMBER as FRONT_MATTER
from ingest.records import Chunk

from .asked_facts import asks_title, holds_fact
from .models import Citation, Contact
from .quoting import MAX_QUOTE_CHARS, MIN_QUOTE_CHARS, is_lead_in, is_stem, list_stem, trim_quote
from .retrieval import Hit

QUOTE_BUDGET = 640  # about 100 words of policy in a reply
# How close to the best hit another section's passage holding the fact asked for must be
# to be moved up to second place (chosen on dev: q13, q14 and the spent q9-q12).
FACT_FLOOR = 0.45


@dataclass(frozen=True)
class Passage:
    chunk: Chunk
    quote: str

    @property
    def label(self) -> str:
        return f"§{self.chunk.section} {self.chunk.title}"


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
    hits = title_first(query, facts_first(query, hits))
    best = hits[0]
    promoted = fact_in_next_section(query, hits)
    if promoted is not None:
        hits = [hits[0], promoted, *(h for h in hits[1:] if h is not promoted)]
    chosen: list[Passage] = []
    sections: list[tuple[str, str]] = []
    for hit in hits:
        remaining = budget - sum(len(p.quote) for p in chosen)
        if len(chosen) >= max_passages or remaining < MIN_QUOTE_CHARS:
            break
        chunk = hit.chunk
        if is_lead_in(chunk.text):
            continue
        key = (chunk.document, chunk.section)
        # Later hits must stay close to the best one, or they dilute the answer …
        # … but a fact asked for, moved up or in a section already quoted, is never dropped
        # for that (another section's contact details would not answer a wording asked for).
        if chosen and hit.score < best.score * 0.92:
            asked = hit is promoted or (key in sections and holds_fact(chunk.text, query))
            if not asked:
                break
        if key not in sections:
            if len(sections) >= max_sections:
                continue
            sections.append(key)
        quote = trim_quote(chunk.text, query, min(MAX_QUOTE_CHARS, remaining), avoid)
        opens_list = quote.endswith(":") or is_stem(quote)
        continuation = following(chunk) if opens_list else None
        if continuation is not None:
            quote = f"{quote} {trim_quote(continuation.text, query, MAX_QUOTE_CHARS)}"
        stem = list_stem(chunk, preceding)  # found past the list's earlier bullets too
        if stem and is_stem(stem) and not quote.startswith("…"):
            quote = f"{stem} {quote}"
        chosen.append(Passage(chunk=chunk, quote=quote))
    return chosen


def title_first(query: str, hits: Sequence[Hit]) -> list[Hit]:
    """A question asking what the document is called is answered by its front matter,
    which opens with the title, wherever retrieval placed it among the hits."""
    front = next((h for h in hits if h.chunk.section == FRONT_MATTER), None)
    if front is None or not asks_title(query):
        return list(hits)
    return [front, *(h for h in hits if h is not front)]


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


def fact_in_next_section(query: str, hits: Sequence[Hit], floor: float = FACT_FLOOR) -> Hit | None:
    """The passage to quote second when the best section holds no fact of the kind asked
    for and a close section does: "which policy covers browsing on my work laptop? its
    exact name" ranks the platform's section first, and the name sits in the next one.
    The best section still leads."""
    best = hits[0]
    key = (best.chunk.document, best.chunk.section)
    if any(
        holds_fact(h.chunk.text, query) for h in hits if (h.chunk.document, h.chunk.section) == key
    ):
        return None
    return next(
        (
            h
            for h in hits
            if h.score >= best.score * floor
            and (h.chunk.document, h.chunk.section) != key
            and holds_fact(h.chunk.text, query)
        ),
        None,
    )


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
        if key in seen or is_lead_in(hit.chunk.text):
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


def names_a_contact(passages: Sequence[Passage], contacts: Sequence[Contact]) -> bool:
    """Whether a passage gives one of the contacts (its email or number), whole or cut."""
    return any(c.value in p.chunk.text for p in passages for c in contacts)
