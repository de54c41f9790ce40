"""Triage alone, file by file: reports caught per kind and non-reports escalated.

    PYTHONPATH=. POLICYBOT_DATA_DIR=... python scripts/triage_files.py [--weights DIR]

For the triage dev split, the spent triage tests (`tests/eval/triage/test/`, `next/`)
and every answer batch (`tests/eval/answers/`), the triage model's decision on each line
(the shipped bars and history guard, as the assistant reads it before any draft
routing): per-kind recall (the right kind), reports reaching the team (any kind), and
non-reports escalated, split into questions and drafts. `--weights` reads another
folder's weights and bars (a candidate before it replaces the shipped ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import load_embedder  # noqa: E402
from bot.core.text_input import clean_text  # noqa: E402
from bot.core.triage.corpus import label_of  # noqa: E402
from bot.core.triage.labels import REPORT_LABELS  # noqa: E402
from bot.core.triage.model import WEIGHTS_DIR, TriageModel  # noqa: E402
from bot.settings import Settings  # noqa: E402

EVAL = ROOT / "tests" / "eval"


def groups() -> dict[str, list[Path]]:
    triage = EVAL / "triage"
    dev = json.loads((triage / "splits.json").read_text(encoding="utf-8"))["dev"]
    return {
        "triage dev": [triage / name for name in dev],
        "triage test": sorted((triage / "test").glob("*.jsonl")),
        "triage next": sorted((triage / "next").glob("*.jsonl")),
        "answers": sorted((EVAL / "answers").glob("*.jsonl"))
        + sorted((EVAL / "answers").glob("*/*.jsonl")),
    }


def tally(model: TriageModel, path: Path) -> Counter[str]:
    n: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        want = label_of(case)
        got = model.read(clean_text(case["text"])[0]).triage.escalation
        if want in REPORT_LABELS:
            n[f"{want}"] += 1
            n[f"{want} caught"] += got == want
            n["reports"] += 1
            n["reached"] += got is not None
        else:
            n[want] += 1
            n[f"{want} escalated"] += got is not None
            n[f"{want} escalated {got}"] += got is not None
    return n


def line(name: str, n: Counter[str]) -> str:
    parts = [f"{kind} {n[kind + ' caught']}/{n[kind]}" for kind in REPORT_LABELS if n[kind]]
    if n["reports"]:
        parts.append(f"reached {n['reached']}/{n['reports']}")
    for kind in ("question", "draft"):
        if n[kind]:
            parts.append(f"{kind}s escalated {n[kind + ' escalated']}/{n[kind]}")
    return f"  {name:42s} " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", type=Path, default=WEIGHTS_DIR)
    args = parser.parse_args()
    model = TriageModel.load(load_embedder(Settings()).sentence_transformer, args.weights)
    for group, paths in groups().items():
        total: Counter[str] = Counter()
        print(f"== {group}")
        for path in paths:
            n = tally(model, path)
            total.update(n)
            print(line(path.name, n))
        print(line("all", total))
        kinds = {k: v for k, v in total.items() if k.startswith("draft escalated ")}
        if kinds:
            print(f"  drafts escalated by kind: {json.dumps(dict(sorted(kinds.items())))}")


if __name__ == "__main__":
    main()
