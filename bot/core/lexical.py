"""Lexical ranking (BM25 via bm25s) over the chunks, forgiving of chat-style queries.

Staff type fast: "discliamer", "jounalist", "insta". Query words the corpus does not
know are mapped to the nearest corpus word (rapidfuzz), and a few everyday words are
expanded to the register policies are written in (`synonyms.py`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .synonyms import expand, is_known_synonym

# bm25s sets its logger to DEBUG when imported; its index chatter is not ours to show.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "im",
        "ive",
        "id",
        "youre",
        "dont",
        "cant",
        "ok",
        "okay",
        "hi",
        "hey",
        "please",
        "thanks",
        "thank",
        "quick",
        "q",
        "u",
        "ur",
    ]
)
STOP_WORDS = _STOP  # words too common to name anything
_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    return list(_words(text))


def tokenize(text: str) -> list[str]:
    return list(_tokens(text))


# A question's words are read by several steps, and the policy's passages and sentences
# for every question: each text is split and stemmed once.
@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    raw = _WORD.findall(text.lower().replace("’", "'"))
    return tuple(w.replace("'", "") for w in raw if w.replace("'", "") not in _STOP)


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text))


class LexicalIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._size = len(texts)
        self._retriever = bm25s.BM25()
        corpus = [tokenize(t) or ["_empty_"] for t in texts]
        self._retriever.index(corpus, show_progress=False)
        self.vocabulary = {token for doc in corpus for token in doc}
        self._surface = sorted({w for t in texts for w in words(t) if len(w) >= 4})

    def _correct(self, word: str) -> str:
        """The corpus word a misspelt query word most likely meant (or the word itself)."""
        if len(word) < 5 or stem(word) in self.vocabulary or is_known_synonym(word):
            return word
        # One slip (a swapped pair counts as one): two would turn "regulation" into
        # "reputation".
        match = process.extractOne(word, self._surface, scorer=OSA.distance, score_cutoff=1)
        return match[0] if match else word

    def query_tokens(self, query: str) -> list[str]:
        corrected = [self._correct(w) for w in words(query)]
        tokens = [stem(w) for w in expand(corrected)]
        return [t for t in tokens if t in self.vocabulary]

    def known_ratio(self, query: str) -> float:
        """Share of the query's content words that the corpus uses (after spelling repair)."""
        found = words(query)
        if not found:
            return 0.0
        known = sum(
            any(stem(e) in self.vocabulary for e in expand([self._correct(w)])) for w in found
        )
        return known / len(found)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, BM25 score), best first; rows with no shared term are left out."""
        tokens = self.query_tokens(query)
        if not tokens or self._size == 0:
            return []
        k = min(k, self._size)
        rows, scores = self._retriever.retrieve([tokens], k=k, show_progress=False)
        return [
            (int(row), float(score))
            for row, score in zip(np.ravel(rows), np.ravel(scores), strict=True)
            if score > 0
        ]
