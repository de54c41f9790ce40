"""How often independent readers agree on a draft's verdict, beside how often the assistant
agrees with them: is the 0.9 target within what careful people reach?

    PYTHONPATH=. python scripts/draft_agreement.py

For each drafts batch with second opinions in `tests/eval/agreement/` (readers who saw
only the policy, the drafts' texts and the verdict definitions, never the writer's labels
or the code), prints the agreement of every pair of readers and of the assistant with each
reader and with the majority. Two verdicts agree when they share one (a reader may list
two); the majority is the verdict at least two of the three readers give first.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_core, load_embedder  # noqa: E402
from bot.evaluation import ask_cases, load_cases  # noqa: E402
from bot.settings import Settings  # noqa: E402

ANSWERS = ROOT / "tests" / "eval" / "answers"
LABELS = ROOT / "tests" / "eval" / "agreement"

Readings = dict[str, list[str]]  # draft id -> acceptable verdicts


def read_labels(path: Path) -> Readings:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row["id"]: list(row["verdict"]) for row in rows if "verdict" in row}


def agreement(one: Readings, other: Readings, ids: list[str]) -> float:
    return sum(bool(set(one[i]) & set(other[i])) for i in ids) / len(ids)


def majority(readers: list[Readings], ids: list[str]) -> Readings:
    out: Readings = {}
    for i in ids:
        verdict, votes = Counter(r[i][0] for r in readers).most_common(1)[0]
        if votes >= 2:
            out[i] = [verdict]
    return out


def assistant_verdicts(batches: list[Path]) -> Readings:
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="draft-agreement-")))
    core = build_core(
        settings,
        embedder=load_embedder(settings),
        clock=lambda: datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
    )
    out: Readings = {}
    for path in batches:
        for case, reply, _ in ask_cases(core.assistant.handle, load_cases(path), run="agree"):
            if case.verdict is not None:
                # A draft read as something else (a report, a question) has no verdict.
                check = reply.post_check
                out[case.id] = [check.verdict if check else f"({reply.kind})"]
    return out


def main() -> None:
    by_batch: dict[str, list[Path]] = {}
    for path in sorted(LABELS.glob("*.jsonl")):
        by_batch.setdefault(path.name.split("-")[0], []).append(path)
    batches = {b: next(ANSWERS.glob(f"*/{b}-*.jsonl")) for b in by_batch}
    assistant = assistant_verdicts(list(batches.values()))
    for batch, label_files in by_batch.items():
        readers = [read_labels(batches[batch]), *map(read_labels, label_files)]
        names = ["writer", *(p.stem.split("-", 1)[1] for p in label_files)]
        ids = [i for i in readers[0] if all(i in r for r in readers)]
        print(f"{batch}: {len(ids)} drafts")
        for (a, ra), (b, rb) in combinations(zip(names, readers, strict=True), 2):
            print(f"  {a} ~ {b}: {agreement(ra, rb, ids):.3f}")
        for name, reader in zip(names, readers, strict=True):
            print(f"  assistant ~ {name}: {agreement(assistant, reader, ids):.3f}")
        agreed = majority(readers, ids)
        print(f"  assistant ~ majority: {agreement(assistant, agreed, list(agreed)):.3f}")


if __name__ == "__main__":
    main()
