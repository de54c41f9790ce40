"""Score replies against labelled cases (DESIGN.md's case format). Pure: no model here."""

from __future__ import annotations

import json
import statistics
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .core.models import Message, Reply
from .errors import PolicybotError

ESCALATION_KINDS = ("media", "safeguarding", "harassment")


class Case(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str
    id: str | None = None
    sections: list[str] | None = None
    escalate: str | None = None
    contain: list[str] | None = None
    verdict: list[str] | None = None
    flags: list[str] | None = None
    oos: bool = False
    # Lines sharing a thread are one conversation, asked in order (as `ask --jsonl`).
    thread: str | None = None
    # Triage corpus lines carry a label (tests/eval/triage/); a report label is `escalate`.
    label: str | None = None

    @model_validator(mode="after")
    def _label_names_the_report(self) -> Case:
        if self.escalate is None and self.label in ESCALATION_KINDS:
            self.escalate = self.label
        # "sections": [] says what "oos": true says: no section answers it. Read as an
        # answerable question with no section, it would count every refusal as wrong.
        if self.sections == [] and self.escalate is None and self.verdict is None:
            self.sections, self.oos = None, True
        return self


def load_cases(path: Path) -> list[Case]:
    cases = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PolicybotError(f"Cannot read {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            cases.append(Case.model_validate_json(line))
        except ValidationError as exc:
            raise PolicybotError(f"{path}:{number}: not a case ({exc.errors()[0]['msg']})") from exc
    return cases


def ask_cases(
    handle: Callable[[Message], Reply], cases: Iterable[Case], *, run: str | None = None
) -> Iterator[tuple[Case, Reply, float]]:
    """Each case asked in order, with its reply and milliseconds, as `policybot eval` asks.

    Lines sharing a thread are one conversation, in order, as with `ask --jsonl`; `run`
    (a fresh id by default) keeps one run's threads from continuing an earlier run's.
    """
    channel = run or f"eval:{uuid.uuid4().hex[:12]}"
    for case in cases:
        start = time.perf_counter()
        message = Message(text=case.text, id=case.id, thread_ref=case.thread, channel_id=channel)
        reply = handle(message)
        yield case, reply, (time.perf_counter() - start) * 1000


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return "n/a" if self.value is None else f"{self.value:.3f} ({self.hits}/{self.total})"


@dataclass
class Scores:
    hit_at_3: Ratio = field(default_factory=Ratio)
    top_1: Ratio = field(default_factory=Ratio)
    contain: Ratio = field(default_factory=Ratio)
    not_covered: Ratio = field(default_factory=Ratio)
    oos_refused: Ratio = field(default_factory=Ratio)  # single questions out of scope
    answerable_refused: Ratio = field(default_factory=Ratio)  # single answerable ones
    follow_up_hit_at_3: Ratio = field(default_factory=Ratio)  # later turns of a thread
    escalation: Ratio = field(default_factory=Ratio)
    verdict: Ratio = field(default_factory=Ratio)
    flags: Ratio = field(default_factory=Ratio)
    kind_precision: dict[str, Ratio] = field(default_factory=dict)
    kind_recall: dict[str, Ratio] = field(default_factory=dict)
    false_alarms: Ratio = field(default_factory=Ratio)  # non-reports that escalated
    # (labelled kind or "none", replied kind or "none") -> cases
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return 0.0
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(q) - 1]


def _cited(reply: Reply) -> list[str]:
    sections = [c.section for c in reply.citations]
    if reply.post_check:
        sections += [f.section for f in reply.post_check.findings if f.section not in sections]
    return sections


def score_case(case: Case, reply: Reply, scores: Scores, follow_up: bool = False) -> None:
    """`follow_up`: the case is a later turn of its thread."""
    problems: list[str] = []
    cited = _cited(reply)
    if case.sections and not case.oos:
        ok3 = any(s in case.sections for s in cited[:3])
        scores.hit_at_3.add(ok3)
        scores.top_1.add(bool(cited) and cited[0] in case.sections)
        if follow_up:
            scores.follow_up_hit_at_3.add(ok3)
        if not ok3:
            problems.append(f"cited {cited[:3]} not in {case.sections}")
    if case.contain:
        missing = [s for s in case.contain if s.lower() not in reply.text.lower()]
        scores.contain.add(not missing)
        if missing:
            problems.append(f"missing {missing}")
    is_draft_case = case.verdict is not None
    if not is_draft_case:
        said_nc = reply.kind == "not_covered"
        scores.not_covered.add(said_nc == case.oos)
        if case.thread is None and case.escalate is None:
            (scores.oos_refused if case.oos else scores.answerable_refused).add(said_nc)
        if said_nc != case.oos:
            problems.append("said not_covered" if said_nc else "should be not_covered")
    got = reply.escalation.kind if reply.escalation else None
    scores.escalation.add(got == case.escalate)
    if got != case.escalate:
        problems.append(f"escalation {got} != {case.escalate}")
    pair = (case.escalate or "none", got or "none")
    scores.confusion[pair] = scores.confusion.get(pair, 0) + 1
    if case.escalate is None:
        scores.false_alarms.add(got is not None)
    for kind in ESCALATION_KINDS:
        if got == kind:
            scores.kind_precision.setdefault(kind, Ratio()).add(case.escalate == kind)
        if case.escalate == kind:
            scores.kind_recall.setdefault(kind, Ratio()).add(got == kind)
    if is_draft_case:
        verdict = reply.post_check.verdict if reply.post_check else None
        scores.verdict.add(verdict in (case.verdict or []))
        if verdict not in (case.verdict or []):
            problems.append(f"verdict {verdict} not in {case.verdict}")
        found = {f.section for f in reply.post_check.findings} if reply.post_check else set()
        for section in case.flags or []:
            scores.flags.add(section in found)
            if section not in found:
                problems.append(f"flag {section} missing")
    if problems:
        scores.failures.append(f"{case.id or case.text[:40]!s}: {'; '.join(problems)}")


def score_all(pairs: Iterable[tuple[Case, Reply, float]]) -> Scores:
    scores = Scores()
    threads: set[str] = set()
    for case, reply, elapsed_ms in pairs:
        score_case(case, reply, scores, follow_up=case.thread in threads)
        if case.thread is not None:
            threads.add(case.thread)
        scores.latencies_ms.append(elapsed_ms)
    return scores


def report_lines(scores: Scores) -> list[str]:
    lines = [
        f"section hit@3      {scores.hit_at_3}",
        f"section top-1      {scores.top_1}",
        f"facts (contain)    {scores.contain}",
        f"not-covered acc.   {scores.not_covered}",
        f"  oos refused      {scores.oos_refused}  answerable refused {scores.answerable_refused}",
        f"follow-up hit@3    {scores.follow_up_hit_at_3}",
        f"escalation acc.    {scores.escalation}",
    ]
    for kind in ESCALATION_KINDS:
        p, r = scores.kind_precision.get(kind, Ratio()), scores.kind_recall.get(kind, Ratio())
        if p.total or r.total:
            lines.append(f"  {kind:<16} precision {p}  recall {r}")
    if any(case != "none" for case, _ in scores.confusion):
        lines.append(f"false alarms       {scores.false_alarms}  (non-reports escalated)")
        lines += confusion_lines(scores.confusion)
    lines += [
        f"draft verdict      {scores.verdict}",
        f"draft flag recall  {scores.flags}",
        f"latency p50/p95    {scores.percentile(50):.1f} / {scores.percentile(95):.1f} ms",
    ]
    return lines


def confusion_lines(confusion: dict[tuple[str, str], int]) -> list[str]:
    kinds = ["none", *ESCALATION_KINDS]
    lines = [
        "confusion (rows: labelled, columns: replied)",
        " " * 14 + "".join(f"{k:>14}" for k in kinds),
    ]
    for want in kinds:
        row = "".join(f"{confusion.get((want, got), 0):>14}" for got in kinds)
        lines.append(f"{want:>14}{row}")
    return lines


def below_floors(scores: Scores, floors: Sequence[tuple[str, Ratio, float]]) -> list[str]:
    return [
        f"{name} {ratio.value:.3f} < {floor}"
        for name, ratio, floor in floors
        if ratio.value is not None and ratio.value < floor
    ]


def scores_json(scores: Scores) -> str:
    return json.dumps(
        {
            "hit_at_3": scores.hit_at_3.value,
            "top_1": scores.top_1.value,
            "contain": scores.contain.value,
            "not_covered": scores.not_covered.value,
            "oos_refused": scores.oos_refused.value,
            "answerable_refused": scores.answerable_refused.value,
            "follow_up_hit_at_3": scores.follow_up_hit_at_3.value,
            "escalation": scores.escalation.value,
            "recall": {k: r.value for k, r in scores.kind_recall.items()},
            "false_alarm_rate": scores.false_alarms.value,
            "confusion": {f"{a}->{b}": n for (a, b), n in sorted(scores.confusion.items())},
            "verdict": scores.verdict.value,
            "flags": scores.flags.value,
            "p50_ms": scores.percentile(50),
            "p95_ms": scores.percentile(95),
            "failures": scores.failures,
        }
    )
