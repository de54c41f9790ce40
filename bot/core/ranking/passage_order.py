"""Which passage of a section answers the question: an order learned from labelled data.

The ranker chooses sections; inside a long one (§3.1 has over twenty bullets) the
passage quoted first decides whether the reply holds what was asked. A hand-set sum of
meaning and BM25 chose it before, and "a journalist DMs me about a tweet, who am I
supposed to tell?" read closest to the whistleblowing bullet. Each answer batch's
`contain` span labels the passage holding the fact asked for; a small tree ensemble
(`passage_train`) learns from them how the evidence below combines, in terms that carry
over to any policy:

- the question's cosine to the passage, and its gap to the section's closest passage;
- BM25 (with the synonym table), saturated, and its gap to the section's best;
- the vote of the example questions nearest the question: how close each is to the
  passage (the owner's FAQ knows which bullet "a reporter emailed me" is about);
- whether the passage holds the kind of fact asked for (a contact, a wording, a name);
- the question's distinctive words (few passages use them) that the passage uses;
- whether the passage only introduces a list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..asked_facts import Asked, asked, holds_asked
from ..lexical import tokenize
from ..quoting import is_lead_in
from ..rarity import distinctive_stems
from .index import SectionIndex
from .trees import TreeEnsemble

PASSAGE_MODEL = Path(__file__).with_name("passage_trees.json")
PASSAGE_NAMES = (
    "cos",
    "cos_gap",
    "bm25",
    "bm25_gap",
    "vote",
    "vote_gap",
    "vote_first_gap",
    "fact",
    "rare",
    "rare_gap",
    "lead_in",
    "sum_gap",
)
VOTE_KEYS = 3  # example questions nearest the question that vote
BM25_HALF = 5.0
_NONE = np.zeros(0, dtype=np.int64)


def load_passage_model(path: Path = PASSAGE_MODEL) -> TreeEnsemble | None:
    """The shipped passage order, or None (the hand-set sum) when none was trained."""
    if not path.is_file():
        return None
    return TreeEnsemble.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class PassageQuestion:
    """What the order needs of one question, read once for all its candidate sections."""

    asked: Asked
    rarity: dict[str, float]  # its distinctive word stems (`rarity.py`)
    key_similarity: np.ndarray  # cosine to every example question
    chunk_similarity: np.ndarray  # cosine to every passage
    bm25: dict[int, float]  # every passage sharing a word with it


class PassageOrder:
    """Scores a section's passages for one question; higher answers it better."""

    def __init__(self, index: SectionIndex, model: TreeEnsemble | None) -> None:
        self.index = index
        self.model = model
        kb = index.kb
        using: dict[str, list[int]] = {}
        for row, chunk in enumerate(kb.chunks):
            for token in set(tokenize(chunk.text)):
                using.setdefault(token, []).append(row)
        self._using = {t: np.asarray(rs, dtype=np.int64) for t, rs in using.items()}
        self._lead_in = np.array([is_lead_in(c.text) for c in kb.chunks], dtype=np.float64)
        keys, chunks = index.question_vectors, index.chunk_vectors
        self._key_chunk = keys @ chunks.T if keys.size and chunks.size else np.zeros((0, 0))
        self._holds: dict[tuple[int, Asked], bool] = {}  # a regex per passage, once per kind

    def question(
        self,
        text: str,
        key_similarity: np.ndarray,
        chunk_similarity: np.ndarray,
        bm25: dict[int, float],
        passages_using: Callable[[str], int],
    ) -> PassageQuestion:
        return PassageQuestion(
            asked(text),
            distinctive_stems(text, passages_using),
            key_similarity,
            chunk_similarity,
            bm25,
        )

    def features(self, q: PassageQuestion, rows: Sequence[int], key_rows: np.ndarray) -> np.ndarray:
        """One row per passage (`rows` of kb.chunks) of one section, in `PASSAGE_NAMES`."""
        return self._features(q, [(rows, key_rows)])

    def scores(self, rows_features: np.ndarray) -> np.ndarray:
        """Learned scores, or the hand-set sum's gap when no model was trained."""
        if self.model is None:
            return rows_features[:, PASSAGE_NAMES.index("sum_gap")]
        return self.model.decision(rows_features)

    def order(
        self, q: PassageQuestion, sections: Sequence[tuple[Sequence[int], np.ndarray]]
    ) -> list[list[int]]:
        """Each section's passage rows, best first (one list per section given, in its
        order; empty for a section without passages): one pass for all sections."""
        filled = [(list(rows), keys) for rows, keys in sections if len(rows)]
        scores = self.scores(self._features(q, filled)) if filled else np.zeros(0)
        out, start = [], 0
        for rows, _ in sections:
            mine = scores[start : start + len(rows)]
            start += len(rows)
            out.append([list(rows)[i] for i in np.argsort(-mine, kind="stable")])
        return out

    def _features(
        self, q: PassageQuestion, sections: Sequence[tuple[Sequence[int], np.ndarray]]
    ) -> np.ndarray:
        """The rows of several sections at once; gaps are to each row's own section."""
        lengths = np.array([len(rows) for rows, _ in sections])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows = np.fromiter((r for rs, _ in sections for r in rs), dtype=np.int64)

        def gap(values: np.ndarray) -> np.ndarray:
            out: np.ndarray = values - np.repeat(np.maximum.reduceat(values, starts), lengths)
            return out

        cos = q.chunk_similarity[rows].astype(np.float64)
        raw = np.fromiter((q.bm25.get(int(r), 0.0) for r in rows), dtype=np.float64)
        saturated = raw / (raw + BM25_HALF)
        vote, first = np.zeros(len(rows)), np.zeros(len(rows))
        if self._key_chunk.size:
            for (section_rows, key_rows), start in zip(sections, starts, strict=True):
                if not len(key_rows):
                    continue
                near = key_rows[np.argsort(-q.key_similarity[key_rows], kind="stable")[:VOTE_KEYS]]
                span = slice(int(start), int(start) + len(section_rows))
                block = self._key_chunk[near][:, rows[span]]
                vote[span], first[span] = block.mean(axis=0), block[0]
        fact = np.fromiter(
            (self._holds_asked(int(r), q.asked) for r in rows), dtype=np.float64, count=len(rows)
        )
        rare = np.zeros(len(rows))
        for stem_, weight in q.rarity.items():
            rare += weight * np.isin(rows, self._using.get(stem_, _NONE))
        total = cos + 0.5 * saturated
        return np.stack(
            [
                cos,
                gap(cos),
                saturated,
                gap(saturated),
                vote,
                gap(vote),
                gap(first),
                fact,
                rare,
                gap(rare),
                self._lead_in[rows],
                gap(total),
            ],
            axis=1,
        )

    def _holds_asked(self, row: int, kinds: Asked) -> bool:
        if not kinds.anything:
            return False
        key = (row, kinds)
        if key not in self._holds:
            self._holds[key] = holds_asked(self.index.kb.chunks[row].text, kinds)
        return self._holds[key]
