"""Every answer file scored through the whole assistant, one line per file, to compare
two versions of the code file by file.

    PYTHONPATH=. python scripts/answer_files.py > /tmp/before.txt   # [FILES ...]
    ... change the code ...
    PYTHONPATH=. python scripts/answer_files.py > /tmp/after.txt
    diff /tmp/before.txt /tmp/after.txt

Each file is asked exactly as the floor tests ask it (`tests/eval_scoring.py`: lines
sharing a thread are one conversation, in order), on a core over a fresh store with the
floors' clock (a Wednesday, 11:00 in London). Per file: hit@3, top-1, facts, out of
scope refused, answerable refused, follow-ups, draft verdict and flags, escalation, as
counts. With `--cases`, every case's first three cited sections follow its file's line,
so a change in top-1 (which `--show-failures` does not list) can be found.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_core, load_embedder  # noqa: E402
from bot.evaluation import Scores, ask_cases, load_cases, score_case  # noqa: E402
from bot.settings import Settings  # noqa: E402

EVAL = ROOT / "tests" / "eval"
FIGURES = (
    "hit_at_3",
    "top_1",
    "contain",
    "oos_refused",
    "answerable_refused",
    "follow_up_hit_at_3",
    "verdict",
    "flags",
    "escalation",
)


def default_files() -> list[Path]:
    answers = EVAL / "answers"
    batches = sorted([*answers.glob("*.jsonl"), *answers.glob("*/*.jsonl")])
    return [*batches, EVAL / "questions.jsonl", EVAL / "holdout.jsonl"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--cases", action="store_true", help="each case's cited sections too")
    args = parser.parse_args()
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="answer-files-")))
    core = build_core(
        settings,
        embedder=load_embedder(settings),
        clock=lambda: datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
    )
    for path in args.files or default_files():
        scores, threads, cases = Scores(), set[str](), []
        for case, reply, _ in ask_cases(core.assistant.handle, load_cases(path), run="files"):
            score_case(case, reply, scores, follow_up=case.thread in threads)
            if case.thread is not None:
                threads.add(case.thread)
            cited = [c.section for c in reply.citations][:3]
            cases.append(f"    {case.id} {reply.kind} {cited}")
        counts = " ".join(
            f"{name}={getattr(scores, name).hits}/{getattr(scores, name).total}" for name in FIGURES
        )
        print(f"{path.stem[:28]:<28} {counts}", flush=True)
        if args.cases:
            print("\n".join(cases), flush=True)


if __name__ == "__main__":
    main()
