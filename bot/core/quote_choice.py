"""Which passage a reply quotes, beyond retrieval's order: the one naming what is asked,
and, in a follow-up, not the sentence that answered the question before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.records import Chunk

from .asked_facts import asked, asks_a_fact, holds_asked, holds_exact_fact, holds_fact
from .fact_hits import with_cited_fact, with_distinctive_section, with_fact_passage
from .knowledge import KnowledgeBase
from .passages import select_passages
from .quoting import lead_sentence
from .retrieval import Hit, Retrieval, Retriever
from .whereabouts import with_whereabouts


def closeness(kb: KnowledgeBase, found: Retrieval) -> Callable[[Chunk], float]:
    """The question's cosine to a passage, as retrieval computed it."""

    def cosine(chunk: Chunk) -> float:
        row = kb.index_of(chunk.id)
        return float(found.ranking.chunk_similarity[row]) if row is not None else -1.0

    return cosine


def hits_to_quote(
    kb: KnowledgeBase, text: str, found: Retrieval, cite_floor: float, own: str | None = None
) -> list[Hit]:
    """Retrieval's hits, plus the best section's passage holding the fact or the
    distinctive word asked about, another close section's passage holding the fact
    when the best section holds none, and one using a distinctive word the best
    section does not. A question on where the document
    itself is kept is led by the passages saying so."""
    cosine = closeness(kb, found)
    hits = with_whereabouts(own or text, found.hits, kb.chunks, cosine)
    hits = with_fact_passage(text, hits, kb.section_chunks, cosine, kb.passages_using)
    hits = with_cited_fact(
        own or text, hits, kb.section_chunks, cosine, kb.passages_using, floor=cite_floor
    )
    # A follow-up's own words only (`own`): the turn before it was answered already.
    return with_distinctive_section(
        own or text, hits, kb.section_chunks, cosine, kb.passages_using, floor=cite_floor
    )


def answered_before(
    kb: KnowledgeBase, text: str, hits: Sequence[Hit], context: str | None
) -> str | None:
    """The sentence the thread's previous question leads with, when `text` is a
    follow-up read with it ("and above them, for all documents?" after "who is
    responsible for this policy?"): the follow-up asks for something else."""
    if not context or context.strip() not in text:
        return None  # alone, or the previous question with a name swapped
    before = select_passages(context, hits, following=kb.following)
    lead = lead_sentence(before[0].quote, context) if before else None
    # Unless it holds what the follow-up's own words ask for ("what do I paste in?", or
    # whom to approach: "who do I contact first?" after a question on collaboration spaces).
    own = text.replace(context.strip(), "", 1)
    kinds = asked(own)
    if lead is None or holds_exact_fact(lead, own) or (kinds.whom and holds_asked(lead, kinds)):
        return None
    return lead


def with_follow_up_fact(retriever: Retriever, latest: str | None, hits: Sequence[Hit]) -> list[Hit]:
    """`hits`, and second the passage holding the name or contact a follow-up asks for
    when the thread's section holds none: "and who's in charge of the policy overall?"
    after a question on breaches is read with it (§3.10 first), while its own words point
    to §3.11, which names the director. The thread's section still leads."""
    out = list(hits)
    if not latest or not out or not asks_a_fact(latest):
        return out
    best = out[0]
    key = (best.chunk.document, best.chunk.section)
    if any(holds_fact(h.chunk.text, latest) for h in out if _key(h) == key):
        return out
    alone = retriever.search(latest)
    if not alone.covered or not alone.hits:
        return out
    own = _key(alone.hits[0])
    fact = next(
        (h for h in alone.hits if _key(h) == own and holds_fact(h.chunk.text, latest)), None
    )
    if own == key or fact is None:
        return out
    rest = [h for h in out[1:] if h.chunk.id != fact.chunk.id]
    return [best, Hit(fact.chunk, best.score * 0.99, fact.dense, fact.lexical), *rest]


def _key(hit: Hit) -> tuple[str, str]:
    return (hit.chunk.document, hit.chunk.section)
