"""Labelled data for the ranking and coverage models, and the fixed train/dev split.

- Answerable: each policy's companion file of example questions (the owner's FAQ, written
  by two writers who saw only the policy), split per section by a fixed seed.
- Out of scope: `data/out_of_scope.jsonl`, workplace and research-process questions the
  policy does not answer (HR, IT, finance, ethics applications), split the same way.
- Blind answer batches (`tests/eval/answers/`, whole files): their single questions,
  answerable with sections or out of scope, in the train or the dev split by file. Training
  runs from the repository; the shipped policybot never reads them.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.records import ExampleQuestion

SEED = 13
DEV_SHARE = 0.2
# The coverage threshold refuses at most this share of answerable training questions in
# cross-validation. With example questions, cross-validation over-states what the served
# bot refuses: a served question meets every example question as a key, a training row
# 80% of them. Round 9 (dev a2, q23, q24; a4, q19, q20 joined train), answer batches dev:
# a 1% target refuses 0.4% of answerable questions and 0.84 of out-of-scope ones; 3%
# refuses 1.2% and 0.91 (2%, 2.5%: 0.88, 0.89 of out-of-scope). Earlier rounds held 1%,
# when one more refusal on dev at 1.5% outweighed one more out-of-scope caught.
MAX_ANSWERABLE_REFUSED = 0.03
# Without example questions nothing shifts between training and service, and at 3% FAQ
# dev (no example questions) refused 4.6% of answerable questions for no more
# out-of-scope ones caught (0.795 either way), so that model keeps 1%.
MAX_ANSWERABLE_REFUSED_BARE = 0.01
OUT_OF_SCOPE = Path(__file__).with_name("data") / "out_of_scope.jsonl"
ANSWERS = Path(__file__).resolve().parents[3] / "tests" / "eval" / "answers"
# A file is one writer's batch, so no writer's voice sits on both sides of the split.
ROUND6_TRAIN = (
    "train/a1-comms-officer.jsonl",
    "q1-hr-business-partner.jsonl",
    "q2-study-coordinator.jsonl",
    "train/q3-rec-chair.jsonl",
    "train/q4-it-apprentice.jsonl",
    "train/a3-finance-officer.jsonl",
    "test/q5-rec-coordinator.jsonl",
    "test/q6-engagement-assistant.jsonl",
    "test/q7-senior-manager.jsonl",
    "test/q8-graduate-trainee.jsonl",
    "test/q9-research-systems-head.jsonl",
    "test/q10-involvement-administrator.jsonl",
    "test/q11-seconded-pharmacist.jsonl",
    "test/q12-office-manager.jsonl",
)
# Round 7: the spent q13-q16 joined train. Round 8: q17, q18, q21 and q22 joined too.
# Round 9: q19, q20 (dev in round 8) and a4 (a blind batch rich in out-of-scope near
# misses, first scored before it joined) join train; the spent q23, q24 are dev beside a2.
TRAIN_BATCHES = (
    *ROUND6_TRAIN,
    "test/q13-rec-manager-leeds.jsonl",
    "test/q14-comms-apprentice.jsonl",
    "test/q15-rec-coordinator-bristol.jsonl",
    "test/q16-content-assistant.jsonl",
    "test/q17-ppi-lead.jsonl",
    "test/q18-approvals-specialist.jsonl",
    "test/q19-hr-administrator.jsonl",
    "test/q20-ig-assistant.jsonl",
    "test/q21-policy-adviser.jsonl",
    "test/q22-corporate-apprentice.jsonl",
    "train/a4-facilities-events.jsonl",
)
DEV_BATCHES = (
    "train/a2-statistician.jsonl",
    "test/q23-rec-lay-member.jsonl",
    "test/q24-web-developer.jsonl",
)


@dataclass(frozen=True)
class Split:
    train: list[ExampleQuestion]
    dev: list[ExampleQuestion]


def split_questions(questions: Sequence[ExampleQuestion], seed: int = SEED) -> Split:
    """Per section, a seeded shuffle; the first 20% (at least one) go to dev."""
    by_section: dict[tuple[str, str], list[ExampleQuestion]] = defaultdict(list)
    for q in sorted(questions, key=lambda q: (q.document, q.section, q.question)):
        by_section[(q.document, q.section)].append(q)
    rng = random.Random(seed)
    train: list[ExampleQuestion] = []
    dev: list[ExampleQuestion] = []
    for key in sorted(by_section):
        items = by_section[key]
        rng.shuffle(items)
        cut = max(1, round(len(items) * DEV_SHARE)) if len(items) > 2 else 0
        dev.extend(items[:cut])
        train.extend(items[cut:])
    return Split(train=train, dev=dev)


def out_of_scope(path: Path = OUT_OF_SCOPE, seed: int = SEED) -> tuple[list[str], list[str]]:
    """(train, dev) out-of-scope questions."""
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = sorted({json.loads(line)["question"] for line in lines if line.strip()})
    random.Random(seed).shuffle(texts)
    cut = round(len(texts) * DEV_SHARE)
    return texts[cut:], texts[:cut]


@dataclass(frozen=True)
class BatchQuestion:
    text: str
    sections: tuple[str, ...]  # empty when out of scope


def batch_questions(names: Sequence[str], folder: Path = ANSWERS) -> list[BatchQuestion]:
    """The single questions of answer batches: no thread turns, drafts or reports."""
    out: list[BatchQuestion] = []
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if not case or case.get("thread") or "verdict" in case or case.get("escalate"):
                continue
            if case.get("oos"):
                out.append(BatchQuestion(case["text"], ()))
            elif case.get("sections"):
                out.append(BatchQuestion(case["text"], tuple(case["sections"])))
    return out
