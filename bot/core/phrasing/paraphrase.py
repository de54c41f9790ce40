"""A second route to support for a clause whose words narrowly miss their policy line.

A faithful paraphrase often swaps one or two words for ones the policy never uses near
the rule ("let staff know" for "notifying", "run into" for "encounter"), and the word
check, which demands every word of a short clause, rejects it. Here such a clause may
still rest on its best line when the two say the same as wholes (MiniLM sentence
embeddings, cosine) and what is left unmatched is no detail: no name, no number (those
are literals, checked already), no quantifier or intensifier ("every", "without
exception", "guarantees"), which is how an invented rule or an overreach is worded.
Polarity, force and sections are still checked on the same line afterwards.

Pure apart from the `WordVectors` seam, which embeds a whole sentence as well as a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .claims import Claim, clauses
from .support import WordVectors

# Words that widen or harden a rule: an invented "every", "completely" or "guarantees"
# is an overreach, so a clause leaving one unmatched never takes this route.
DETAIL_WORDS = frozenset(
    [
        "all",
        "always",
        "any",
        "altogether",
        "certainly",
        "completely",
        "definitely",
        "each",
        "entirely",
        "even",
        "every",
        "everyone",
        "everything",
        "exception",
        "exceptions",
        "guarantee",
        "guaranteed",
        "guarantees",
        "immediately",
        "minor",
        "never",
        "only",
        "whatever",
        "automatically",
        "strictly",
        "totally",
        "instantly",
    ]
)
# A quantifier the policy line also uses in some form ("every member of staff" for "all
# staff") widens nothing.
UNIVERSAL_WORDS = frozenset(
    ["all", "always", "any", "each", "every", "everyone", "everything", "whatever", "whichever"]
)
_TOKEN = re.compile(r"[a-z]+")
_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+\b")
# An acronym is a name wherever it stands ("UK GDPR" beside the policy's Data Protection
# Act), except a personal pronoun.
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


@dataclass(frozen=True)
class Bars:
    similarity: float = 0.65  # sentence cosine of the clause and its best line
    recall: float = 0.6  # share of the clause's words its line must still match
    min_words: int = 3  # a clause this short keeps the word check's every-word rule
    unmatched_share: float = 0.4  # unmatched words at most this share …
    unmatched_floor: int = 2  # … or this many, whichever is more
    pieces: bool = True  # compare with each clause of a line too, not only the whole


def names(text: str) -> frozenset[str]:
    """Words written with a capital inside the sentence: names, which a paraphrase
    copies and an invented fact brings ("currently Dr Helen …")."""
    found = [m.group(0) for m in _CAPITALISED.finditer(text)] + _ACRONYM.findall(text)
    return frozenset(name.lower() for name in found)


class Paraphrase:
    def __init__(self, sentences: WordVectors, bars: Bars | None = None) -> None:
        self._sentences = sentences
        self.bars = bars or Bars()
        # The policy's side of each comparison, kept: the same passage sets and support
        # lines come back reply after reply (a few hundred sets, as `PreparedCache`).
        self._line_rows = lru_cache(maxsize=4096)(self._rows_of_lines)
        self._passage_rows = lru_cache(maxsize=256)(self._rows_of_passages)

    def supports(
        self, claim: Claim, matched: np.ndarray, lines: Sequence[str], cosine: float | None = None
    ) -> bool:
        """Does the claim, whose words `matched` marks, say what `lines` say? (`cosine`:
        `similarity(claim.text, lines)` when the caller has it.)"""
        bars = self.bars
        n = len(claim.content)
        unmatched = [w for w, hit in zip(claim.content, matched, strict=True) if not hit]
        allowed = max(bars.unmatched_floor, int(bars.unmatched_share * n))
        share = np.count_nonzero(matched) / len(matched)
        if n < bars.min_words or share < bars.recall or len(unmatched) > allowed:
            return False
        if any(hardening(claim, matched, lines)):
            return False
        if cosine is None:
            cosine = self.similarity(claim.text, lines)
        return cosine >= bars.similarity

    def similarity(self, text: str, lines: Sequence[str]) -> float:
        """The clause against each line, and each clause of a line ("don't pick fights,
        be the first to correct your own mistakes, and don't change previous posts …"
        says three things; a summary clause restates one)."""
        row = self._sentences.vectors([text])
        row = row / np.linalg.norm(row, axis=1, keepdims=True)
        # One array with the clause first, as the lines' rows were laid out when they
        # were computed per call: the same product, to the last bit.
        rows = np.vstack([row, self._line_rows(tuple(lines))])
        return float(np.max(_products(rows[1:], rows[0])))

    def _rows_of_lines(self, lines: tuple[str, ...]) -> np.ndarray:
        targets = list(dict.fromkeys(lines))
        if self.bars.pieces:
            for line in lines:
                parts = _pieces(line)
                if len(parts) > 1:
                    targets += parts
        rows = self._sentences.vectors(list(dict.fromkeys(targets)))
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    def closest(self, text: str, lines: Sequence[str]) -> tuple[float, int]:
        """The line saying most nearly what the clause says, whatever words it uses
        (its cosine, its index in `lines`): each line whole and each of its clauses."""
        owners, targets, norms = self._passage_rows(tuple(lines))
        rows = np.vstack([self._sentences.vectors([text]), targets])
        cosines = _products(rows[1:], rows[0]) / (norms * np.linalg.norm(rows[0]) + 1e-12)
        best = int(np.argmax(cosines))
        return float(cosines[best]), owners[best]

    def _rows_of_passages(
        self, lines: tuple[str, ...]
    ) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
        owners: list[int] = []
        targets: list[str] = []
        for i, line in enumerate(lines):
            parts = _pieces(line) if self.bars.pieces else ()
            for target in (line, *(parts if len(parts) > 1 else ())):
                owners.append(i)
                targets.append(target)
        rows = self._sentences.vectors(targets)
        return tuple(owners), rows, np.linalg.norm(rows, axis=1)


def _products(rows: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Each row's dot product with `row`. einsum, not `@`: a matrix-vector product of a
    passage set's few hundred sentence rows goes to OpenBLAS's threaded gemv, whose
    threads, on a busy 2-core host, leave a check waiting a time slice (p95 7.5 ms
    against 3.8 ms with BLAS on one thread), as `Prepared.match` found for its product."""
    return np.einsum("nd,d->n", rows, row)


def hardening(claim: Claim, matched: np.ndarray, lines: Sequence[str]) -> tuple[int, int, int]:
    """What the clause leaves unmatched that is a detail, not a rewording: hardening or
    widening words left unmatched, names left unmatched, and hardening words anywhere
    in the clause that the lines never use ("You must never use any images …" of a line
    that says "be careful how you use images")."""
    named = names(claim.text)
    stated = _stated(tuple(lines))
    widens = stated.isdisjoint(UNIVERSAL_WORDS)

    def detail(word: str) -> bool:
        if word in UNIVERSAL_WORDS:
            return widens
        return word in DETAIL_WORDS

    unmatched = [w for w, hit in zip(claim.content, matched, strict=True) if not hit]
    return (
        sum(detail(w) for w in unmatched),
        sum(w in named for w in unmatched),
        sum(detail(w) and w not in stated for w in _TOKEN.findall(claim.text.lower())),
    )


@lru_cache(maxsize=4096)  # the policy's lines recur in every reply: read each once
def _stated(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for line in lines for w in _TOKEN.findall(line.lower()))


@lru_cache(maxsize=4096)
def _pieces(line: str) -> tuple[str, ...]:
    return tuple(clauses(line))
