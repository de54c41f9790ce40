"""The passage holding the fact asked for, from the best section even when retrieval
did not list it.

Retrieval keeps a section's three closest passages; in a long section (§3.1 has over
twenty bullets) the one naming the "Freedom to Speak up Guardian" or the "HRA Acceptable
Use of ICT User Obligations Policy" can fall outside them while the question asks for
exactly that name. The same holds for a word of the question that few passages use
("what consent do we need before using photos of children?": only the bullet asking for
"written consent" says "consent"). The section is the ranker's choice; only which of its
passages is quoted changes.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence

from ingest.records import Chunk

from .asked_facts import asked, holds_asked, holds_fact
from .lexical import tokenize
from .quoting import is_lead_in
from .rarity import distinctive_stems
from .retrieval import Hit


def with_fact_passage(
    query: str,
    hits: Sequence[Hit],
    section_chunks: Callable[[Chunk], Sequence[Chunk]],
    closeness: Callable[[Chunk], float],
    passages_using: Callable[[str], int] = lambda _: 0,
) -> list[Hit]:
    """`hits`, plus the best section's passage closest to `query` of those holding the
    fact it asks for, when none of its listed passages holds one (scored just below its
    best, so `facts_first` puts it first). When no such fact is asked for, the section's
    passage using the question's distinctive words (`passages_using`: a word stem → how
    many passages of the policy use it) leads, if the best passage uses fewer of them."""
    out = list(hits)
    if not out:
        return out
    best = out[0]
    key = (best.chunk.document, best.chunk.section)
    listed = [h for h in out if (h.chunk.document, h.chunk.section) == key]
    if any(holds_fact(h.chunk.text, query) for h in listed):
        return out
    known = {h.chunk.id for h in listed}
    section = section_chunks(best.chunk)
    facts = [c for c in section if c.id not in known and holds_fact(c.text, query)]
    if facts:
        fact = max(facts, key=closeness)
        out.insert(len(listed), Hit(fact, best.score * 0.99, closeness(fact), 0.0))
        return out
    return _distinctive_first(query, out, section, closeness, passages_using)


def with_distinctive_section(
    query: str,
    hits: Sequence[Hit],
    section_chunks: Callable[[Chunk], Sequence[Chunk]],
    closeness: Callable[[Chunk], float],
    passages_using: Callable[[str], int],
    *,
    floor: float,
    max_sections: int = 3,
) -> list[Hit]:
    """`hits`, with second the passage of another cited section that uses a distinctive
    word of the question the best section never uses: "is reddit covered?" leads with
    §3.1 on personal accounts, and §1's list naming Reddit is what shows it is covered;
    "and what version are we on?" in a thread about the policy's owner is answered by
    the front matter. The best section still leads. `floor`: the share of the best
    section's score a cited section reaches; at most `max_sections` are cited."""
    out = list(hits)
    # The best passage quoted: a lead-in ("The aims of this document are to:") is not.
    best = next((h for h in out if not is_lead_in(h.chunk.text)), None)
    if best is None:
        return out
    rarity = distinctive_stems(query, passages_using)
    for chunk in section_chunks(best.chunk):
        for t in set(tokenize(chunk.text)):
            rarity.pop(t, None)
    if not rarity:
        return out
    for hit in _other_cited_sections(out, best, floor, max_sections):
        section = section_chunks(hit.chunk)
        using = [c for c in section if rarity.keys() & set(tokenize(c.text))]
        if not using:
            continue
        lead = max(using, key=closeness)
        if closeness(lead) < statistics.median(closeness(c) for c in section):
            continue
        return _second(out, best, lead, closeness)
    return out


def with_cited_fact(
    query: str,
    hits: Sequence[Hit],
    section_chunks: Callable[[Chunk], Sequence[Chunk]],
    closeness: Callable[[Chunk], float],
    passages_using: Callable[[str], int],
    *,
    floor: float,
    max_sections: int = 3,
) -> list[Hit]:
    """`hits`, with second the passage of another cited section holding the name or
    post asked for, when no passage of the best section holds one: "who is ultimately
    responsible for this policy? … how it applies to committee members" leads with §2
    on committee members, and §3.11 names the director. The best section still leads.
    `floor` and `max_sections` as in `with_distinctive_section`."""
    out = list(hits)
    kinds = asked(query)
    # A name or post, not whom to approach: the contact for the hour answers that.
    if not out or not kinds.name or kinds.whom:
        return out
    best = out[0]
    if any(holds_asked(c.text, kinds) for c in section_chunks(best.chunk)):
        return out
    words = {t: 1.0 / n for t in set(tokenize(query)) if (n := passages_using(t)) > 0}

    def weight(chunk: Chunk) -> float:  # the question's words it uses, rarer ones more
        return sum(words.get(t, 0.0) for t in set(tokenize(chunk.text)))

    for hit in _other_cited_sections(out, best, floor, max_sections):
        facts = [c for c in section_chunks(hit.chunk) if holds_asked(c.text, kinds)]
        if facts:
            fact = max(facts, key=lambda c: (weight(c), closeness(c)))
            return _second(out, best, fact, closeness)
    return out


def _other_cited_sections(
    hits: list[Hit], best: Hit, floor: float, max_sections: int
) -> Iterator[Hit]:
    """The first hit of each other section cited beside `best`'s, in ranked order."""
    seen = {(best.chunk.document, best.chunk.section)}
    for hit in hits[hits.index(best) + 1 :]:
        other = (hit.chunk.document, hit.chunk.section)
        if hit.score < best.score * floor:
            return
        if other in seen:
            continue
        if len(seen) >= max_sections:
            return
        seen.add(other)
        yield hit


def _second(
    hits: list[Hit], best: Hit, chunk: Chunk, closeness: Callable[[Chunk], float]
) -> list[Hit]:
    """`hits` with `chunk` right after `best`, scored just below it."""
    head = hits[: hits.index(best) + 1]
    rest = [h for h in hits[len(head) :] if h.chunk.id != chunk.id]
    return [*head, Hit(chunk, best.score * 0.99, closeness(chunk), 0.0), *rest]


def _distinctive_first(
    query: str,
    hits: list[Hit],
    section: Sequence[Chunk],
    closeness: Callable[[Chunk], float],
    passages_using: Callable[[str], int],
) -> list[Hit]:
    rarity = distinctive_stems(query, passages_using)

    def weight(chunk: Chunk) -> float:
        return sum(rarity.get(t, 0.0) for t in set(tokenize(chunk.text)))

    if not rarity or not section:
        return hits
    best = hits[0]
    lead = max(section, key=lambda c: (weight(c), closeness(c)))
    if weight(lead) <= weight(best.chunk):
        return hits
    # A rare word alone is weak evidence ("one of my posts" shares only "one" with a
    # passage about keeping one Twitter account): the passage must also read at least as
    # close to the question as the section's middle passage does.
    if closeness(lead) < statistics.median(closeness(c) for c in section):
        return hits
    rest = [h for h in hits if h.chunk.id != lead.id]
    return [Hit(lead, best.score, closeness(lead), 0.0), *rest]
