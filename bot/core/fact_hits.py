"""The passage holding the fact asked for, from the best section even when retrieval
did not list it.

Retrieval keeps a section's three closest passages; in a long section (§3.1 has over
twenty bullets) the one naming the "Freedom to Speak up Guardian" or the "HRA Acceptable
Use of ICT User Obligations Policy" can fall outside them while the question asks for
exactly that name. The section is the ranker's choice; only which of its passages is
quoted changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.records import Chunk

from .asked_facts import holds_fact
from .retrieval import Hit


def with_fact_passage(
    query: str,
    hits: Sequence[Hit],
    section_chunks: Callable[[Chunk], Sequence[Chunk]],
    closeness: Callable[[Chunk], float],
) -> list[Hit]:
    """`hits`, plus the best section's passage closest to `query` of those holding the
    fact it asks for, when none of its listed passages holds one (scored just below its
    best, so `facts_first` puts it first)."""
    out = list(hits)
    if not out:
        return out
    best = out[0]
    key = (best.chunk.document, best.chunk.section)
    listed = [h for h in out if (h.chunk.document, h.chunk.section) == key]
    if any(holds_fact(h.chunk.text, query) for h in listed):
        return out
    known = {h.chunk.id for h in listed}
    facts = [
        c for c in section_chunks(best.chunk) if c.id not in known and holds_fact(c.text, query)
    ]
    if facts:
        fact = max(facts, key=closeness)
        out.insert(len(listed), Hit(fact, best.score * 0.99, closeness(fact), 0.0))
    return out
