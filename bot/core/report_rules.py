"""The policy's own rules on reporting each kind of concern, found by retrieval.

A report card quotes the rule; an answer citing a section that holds one offers the
one-tap report action. Asked in the policy's own terms, so the right sections are found
in whatever policy is loaded; found once per process.
"""

from __future__ import annotations

from collections.abc import Sequence

from .knowledge import KnowledgeBase
from .lexical import tokenize
from .models import EscalationKind
from .passages import Passage, select_passages
from .quoting import lead_sentence, sentences
from .retrieval import Retriever

REPORT_QUERIES: dict[EscalationKind, str] = {
    "media": "someone from the media contacts you; requests for comment from media "
    "organisations; contact the communications team",
    "safeguarding": "content or online activity which raises a safeguarding concern must be "
    "reported to the communications team; risks to children, young people and adults at risk",
    "harassment": "report any harassment or abuse you receive online to the communications "
    "team; politely disengage and seek advice",
}


class ReportRules:
    def __init__(self, retriever: Retriever, kb: KnowledgeBase) -> None:
        self.retriever = retriever
        self.kb = kb
        self._passages: dict[EscalationKind, list[Passage]] = {}
        self._rule: dict[EscalationKind, list[Passage]] = {}

    def passages(self, kind: EscalationKind) -> list[Passage]:
        """The policy's passages on reporting this kind."""
        if kind not in self._passages:
            query = REPORT_QUERIES[kind]
            hits = self.retriever.retrieve(query)
            self._passages[kind] = select_passages(query, hits, following=self.kb.following)
        return self._passages[kind]

    def rule(self, kind: EscalationKind) -> list[Passage]:
        """The one sentence a report card quotes (for safeguarding §3.2.1's "must be
        reported to the communications team"): the retrieved sentence sharing most words
        with the kind's reporting query."""
        if kind not in self._rule:
            query = REPORT_QUERIES[kind]
            terms = set(tokenize(query))
            best: tuple[int, Passage] | None = None
            for hit in self.retriever.retrieve(query)[:8]:
                for sentence in sentences(hit.chunk.text):
                    score = len(terms & set(tokenize(sentence)))
                    if lead_sentence(sentence, query) and (best is None or score > best[0]):
                        best = (score, Passage(chunk=hit.chunk, quote=sentence))
            self._rule[kind] = [best[1]] if best else self.passages(kind)[:1]
        return self._rule[kind]

    def kind_cited(self, cited: Sequence[str]) -> EscalationKind | None:
        """The kind whose reporting rule sits in the first of these sections to hold one (here
        §3.5 media, §3.2 safeguarding, §3.2.1 harassment), if any."""
        rules = {k: {p.chunk.section for p in self.passages(k)} for k in REPORT_QUERIES}
        return next(
            (k for section in cited for k, sections in rules.items() if section in sections),
            None,
        )
