"""Which passage a reply quotes, beyond retrieval's order: the one naming what is asked,
and, in a follow-up, not the sentence that answered the question before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.records import Chunk

from .asked_facts import holds_exact_fact
from .fact_hits import with_fact_passage
from .knowledge import KnowledgeBase
from .passages import select_passages
from .quoting import lead_sentence
from .retrieval import Hit, Retrieval


def closeness(kb: KnowledgeBase, found: Retrieval) -> Callable[[Chunk], float]:
    """The question's cosine to a passage, as retrieval computed it."""

    def cosine(chunk: Chunk) -> float:
        row = kb.index_of(chunk.id)
        return float(found.ranking.chunk_similarity[row]) if row is not None else -1.0

    return cosine


def hits_to_quote(kb: KnowledgeBase, text: str, found: Retrieval) -> list[Hit]:
    """Retrieval's hits, plus the best section's passage holding the fact or the
    distinctive word asked about."""
    return with_fact_passage(
        text, found.hits, kb.section_chunks, closeness(kb, found), kb.passages_using
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
    # Unless it holds what the follow-up's own words ask for ("what do I paste in?").
    own = text.replace(context.strip(), "", 1)
    return None if lead is None or holds_exact_fact(lead, own) else lead
