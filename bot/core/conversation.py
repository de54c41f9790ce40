"""A question in a thread: a follow-up is answered with the thread's earlier question.

`followup.py` says, purely, what reads as a follow-up and how to join it to the turn
before; this module keeps each thread's subject in its `ThreadStore` (the database, in
production) and asks retrieval whether a reading is answered, then hands the question to
the answering path it is given.
"""

from __future__ import annotations

from typing import Protocol

from .asked_time import names_a_time
from .followup import (
    LEANING,
    ThreadStore,
    compares_back,
    in_context,
    is_follow_up,
    leans_on_previous,
    names_something_from,
    opens_with_follow_up,
    points_back,
)
from .intents import asks_whom_to_tell
from .lexical import tokenize, words
from .models import Message, Reply
from .phrasing.assist import Turn
from .ranking.ranker import Ranking
from .retrieval import Retrieval, Retriever

# Every one of a message's nearest neighbours is a known out-of-scope question, and the
# scope model all but rules it out: of the spent batches q10-q34, 263 of their 750
# out-of-scope questions and none of their 375 follow-ups (the scope model trained on
# some of those questions, so the first figure flatters).
ALL_OUT_OF_SCOPE = 0.999
SCOPE_FLOOR = 0.01
OWN_SUBJECT = 0.8  # a section this likely is the message's own subject
WHOM_ALONE = 4  # content words of a whom-to-tell question that names no subject of its own
OWN_QUESTION = 5  # content words of an "and if …" question that carries its own subject


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
        """Elliptical by its form ("and on LinkedIn?") or comparing with the turn before
        ("would the position be any different for a YouTube channel?"); leaning on it
        ("Understood. What must I add to it?") or short, on the same section and naming
        something that section spoke of ("where does the completed form go?"), when read
        with that turn the policy answers it. A self-contained question the policy
        answers stays alone, and so does one out of scope by its own words ("what about
        annual leave?"), unless it only moves the question to another time ("and at the
        weekend?")."""
        alone = self.retriever.search(text)
        if out_of_scope_alone(alone.ranking) and not names_a_time(text):
            return False
        if _asks_its_own_question(text, alone.ranking):
            return False
        if is_follow_up(text) or compares_back(text) or opens_with_follow_up(text):
            return True
        leans = leans_on_previous(text)
        # "Who do I contact first, before anything is created?" names no subject: alone it
        # ranks the communications contacts first, as any "who do I contact?" does. One
        # naming something the policy never speaks of ("…about my payslip") has its own.
        whom = (
            asks_whom_to_tell(text)
            and len(words(text)) <= WHOM_ALONE
            and self.retriever.kb.lexical.known_ratio(text) == 1.0
        )
        if alone.covered and not (whom or (leans and _unsure_of_own_subject(alone.ranking))):
            return False
        if not (leans or whom) and not (
            len(words(text)) <= LEANING and self._same_subject(alone, previous, text)
        ):
            return False
        joined = in_context(text, previous, self.retriever.index.listed)
        return self.retriever.search(joined).covered

    def _same_subject(self, alone: Retrieval, previous: str, text: str) -> bool:
        """The message's best section is the one the thread's question is about, and it
        names as already known something that section speaks of ("the form")."""
        before = self.retriever.search(previous).ranking.best
        mine = alone.ranking.best
        if before is None or mine is None or before.position != mine.position:
            return False
        chunks = self.retriever.kb.chunks
        said = frozenset(t for r in before.ref.chunk_rows for t in tokenize(chunks[int(r)].text))
        return names_something_from(text, said)

    def remember_report(self, message: Message, text: str) -> None:
        """A report is its thread's subject too: "do I clap back or just block?" after
        "someone keeps harassing me on twitch" asks about that harassment."""
        key = thread_key(message)
        if key is not None and self.memory is not None:
            self.memory.remember(key, text)


def _asks_its_own_question(text: str, ranking: Ranking) -> bool:
    """ "and if I broke the social media policy itself, what could happen?" opens like a
    follow-up, but names its own subject, points nowhere back and, alone, firmly at a
    section: read with the turn before, that turn's section would lead instead."""
    best = ranking.best
    return (
        ranking.covered
        and best is not None
        and best.probability >= OWN_SUBJECT
        and len(words(text)) >= OWN_QUESTION
        and not points_back(text)
        and not names_a_time(text)
    )


def _unsure_of_own_subject(ranking: Ranking) -> bool:
    """ "Understood. What must I add to it?" points nowhere in particular on its own;
    "fair enough, what about an official blog instead?" points firmly at §3.7 and
    changes the subject."""
    best = ranking.best
    return best is None or best.probability < OWN_SUBJECT


def out_of_scope_alone(ranking: Ranking) -> bool:
    """Out of scope by its own words, whatever thread it is in."""
    return (
        not ranking.covered
        and ranking.out_of_scope_vote >= ALL_OUT_OF_SCOPE
        and ranking.in_scope < SCOPE_FLOOR
    )


def thread_key(message: Message) -> str | None:
    if not message.thread_ref:
        return None
    return f"{message.platform}:{message.channel_id or ''}:{message.thread_ref}"
