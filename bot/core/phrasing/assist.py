"""The model's help with one reply, all under one deadline (`POLICYBOT_LLM_TIMEOUT`).

- `rewrite`: an elliptical follow-up as a standalone question, for retrieval only.
- `second_opinion`: asked at once, in parallel, when triage is unsure; it can only add
  the "possible report" offer, never remove an escalation (escalations never get here).
- `phrase`: a summary above the quotes, shown only when the verifier accepts it.

Any failure (timeout, HTTP error, refusal, empty or unchecked answer) leaves the
extractive reply as it was, and is counted by outcome for /metrics.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from bot.core.models import EscalationKind, Reply

from .client import ChatClient, ChatFailure
from .display import with_summary
from .prompts import (
    Ask,
    clean_summary,
    is_refusal,
    read_rewrite,
    read_triage,
    rewrite_messages,
    summary_messages,
    triage_messages,
)
from .verifier import Verifier

# Triage below its "possible" bar but not near zero: unsure enough to ask the model.
UNSURE_FLOOR = 0.01


class Stats:
    """Counts by (purpose, outcome), and summary rejections by reason; thread-safe."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str]] = Counter()
        self.rejections: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, purpose: str, outcome: str) -> None:
        with self._lock:
            self.calls[(purpose, outcome)] += 1

    def reject(self, reason: str) -> None:
        with self._lock:
            self.rejections[reason] += 1
            self.calls[("summary", "rejected")] += 1

    def snapshot(self) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
        with self._lock:
            return dict(self.calls), dict(self.rejections)


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())


class Turn:
    """One reply's use of the model."""

    def __init__(self, assist: ModelAssist, deadline: Deadline) -> None:
        self.assist = assist
        self.deadline = deadline
        self._opinion: Future[EscalationKind | None] | None = None

    def ask_second_opinion(self, text: str) -> None:
        self._opinion = self.assist.pool.submit(self.assist.triage, text, self.deadline)

    def second_opinion(self) -> EscalationKind | None:
        if self._opinion is None:
            return None
        try:
            return self._opinion.result(timeout=self.deadline.remaining())
        except FutureTimeout:
            self.assist.stats.count("triage", "timeout")
            return None

    def rewrite(self, text: str, previous: str) -> str | None:
        answer = self.assist.call("rewrite", rewrite_messages(text, previous), self.deadline)
        question = read_rewrite(answer, text, previous) if answer else None
        if answer:
            self.assist.stats.count("rewrite", "used" if question else "unusable")
        return question

    def phrase(self, reply: Reply, ask: Ask) -> Reply:
        assist = self.assist
        answer = assist.call("summary", summary_messages(ask), self.deadline)
        if answer is None:
            return reply
        if is_refusal(answer):
            assist.stats.count("summary", "refused")
            return reply
        summary = clean_summary(answer)
        verdict = assist.verifier.check(summary, ask.sources, assist.facts)
        if not verdict.accepted:
            assist.stats.reject(verdict.reason or "unsupported")
            return reply
        assist.stats.count("summary", "shown")
        return with_summary(reply, summary, assist.chat.name)


class ModelAssist:
    def __init__(
        self,
        chat: ChatClient,
        verifier: Verifier,
        *,
        timeout: float,
        facts: Sequence[str] = (),
        stats: Stats | None = None,
        unsure_floor: float = UNSURE_FLOOR,
    ) -> None:
        self.chat = chat
        self.unsure_floor = unsure_floor
        self.verifier = verifier
        self.timeout = timeout
        self.facts = list(facts)  # the policy's contacts and wordings, for literal checks
        self.stats = stats or Stats()
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm-turn")

    @property
    def name(self) -> str:
        return self.chat.name

    def begin(self) -> Turn:
        return Turn(self, Deadline(self.timeout))

    def call(self, purpose: str, messages: list[tuple[str, str]], deadline: Deadline) -> str | None:
        try:
            answer = self.chat.complete(messages, deadline.remaining())
        except ChatFailure as failure:
            self.stats.count(purpose, failure.outcome)
            return None
        return answer

    def triage(self, text: str, deadline: Deadline) -> EscalationKind | None:
        answer = self.call("triage", triage_messages(text), deadline)
        if answer is None:
            return None
        kind = read_triage(answer)
        self.stats.count("triage", kind or "none")
        return kind
