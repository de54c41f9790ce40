"""The channel-neutral core: one `Message` in, one `Reply` out.

Order matters: a report is recognised before anything else (a safeguarding concern
must never be treated as a draft or a question), then drafts, then questions. The
draft-check path lives in `draft_reply.py`, the thread's follow-ups in `conversation.py`;
this module routes and composes the answer to a question.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import numpy as np

from bot.settings import Settings

from . import compose, intents
from .asked_time import asked_time, latest_named_time
from .conversation import Conversations
from .draft_reply import DraftChecker, draft_beside_report, draft_to_check
from .drafts import described_draft
from .drafts.meaning import MeaningModel
from .drafts.tuned import load_tuned
from .drafts.verdict import VerdictModel
from .followup import ThreadStore, latest_turn
from .hours import contacts_now
from .knowledge import KnowledgeBase
from .models import Contact, EscalationKind, Message, Reply, ReportAction
from .passages import cited_passages, names_a_contact, select_passages
from .phrasing.assist import ModelAssist, Turn
from .phrasing.prompts import Ask
from .phrasing.verifier import Source
from .quote_choice import answered_before, hits_to_quote, with_follow_up_fact
from .quoting import list_stem
from .report_rules import ReportRules
from .retrieval import Retriever
from .small_talk import compose_help, small_talk
from .text_input import clean_text, truncation_note
from .triage import Triage, TriageModel

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

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
        self.threads = Conversations(memory=memory, retriever=retriever)
        # The optional chat model (POLICYBOT_LLM); None: fully extractive, no requests.
        self.assist = assist
        self.drafts = DraftChecker(
            kb=kb,
            retriever=retriever,
            meaning=meaning,
            judge=judge,
            tuned=load_tuned(triage.encoder, triage.lower_of),
        )
        self.report_rules = ReportRules(retriever, kb)

    def contacts(self) -> list[Contact]:
        return contacts_now(self.clock(), self.kb.facts.contacts, self.settings)

    def handle(self, message: Message) -> Reply:
        try:
            reply = self._handle(message)
        except Exception as exc:
            # Whatever broke after triage (a draft check, a ranking, an answer) must
            # never cost a report: file what triage reads. Anything else re-raises, and
            # the surface apologises with a contact, as for any failure.
            kind = self._report_kind(message)
            if kind is None:
                raise
            # The class only: an exception's message can quote the person's text.
            log.error(
                "reply failed (%s): the %s report is made all the same", type(exc).__name__, kind
            )
            reply = self._bare_escalation(kind)
        return reply.model_copy(update={"id": message.id})

    def _report_kind(self, message: Message) -> EscalationKind | None:
        try:
            text, _ = clean_text(message.text)
            return self.triage.read(text).triage.escalation if text else None
        except Exception:
            return None  # triage itself is what broke

    def _bare_escalation(self, kind: EscalationKind) -> Reply:
        """The report's reply, without the policy's quote if finding it fails too."""
        try:
            return self._escalation(kind)
        except Exception:
            return compose.compose_escalation(kind, [], self.contacts())

    def _handle(self, message: Message) -> Reply:
        text, truncated = clean_text(message.text)
        if not text:
            return self._empty()
        if chat := small_talk(text):
            return compose_help(chat)
        triage = self.read(text)
        # Safeguarding is recall-first: it wins even over a draft to check, however the
        # draft is introduced ("A teen commented on our post. My reply: '...'" reaches
        # the team at once; a draft escalated costs less than a report missed). The
        # sender's own post is still checked, beside the report (`_report`).
        if triage.escalation == "safeguarding":
            self.threads.remember_report(message, text)
            return self._report(triage, message, text, truncated)
        introduced = self.drafts.introduced(text, triage, message.is_draft)
        reads = self.drafts.reads_as_draft(text)
        draft = draft_to_check(text, message.is_draft, triage, reads, introduced)
        if draft is not None and not message.is_draft and self.drafts.quotes_the_policy(draft):
            draft = None  # "what does 'don't change previous posts' require?" asks
        if draft is not None:
            bare = not message.is_draft and draft.draft == " ".join(text.split())
            read_as_post = bare and intents.reads_as_a_post(text)
            reply = self.drafts.reply(draft, truncated, text, read_as_post=read_as_post)
            if triage.escalation is None:
                return reply
            # The sender's own reply to a media approach is checked, and the approach
            # itself stays one click from the communications team.
            action = ReportAction(kind=triage.escalation, contacts=self.contacts())
            return reply.model_copy(update={"report_action": action})
        if triage.escalation:
            self.threads.remember_report(message, text)
            return self._report(triage, message, text, truncated)  # never waits on the model
        turn = self.assist.begin() if self.assist else None
        if turn and triage.possible is None and triage.score >= turn.assist.unsure_floor:
            turn.ask_second_opinion(text)

        def answer(
            question: str, *, context: str | None = None, previous: str | None = None
        ) -> Reply:
            return self._answer(
                question, truncated, context, possible=triage.possible, turn=turn, previous=previous
            )

        return self.threads.answer(message, text, answer, turn)

    def read(self, text: str) -> Triage:
        reading = self.triage.read(text)
        if self.remember_vector is not None:
            self.remember_vector(text, reading.vector)
        return reading.triage

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
        asked = asked_time(
            latest_named_time(text, latest_turn(text, context)), self.clock(), self.settings
        )
        contacts = (
            contacts_now(asked.at, self.kb.facts.contacts, self.settings)
            if asked
            else self.contacts()
        )
        asks_contact = bool(contacts) and (
            intents.asks_for_contact(text) or (asked is not None and intents.about_comms(text))
        )
        wordings = intents.disclaimer_context(text, latest_turn(text, context))
        disclaimers = [d for w in wordings if (d := self.kb.facts.disclaimer(w)) is not None]
        # Asking for a contact is evidence the coverage model weighs ("who's on the comms
        # rota next weekend?" asks for one and is still out of scope), not an override.
        if not disclaimers and not found.covered:
            if (
                context is None
                and intents.reads_as_a_post(text)
                and self.drafts.draft_probability(text) >= 0.5
            ):
                # It asks nothing, the policy answers nothing in it as a question, and it
                # is more likely a post than not: one pasted bare ("Third cancelled train
                # this week…"). Checked. A terse question without its "?" ("retention
                # period for CAG minutes") asks nothing by its words too, and the
                # recogniser tells the two apart: it is refused as out of scope. Not its
                # own bar (0.98, set so that almost no question reads as a draft): here
                # the other reading is a refusal, not an answer.
                reply = self.drafts.reply(described_draft(text), truncated, text, read_as_post=True)
            else:
                if self.on_unanswered:
                    self.on_unanswered(text)
                reply = compose.compose_not_covered(self.contacts(), self._document_titles())
            action = self._report_action([], possible) or self._second_opinion(turn)
            return reply.model_copy(update={"report_action": action}) if action else reply
        latest = latest_turn(text, context)
        hits = hits_to_quote(self.kb, text, found, CITE_FLOOR, latest)
        hits = with_follow_up_fact(self.retriever, latest, hits)
        avoid = answered_before(self.kb, text, hits, context)
        passages = select_passages(
            text,
            hits,
            following=self.kb.following,
            preceding=self.kb.preceding,
            avoid=avoid,
        )
        cited = cited_passages(text, hits, passages, floor=CITE_FLOOR)
        # "Ok so who do I tell?" after "can I correct a news story?": the passage quoted
        # sends the person to the team whose contact it holds, so that contact leads.
        asks_contact = asks_contact or (
            intents.asks_whom_to_tell(text) and names_a_contact(passages[:1], contacts)
        )
        reply = compose.compose_answer(
            passages,
            question=text,
            cited=cited,
            contacts=contacts,
            lead_with_contacts=asks_contact,
            prefer_out_of_hours=intents.asks_out_of_hours(text),
            disclaimers=disclaimers,
            when=asked.label if asked else None,
            avoid=avoid,
        )
        if truncated:
            reply = reply.model_copy(update={"text": reply.text + truncation_note(True)})
        if turn is not None:
            sources = [
                Source(p.chunk.section, p.quote, list_stem(p.chunk, self.kb.preceding))
                for p in [*passages, *cited]
            ]
            if asks_contact:
                sources += [Source(c.section, c.sentence) for c in self.kb.facts.contacts]
            reply = turn.phrase(reply, Ask(text, previous, sources))
        # The first two citations: a reporting rule cited third ("can I say I work for the
        # HRA in my profile?" citing §3.2.1 after §3.1 and §3.4) is context, and the offer
        # would be noise; second is kept, as a lead can miss ("a journalist contacts me"
        # leads with §3.1's "journalists" and cites §3.5 second).
        action = self._report_action([c.section for c in reply.citations[:2]], possible)
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

    def _report(self, triage: Triage, message: Message, text: str, truncated: bool) -> Reply:
        """The report's reply, and the check of the sender's own post when the message
        carries one (`draft_beside_report`); should the check fail, `handle` still
        makes the report."""
        assert triage.escalation is not None
        report = self._escalation(triage.escalation)
        draft = draft_beside_report(text, message.is_draft, triage)
        if draft is None:
            return report
        return compose.with_draft_check(report, self.drafts.reply(draft, truncated, text))

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
