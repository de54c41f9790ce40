"""A question in a thread: a follow-up is answered with the thread's earlier question.

`followup.py` says, purely, what reads as a follow-up and how to join it to the turn
before; this module keeps each thread's subject in its `ThreadStore` (the database, in
production) and asks retrieval whether a reading is answered, then hands the question to
the answering path it is given.
"""

from __future__ import annotations

from typing import Protocol

from .followup import ThreadStore, in_context, is_follow_up, leans_on_previous
from .models import Message, Reply
from .phrasing.assist import Turn
from .retrieval import Retriever


class Answer(Protocol):
    """The answering path: `question` read with `context` (the thread's earlier
    question, None when read alone); `previous`, this person's own earlier question."""

    def __call__(
        self, question: str, *, context: str | None = None, previous: str | None = None
    ) -> Reply: ...


class Conversations:
    def __init__(self, *, memory: ThreadStore | None, retriever: Retriever) -> None:
        self.memory = memory
        self.retriever = retriever

    def answer(self, message: Message, text: str, answer: Answer, turn: Turn | None) -> Reply:
        """A follow-up ("and on LinkedIn?") is read with the thread's previous question."""
        key = thread_key(message)
        if key is None or self.memory is None:
            return answer(text)
        # The model only ever sees this person's own earlier question, never another's.
        own_key = f"{key}:{message.user_id}" if message.user_id else key
        previous = self.memory.previous(key)
        if not (previous and self._reads_as_follow_up(text, previous)):
            reply = answer(text)
            self.memory.remember(key, text)
            if turn and own_key != key:
                self.memory.remember(own_key, text)
            return reply
        own = (self.memory.previous(own_key) if own_key != key else previous) if turn else None
        rewritten = turn.rewrite(text, own) if turn and own == previous and own else None
        question = rewritten or in_context(text, previous, self.retriever.index.listed)
        reply = answer(question, context=previous, previous=own)
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

    def remember_report(self, message: Message, text: str) -> None:
        """A report is its thread's subject too: "do I clap back or just block?" after
        "someone keeps harassing me on twitch" asks about that harassment."""
        key = thread_key(message)
        if key is not None and self.memory is not None:
            self.memory.remember(key, text)


def thread_key(message: Message) -> str | None:
    if not message.thread_ref:
        return None
    return f"{message.platform}:{message.channel_id or ''}:{message.thread_ref}"
