"""A policy's companion file of example questions, `<policy stem>.questions.jsonl`.

One JSON object a line, `{"section": "3.5", "question": "..."}`, written by the policy
owner (the FAQ). Section "0" is the document's front matter (title, version, dates).
A policy without the file simply has no example questions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from bot.errors import PolicybotError

from .records import ExampleQuestion

SUFFIX = ".questions.jsonl"


def companion_path(policy: Path) -> Path:
    return policy.with_name(policy.stem + SUFFIX)


def is_companion(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def parse_questions(lines: Iterable[str], document: str, source: str) -> list[ExampleQuestion]:
    out: list[ExampleQuestion] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PolicybotError(f"{source}:{number}: not JSON ({exc.msg}).") from exc
        section, question = (
            (item.get("section"), item.get("question")) if isinstance(item, dict) else (None, None)
        )
        if not isinstance(section, str | int) or not isinstance(question, str):
            raise PolicybotError(
                f'{source}:{number}: needs {{"section": "3.5", "question": "..."}}.'
            )
        key = (str(section).strip(), " ".join(question.split()))
        if key[1] and key not in seen:
            seen.add(key)
            out.append(ExampleQuestion(document=document, section=key[0], question=key[1]))
    return out


def load_questions(policy: Path, document: str) -> list[ExampleQuestion]:
    path = companion_path(policy)
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PolicybotError(f"Cannot read {path}: {exc.strerror}") from exc
    return parse_questions(lines, document, str(path))
