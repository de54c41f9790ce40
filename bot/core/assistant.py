"""The channel-neutral core: one `Message` in, one `Reply` out.

Order matters: a report is recognised before anything else (a safeguarding concern
must never be treated as a draft or a question), then drafts, then questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import numpy as np

from bot.settings import Settings

from . import compose, intents
from .asked_time import asked_time
from .drafts import (
    DraftRequest,
    check_draft,
    citations_for,
    extract_draft,
    quoted_draft,
    render_post_check_text,
)
from .drafts.meaning import MeaningModel, load_meaning
from .drafts.verdict import VerdictModel, load_verdict
from .followup import ThreadStore, in_context, is_follow_up, leans_on_previous
from .hours import contacts_now
from .knowledge import KnowledgeBase
from .models import Contact, EscalationKind, Message, Reply, ReportAction
from .passages import citations_for as passage_citations
from .passages import (
    cited_passages,
    list_stem,
    select_passages,
)
from .phrasing.assist import ModelAssist, Turn
from .phrasing.prompts import Ask
from .phrasing.verifier import Source
from .quote_choice import answered_before, hits_to_quote
from .report_rules import ReportRules
from .retrieval import Retriever
from .small_talk import compose_help, small_talk
from .text_input import MAX_CHARS, clean_text
from .triage import Triage, TriageModel

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# A message the triage classifier reads as a draft this surely, with a quoted span but
# none of the cue phrases, is checked as a draft. Set by hand, high: on the dev batch it
# recognised one more draft and turned no question into one.
DRAFT_BY_MEANING = 0.9

# Cite further sections down to this share of the best section's probability: the
# second-best section is often the one a person meant, and a citation costs one line.
CITE_FLOOR = 0.02


def utc_now() -> datetime:
    return datetime.now(UTC)


class Assistant:
    def __init__(
        self,
        *,
        kb: KnowledgeBase,
        retriever: Retriever,
        settings: Settings,
        clock: Clock = utc_now,
        triage: TriageModel,
        on_unanswered: Callable[[str], object] | None = None,
        remember_vector: Callable[[str, np.ndarray], None] | None = None,
        memory: ThreadStore | None = None,
        assist: ModelAssist | None = None,
        meaning: MeaningModel | None = None,
        judge: VerdictModel | None = None,
    ) -> None:
        self.kb = kb
        self.retriever = retriever
        self.settings = settings
        self.clock = clock
        self.triage = triage
        self.on_unanswered = on_unanswered
        # Triage computes the message's retrieval embedding on its way: hand it over.
        self.remember_vector = remember_vector
        self.memory = memory
        # The optional chat model (POLICYBOT_LLM); None: fully extractive, no requests.
        self.assist = assist
        self.meaning = meaning if meaning is not None else load_meaning()
        self.judge = judge if judge is not None else load_verdict()
        self.report_rules = ReportRules(retriever, kb)

    def contacts(self) -> list[Contact]:
        return contacts_now(self.clock(), self.kb.facts.contacts, self.settings)

    def handle(self, message: Message) -> Reply:
        reply = self._handle(message)
        return reply.model_copy(update={"id": message.id})

    def _handle(self, message: Message) -> Reply:
        text, truncated = clean_text(message.text)
        if not text:
            return self._empty()
        if chat := small_talk(text):
            return compose_help(chat)
        triage = self.read(text)
        # Safeguarding is recall-first: it wins even over a draft to check.
        if triage.escalation == "safeguarding":
            self._remember_report(message, text)
            return self._escalation("safeguarding")
        draft = extract_draft(text, message.is_draft)
        if draft is None and triage.escalation is None and triage.draft >= DRAFT_BY_MEANING:
            draft = quoted_draft(text)
        # A report quoting what was said to them ("a reply under my post: '...'") is a
        # report; "is this reply to the journalist ok? ..." is a draft to check, whose
        # media finding sends them to the communications team. The classifier decides.
        if draft is not None and (
            message.is_draft or triage.escalation is None or triage.draft >= triage.score
        ):
            return self._post_check(draft, truncated, text)
        if triage.escalation:
            self._remember_report(message, text)
            return self._escalation(triage.escalation)  # never waits on the model
        turn = self.assist.begin() if self.assist else None
        if turn and triage.possible is None and triage.score >= turn.assist.unsure_floor:
            turn.ask_second_opinion(text)
        return self._answer_in_thread(message, text, truncated, triage.possible, turn)

    def read(self, text: str) -> Triage:
        reading = self.triage.read(text)
        if self.remember_vector is not None:
            self.remember_vector(text, reading.vector)
        return reading.triage

    def _answer_in_thread(
        self,
        message: Message,
        text: str,
        truncated: bool,
        possible: EscalationKind | None = None,
        turn: Turn | None = None,
    ) -> Reply:
        """A follow-up ("and on LinkedIn?") is read with the thread's previous question."""
        key = _thread_key(message)
        if key is None or self.memory is None:
            return self._answer(text, truncated, possible=possible, turn=turn)
        # The model only ever sees this person's own earlier question, never another's.
        own_key = f"{key}:{message.user_id}" if message.user_id else key
        previous = self.memory.previous(key)
        if not (previous and self._reads_as_follow_up(text, previous)):
            reply = self._answer(text, truncated, possible=possible, turn=turn)
            self.memory.remember(key, text)
            if turn and own_key != key:
                self.memory.remember(own_key, text)
            return reply
        own = (self.memory.previous(own_key) if own_key != key else previous) if turn else None
        rewritten = turn.rewrite(text, own) if turn and own == previous and own else None
        question = rewritten or in_context(text, previous, self.retriever.index.listed)
        reply = self._answer(
            question, truncated, context=previous, possible=possible, turn=turn, previous=own
        )
        # The thread's subject stays the last self-contained question, so "and who do I
        # ask?" after "and on LinkedIn?" still reads against the question that began it.
        self.memory.remember(key, previous)
        return reply

    def _reads_as_follow_up(self, text: str, previous: str) -> bool:
        """Elliptical by its form ("and on LinkedIn?"), or a short message leaning on the
        turn before ("what abt stuff from hra news", "Lovely. Is there a set form of words
        I need to put at the end?") that the policy does not answer alone. A
        self-contained question stays alone, so "what is the HRA policy on working from
        home?" after a policy question is still refused; the joined reading must also be
        answered on its own evidence, not the earlier turn's."""
        if is_follow_up(text):
            return True
        if not leans_on_previous(text) or self.retriever.search(text).covered:
            return False
        joined = in_context(text, previous, self.retriever.index.listed)
        return self.retriever.search(joined).covered

    def _remember_report(self, message: Message, text: str) -> None:
        """A report is its thread's subject too: "do I clap back or just block?" after
        "someone keeps harassing me on twitch" asks about that harassment."""
        key = _thread_key(message)
        if key is not None and self.memory is not None:
            self.memory.remember(key, text)

    def _post_check(self, draft: DraftRequest, truncated: bool, text: str) -> Reply:
        vector = self.retriever.embedder.embed_query(text) if self.meaning.sections else None
        probabilities = self.meaning.probabilities(vector) if vector is not None else {}
        check = check_draft(
            draft,
            self.kb.facts,
            self.kb.sections,
            by_meaning=self._by_meaning(vector, probabilities),
            judge=self.judge,
            probabilities=probabilities,
        )
        citations = citations_for(check, self.kb.sections)
        if not citations:
            # Nothing wrong with it: still show where the policy speaks to such posts.
            query = f"{draft.question} {draft.draft}"
            found = self.retriever.search(query)
            if found.covered:
                hits = found.hits
                citations = passage_citations(
                    cited_passages(query, hits, select_passages(query, hits))
                )
        return Reply(
            kind="post_check",
            text=render_post_check_text(check, draft) + _truncation_note(truncated),
            post_check=check,
            citations=citations,
        )

    def _by_meaning(
        self, vector: np.ndarray | None, found: dict[str, float]
    ) -> list[tuple[str, str]]:
        """(section, its passage nearest the message) for each section the meaning
        model flags (`found`: its probabilities); the message's vector is the one triage
        already computed."""
        if vector is None:
            return []
        unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
        index = self.retriever.index
        out = []
        for section in self.meaning.over_bar(found):
            rows = [r for ref in index.sections if ref.number == section for r in ref.chunk_rows]
            if rows:
                best = max(rows, key=lambda r: float(index.chunk_vectors[r] @ unit))
                out.append((section, self.kb.chunks[best].text))
        return out

    def _answer(
        self,
        text: str,
        truncated: bool,
        context: str | None = None,
        *,
        possible: EscalationKind | None = None,
        turn: Turn | None = None,
        previous: str | None = None,
    ) -> Reply:
        found = self.retriever.search(text, context=context)
        hits = found.hits
        asked = asked_time(text, self.clock(), self.settings)
        contacts = (
            contacts_now(asked.at, self.kb.facts.contacts, self.settings)
            if asked
            else self.contacts()
        )
        asks_contact = intents.asks_for_contact(text) and bool(contacts)
        wording = intents.disclaimer_context(text)
        disclaimer = self.kb.facts.disclaimer(wording) if wording else None
        # Asking for a contact is evidence the coverage model weighs ("who's on the comms
        # rota next weekend?" asks for one and is still out of scope), not an override.
        if not disclaimer and not found.covered:
            if self.on_unanswered:
                self.on_unanswered(text)
            reply = compose.compose_not_covered(self.contacts(), self._document_titles())
            action = self._report_action([], possible) or self._second_opinion(turn)
            return reply.model_copy(update={"report_action": action}) if action else reply
        hits = hits_to_quote(self.kb, text, found)
        avoid = answered_before(self.kb, text, hits, context)
        passages = select_passages(
            text,
            hits,
            following=self.kb.following,
            preceding=self.kb.preceding,
            avoid=avoid,
        )
        cited = cited_passages(text, hits, passages, floor=CITE_FLOOR)
        reply = compose.compose_answer(
            passages,
            question=text,
            cited=cited,
            contacts=contacts,
            lead_with_contacts=asks_contact,
            prefer_out_of_hours=intents.asks_out_of_hours(text),
            disclaimer=disclaimer,
            when=asked.label if asked else None,
            avoid=avoid,
        )
        if truncated:
            reply = reply.model_copy(update={"text": reply.text + _truncation_note(True)})
        if turn is not None:
            sources = [
                Source(p.chunk.section, p.quote, list_stem(p.chunk, self.kb.preceding))
                for p in [*passages, *cited]
            ]
            if asks_contact:
                sources += [Source(c.section, c.sentence) for c in self.kb.facts.contacts]
            reply = turn.phrase(reply, Ask(text, previous, sources))
        action = self._report_action([c.section for c in reply.citations], possible)
        action = action or self._second_opinion(turn)
        return reply.model_copy(update={"report_action": action}) if action else reply

    def _report_action(
        self, cited: Sequence[str], possible: EscalationKind | None
    ) -> ReportAction | None:
        """Offer "this is happening now" when the message may be a report, or when the
        answer cites a section holding the policy's rule on reporting that kind: no answer
        about reporting is a dead end."""
        kind = possible or self.report_rules.kind_cited(cited)
        return ReportAction(kind=kind, contacts=self.contacts()) if kind else None

    def _second_opinion(self, turn: Turn | None) -> ReportAction | None:
        """The model may add the report offer where there was none, never change one."""
        kind = turn.second_opinion() if turn else None
        return ReportAction(kind=kind, contacts=self.contacts()) if kind else None

    def report_reply(self, kind: EscalationKind) -> Reply:
        """A report card's reply for `kind` as of now (the words are not needed: the
        card quotes the kind's reporting rule), to rebuild a card when it is viewed."""
        return self._escalation(kind)

    def _escalation(self, kind: EscalationKind) -> Reply:
        return compose.compose_escalation(kind, self.report_rules.rule(kind), self.contacts())

    def _empty(self) -> Reply:
        return compose_help("help")

    def _document_titles(self) -> list[str]:
        titles = []
        for info in self.kb.documents.values():
            version = f" v{info.version}" if info.version else ""
            titles.append(
                f"the HRA {info.title.lower()}{version}"
                if "hra" in info.name.lower()
                else f"{info.title}{version}"
            )
        return titles


def _thread_key(message: Message) -> str | None:
    if not message.thread_ref:
        return None
    return f"{message.platform}:{message.channel_id or ''}:{message.thread_ref}"


def _truncation_note(truncated: bool) -> str:
    if not truncated:
        return ""
    return f"\n\n_(Your message was long, so I read its first {MAX_CHARS:,} characters.)_"
