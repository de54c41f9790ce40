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
from collections.abc import Callable, Sequence

from ingest.records import Chunk

from .asked_facts import holds_fact
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
    key = (best.chunk.document, best.chunk.section)
    rarity = distinctive_stems(query, passages_using)
    for chunk in section_chunks(best.chunk):
        for t in set(tokenize(chunk.text)):
            rarity.pop(t, None)
    if not rarity:
        return out
    seen = {key}
    for hit in out[out.index(best) + 1 :]:
        other = (hit.chunk.document, hit.chunk.section)
        if hit.score < best.score * floor:
            break
        if other in seen:
            continue
        if len(seen) >= max_sections:
            break
        seen.add(other)
        section = section_chunks(hit.chunk)
        using = [c for c in section if rarity.keys() & set(tokenize(c.text))]
        if not using:
            continue
        lead = max(using, key=closeness)
        if closeness(lead) < statistics.median(closeness(c) for c in section):
            continue
        head = out[: out.index(best) + 1]
        rest = [h for h in out[len(head) :] if h.chunk.id != lead.id]
        return [*head, Hit(lead, best.score * 0.99, closeness(lead), 0.0), *rest]
    return out


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
