"""The labelled messages triage learns from, split into train / dev / test by file.

`splits.json` in the corpus folder names the files of each split (paths relative to
it). A file is whole batches by one writer, so a writer's voice never sits on both
sides of a split. Lines use DESIGN.md's evaluation-case format plus a `label`; older
case files without one are read by their fields: `escalate` names a report,
`verdict` marks a draft, anything else is a question.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.errors import PolicybotError

from .labels import LABELS, Label

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Example:
    text: str
    label: Label
    source: str  # "file:line", for failure lists


def label_of(case: dict) -> Label:
    label = case.get("label") or case.get("escalate")
    if label is None:
        label = "draft" if case.get("verdict") is not None else "question"
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    return label  # type: ignore[no-any-return]


def read_examples(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            examples.append(Example(str(case["text"]), label_of(case), f"{path.name}:{number}"))
        except (ValueError, KeyError, TypeError) as exc:
            raise PolicybotError(f"{path}:{number}: not a labelled message ({exc})") from exc
    return examples


def split_files(root: Path) -> dict[str, list[Path]]:
    manifest = root / "splits.json"
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PolicybotError(f"Cannot read {manifest}: {exc}") from exc
    return {split: [root / name for name in listed.get(split, [])] for split in SPLITS}


def load_split(root: Path, split: str) -> list[Example]:
    return [example for path in split_files(root)[split] for example in read_examples(path)]


def counts(examples: list[Example]) -> dict[str, int]:
    found = Counter(e.label for e in examples)
    return {label: found.get(label, 0) for label in LABELS}
