"""The knowledge base seen section by section: which chunks, example questions and title
vector belong to each section, and what kind of facts each section holds.

Built once from the stored embeddings; pure numpy at query time. A heading with no body
text of its own (§3 "Scope", §4 "Distribution and implementation") is a section too: its
chunks are its subsections', flagged so the model can tell it from the subsection itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ingest.front_matter import NUMBER as FRONT_MATTER
from ingest.records import Chunk

from ..knowledge import KnowledgeBase
from ..lexical import stem, words

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w.])(?:\+44\s?\d{2,4}|0\d{2,4})(?:[\s-]?\d{3,4}){1,3}\b")
_QUOTED = re.compile(r"[‘“'\"][^‘“'\"]{25,400}[’”'\"]")
_FORM = re.compile(r"\bform\b", re.I)
# "Facebook, Twitter, LinkedIn, WhatsApp, Flickr and others": a run of three or more
# capitalised names separated by commas is a list, and each name in it is covered.
_NAME = r"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?"
_LIST_RUN = re.compile(rf"(?:{_NAME},\s+){{2,}}{_NAME}")


@dataclass(frozen=True)
class SectionRef:
    document: str
    number: str
    title: str
    heading_path: tuple[str, ...]
    chunk_rows: np.ndarray  # rows of kb.chunks (a heading's: its subsections')
    key_rows: np.ndarray  # rows of kb.questions
    title_row: int  # row of kb.titles, -1 when none was stored
    heading_only: bool
    title_stems: frozenset[str]
    has_contact: bool
    has_quote: bool
    has_form: bool
    listed: frozenset[str]  # lower-case names this section lists

    @property
    def front_matter(self) -> bool:
        return self.number == FRONT_MATTER


def _under(number: str, parent: str) -> bool:
    return number.startswith(parent + ".")


def _normalised(matrix: np.ndarray) -> np.ndarray:
    if matrix.size == 0:
        return matrix.astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-9)).astype(np.float32)


def listed_names(text: str) -> set[str]:
    return {
        name.strip().lower()
        for run in _LIST_RUN.findall(text)
        for name in run.split(",")
        if len(name.strip()) > 2
    }


def _section_ref(
    key: tuple[str, str],
    title: str,
    path: tuple[str, ...],
    rows: list[int],
    own: bool,
    chunks: list[Chunk],
    key_rows: list[int],
    title_row: int,
) -> SectionRef:
    text = " ".join(chunks[r].text for r in rows) if own else ""
    return SectionRef(
        document=key[0],
        number=key[1],
        title=title,
        heading_path=path,
        chunk_rows=np.asarray(rows, dtype=np.int64),
        key_rows=np.asarray(key_rows, dtype=np.int64),
        title_row=title_row,
        heading_only=not own,
        title_stems=frozenset(stem(w) for w in words(title)),
        has_contact=bool(_EMAIL.search(text) or _PHONE.search(text)),
        has_quote=bool(_QUOTED.search(text)),
        has_form=bool(_FORM.search(text)),
        listed=frozenset(listed_names(text)),
    )


class SectionIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.chunk_vectors = _normalised(kb.chunk_vectors)
        self.question_vectors = _normalised(kb.question_vectors)
        self.title_vectors = _normalised(kb.title_vectors)
        self.question_texts = [_plain(q.question) for q in kb.questions]
        own: dict[tuple[str, str], list[int]] = {}
        for row, chunk in enumerate(kb.chunks):
            own.setdefault((chunk.document, chunk.section), []).append(row)
        titles = {(t.document, t.section): (i, t) for i, t in enumerate(kb.titles)}
        keys: dict[tuple[str, str], list[int]] = {}
        for row, q in enumerate(kb.questions):
            keys.setdefault((q.document, q.section), []).append(row)
        self.sections: list[SectionRef] = []
        for key in sorted(own.keys() | titles.keys(), key=lambda k: (k[0], _sort_key(k[1]))):
            rows = own.get(key)
            if rows is None:  # a heading: its subsections' chunks stand for it
                rows = [
                    r for (d, n), rs in own.items() if d == key[0] and _under(n, key[1]) for r in rs
                ]
                if not rows:
                    continue
            title_row, stored = titles.get(key, (-1, None))
            first = kb.chunks[own[key][0]] if key in own else None
            title = stored.title if stored else (first.title if first else key[1])
            path = stored.heading_path if stored else (first.heading_path if first else ())
            self.sections.append(
                _section_ref(
                    key, title, path, rows, key in own, kb.chunks, keys.get(key, []), title_row
                )
            )
        self.chunk_pad = _padded([s.chunk_rows for s in self.sections])
        self.key_pad = _padded([s.key_rows for s in self.sections])
        # Each heading-only section's subsections, for a per-section maximum in O(chunks).
        by_document: dict[str, list[int]] = {}
        for i, ref in enumerate(self.sections):
            by_document.setdefault(ref.document, []).append(i)
        self.children = {
            i: np.asarray(
                [
                    j
                    for j in by_document[ref.document]
                    if _under(self.sections[j].number, ref.number)
                    and not self.sections[j].heading_only
                ],
                dtype=np.int64,
            )
            for i, ref in enumerate(self.sections)
            if ref.heading_only
        }
        self.section_of_chunk = np.full(len(kb.chunks), -1, dtype=np.int64)
        for i, ref in enumerate(self.sections):
            if not ref.heading_only:
                self.section_of_chunk[ref.chunk_rows] = i
        self.listed = (
            frozenset().union(*(s.listed for s in self.sections)) if self.sections else frozenset()
        )

    def __len__(self) -> int:
        return len(self.sections)


def _padded(rows: list[np.ndarray]) -> np.ndarray:
    """Each section's rows in one matrix, -1 where a section has fewer: one gather per query."""
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), max(width, 1)), -1, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _sort_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())
