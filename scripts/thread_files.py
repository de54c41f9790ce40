"""Conversations from the answer batches, to compare two versions of the follow-up code.

    PYTHONPATH=. python scripts/thread_files.py [--ids]

Two figures, on a core over a fresh store with the floors' clock:
- every two-turn thread of every answer batch (`"thread"` lines, asked in order): the
  second turns answered in context (follow-up hit@3) and facts present;
- every out-of-scope question of the spent batches that never trained the coverage model
  (q25 on), asked as the second turn of a thread begun by one of the same batch's
  first turns: how many are still refused. Nothing labels these as out of scope in a
  thread but the batch's own label, so a follow-up rule that answers everything shows
  here and nowhere else.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_core, load_embedder  # noqa: E402
from bot.evaluation import Case, Scores, ask_cases, load_cases, score_case  # noqa: E402
from bot.settings import Settings  # noqa: E402

ANSWERS = ROOT / "tests" / "eval" / "answers"
# Batches scored once and never trained on by the coverage model (its MODEL_CARD lists
# what it was trained on: up to q22, and a1-a4).
UNTRAINED = re.compile(r"^q(2[5-9]|[3-9]\d)-")


def batches() -> list[Path]:
    return sorted([*ANSWERS.glob("*.jsonl"), *ANSWERS.glob("*/*.jsonl")])


def threads() -> Iterator[Case]:
    for path in batches():
        yield from (c for c in load_cases(path) if c.thread is not None)


def out_of_scope_second_turns() -> Iterator[Case]:
    for path in batches():
        if not UNTRAINED.match(path.name):
            continue
        cases = load_cases(path)
        openers = [c for c in cases if c.thread is not None and c.id.endswith("-a")]
        for i, case in enumerate(c for c in cases if c.oos):
            thread = f"{case.id}-in-thread"
            opener = openers[i % len(openers)]
            yield opener.model_copy(update={"id": f"{thread}-a", "thread": thread})
            yield case.model_copy(update={"id": f"{thread}-b", "thread": thread})


def main() -> None:
    # --ids: each missed follow-up and each out-of-scope second turn answered, by id
    show = "--ids" in sys.argv[1:]
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="thread-files-")))
    core = build_core(
        settings,
        embedder=load_embedder(settings),
        clock=lambda: datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
    )
    scores, seen = Scores(), set[str]()
    for case, reply, _ in ask_cases(core.assistant.handle, list(threads()), run="threads"):
        before = scores.follow_up_hit_at_3.hits
        follow_up = case.thread in seen
        score_case(case, reply, scores, follow_up=follow_up)
        seen.add(str(case.thread))
        if show and follow_up and scores.follow_up_hit_at_3.hits == before:
            print(f"  follow-up missed: {case.id} {[c.section for c in reply.citations][:3]}")
    follow, facts = scores.follow_up_hit_at_3, scores.contain
    print(f"threads: follow-ups {follow.hits}/{follow.total}, facts {facts.hits}/{facts.total}")
    refused = total = 0
    cases = list(out_of_scope_second_turns())
    for case, reply, _ in ask_cases(core.assistant.handle, cases, run="oos-threads"):
        if case.id.endswith("-b"):
            total += 1
            refused += reply.kind == "not_covered"
            if show and reply.kind != "not_covered":
                print(
                    f"  out of scope answered: {case.id} {[c.section for c in reply.citations][:3]}"
                )
    print(f"out-of-scope second turns refused: {refused}/{total}")


if __name__ == "__main__":
    main()
