"""The channel-neutral core: one `Message` in, one `Reply` out.

Order matters: a report is recognised before anything else (a safeguarding concern
must never be treated as a draft or a question), then drafts, then questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from bot.settings import Settings

from . import compose, intents
from .asked_time import asked_time
from .drafts import (
    DraftRequest,
    check_draft,
    citations_for,
    extract_draft,
    render_post_check_text,
)
from .followup import ThreadStore, in_context, is_follow_up
from .hours import contacts_now, is_business_hours
from .knowledge import KnowledgeBase
from .models import Contact, EscalationKind, Message, Reply
from .passages import Passage, cited_passages, select_passages
from .passages import citations_for as passage_citations
from .retrieval import Retriever
from .safeguarding_backstop import SafeguardingBackstop
from .text_input import MAX_CHARS, clean_text
from .triage import classify

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# What the policy says about each kind of report, asked in the policy's own terms so
# the right sections are found in whatever policy is loaded.
_REPORT_QUERIES: dict[EscalationKind, str] = {
    "media": "someone from the media contacts you; requests for comment from media "
    "organisations; contact the communications team",
    "safeguarding": "content or online activity which raises a safeguarding concern must be "
    "reported to the communications team; risks to children, young people and adults at risk",
    "harassment": "report any harassment or abuse you receive online to the communications "
    "team; politely disengage and seek advice",
}


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
        on_unanswered: Callable[[str], object] | None = None,
        backstop: SafeguardingBackstop | None = None,
        memory: ThreadStore | None = None,
    ) -> None:
        self.kb = kb
        self.retriever = retriever
        self.settings = settings
        self.clock = clock
        self.on_unanswered = on_unanswered
        self.backstop = backstop
        self.memory = memory
        self._report_passages: dict[EscalationKind, list[Passage]] = {}

    def contacts(self) -> list[Contact]:
        return contacts_now(self.clock(), self.kb.facts.contacts, self.settings)

    def handle(self, message: Message) -> Reply:
        reply = self._handle(message)
        return reply.model_copy(update={"id": message.id})

    def _handle(self, message: Message) -> Reply:
        text, truncated = clean_text(message.text)
        if not text:
            return self._empty()
        reported = classify(text).escalation
        # Safeguarding is recall-first: it wins even over a draft to check.
        if reported == "safeguarding":
            return self._escalation(reported)
        draft = extract_draft(text, message.is_draft)
        if draft is not None:
            # "Is this reply to the reporter ok? ..." is answered by the draft check,
            # whose media finding sends them to the communications team.
            return self._post_check(draft, truncated)
        if reported:
            return self._escalation(reported)
        if self.backstop and self.backstop.flags(text, self.retriever.embedder.embed_query(text)):
            return self._escalation("safeguarding")
        return self._answer_in_thread(message, text, truncated)

    def _answer_in_thread(self, message: Message, text: str, truncated: bool) -> Reply:
        """A follow-up ("and on LinkedIn?") is read with the thread's previous question."""
        key = _thread_key(message)
        if key is None or self.memory is None:
            return self._answer(text, truncated)
        previous = self.memory.previous(key)
        if not (previous and is_follow_up(text)):
            reply = self._answer(text, truncated)
            self.memory.remember(key, text)
            return reply
        question = in_context(text, previous, self.retriever.index.listed)
        reply = self._answer(question, truncated, context=previous)
        # The thread's subject stays the last self-contained question, so "and who do I
        # ask?" after "and on LinkedIn?" still reads against the question that began it.
        self.memory.remember(key, previous)
        return reply

    def _post_check(self, draft: DraftRequest, truncated: bool) -> Reply:
        check = check_draft(draft, self.kb.facts, self.kb.sections)
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

    def _answer(self, text: str, truncated: bool, context: str | None = None) -> Reply:
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
        if not (asks_contact or disclaimer) and not found.covered:
            if self.on_unanswered:
                self.on_unanswered(text)
            return compose.compose_not_covered(self.contacts(), self._document_titles())
        passages = select_passages(
            text, hits, following=self.kb.following, preceding=self.kb.preceding
        )
        reply = compose.compose_answer(
            passages,
            cited=cited_passages(text, hits, passages, floor=CITE_FLOOR),
            contacts=contacts,
            lead_with_contacts=asks_contact,
            prefer_out_of_hours=intents.asks_out_of_hours(text),
            disclaimer=disclaimer,
            when=asked.label if asked else None,
        )
        if truncated:
            reply = reply.model_copy(update={"text": reply.text + _truncation_note(True)})
        return reply

    def _escalation(self, kind: EscalationKind) -> Reply:
        if kind not in self._report_passages:
            query = _REPORT_QUERIES[kind]
            hits = self.retriever.retrieve(query)
            self._report_passages[kind] = select_passages(query, hits, following=self.kb.following)
        out_of_hours = not is_business_hours(self.clock(), self.settings)
        return compose.compose_escalation(
            kind, self._report_passages[kind], self.contacts(), out_of_hours=out_of_hours
        )

    def _empty(self) -> Reply:
        return Reply(
            kind="not_covered",
            text=(
                "Ask me anything about the social media policy, e.g. “can I mention the HRA "
                "in my bio?”, paste a draft to check, or tell me if a journalist has contacted "
                "you. " + compose.contact_line(self.contacts())
            ),
        )

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
