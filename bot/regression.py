"""The companion questions as the policy's regression test, run by `policybot ingest`.

After each ingest every example question is asked again (its own text left out of the
keys, so the document's words decide, not an exact self-match) and its top section is
compared with the previous ingest's. The policy owner sees which questions a new
version of the policy answers differently, including those of a removed section.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.records import ExampleQuestion

from .core.retrieval import Retriever

NOT_COVERED = "not covered"


@dataclass(frozen=True)
class Change:
    document: str
    question: str
    before: str
    after: str

    def line(self) -> str:
        def label(section: str) -> str:
            return section if section == NOT_COVERED else f"§{section}"

        return f"  {self.document}: “{self.question}” {label(self.before)} → {label(self.after)}"


def answers(retriever: Retriever, questions: Sequence[ExampleQuestion]) -> dict[str, str]:
    """ "document\\x1fquestion" → the top section (or "not covered")."""
    own = {(q.document, q.question): i for i, q in enumerate(retriever.kb.questions)}
    out: dict[str, str] = {}
    for q in questions:
        row = own.get((q.document, q.question))
        vector = retriever.kb.question_vectors[row] if row is not None else None
        found = retriever.search(q.question, exclude=q.question, vector=vector)
        best = found.ranking.best
        out[f"{q.document}\x1f{q.question}"] = (
            best.ref.number if best is not None and found.covered else NOT_COVERED
        )
    return out


def changes(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    """Questions asked both times whose top section differs (documents re-ingested only)."""
    out = []
    for key, now in after.items():
        was = before.get(key)
        if was is not None and was != now:
            document, question = key.split("\x1f", 1)
            out.append(Change(document, question, was, now))
    return out


def load_answers(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_answers(path: Path, previous: dict[str, str], current: dict[str, str]) -> None:
    """Keep other documents' answers: an ingest of one file must not forget the rest."""
    documents = {key.split("\x1f", 1)[0] for key in current}
    kept = {k: v for k, v in previous.items() if k.split("\x1f", 1)[0] not in documents}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({**kept, **current}, indent=0, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def report_lines(current: dict[str, str], found: list[Change], first: bool) -> list[str]:
    if not current:
        return []
    if first:
        return [f"example questions: {len(current)} answered; later ingests list any that change"]
    if not found:
        return [f"example questions: all {len(current)} answered as before"]
    return [
        f"example questions whose answer changed ({len(found)} of {len(current)}):",
        *[c.line() for c in found],
    ]
