"""The evidence a summary is checked against, prepared once per set of passages.

A reply's passages are read into policy lines (each bullet with its list's stem, so
"unauthorised blogs" under "Staff must not set up" keeps its "must not"), their words
laid out as one matrix of word vectors, and the line-to-word layout as one padded index
array. Checking a claim is then one matrix product and one gather, whatever the number
of lines. The same passages come back often (the same rule is asked about all day), so
prepared evidence is kept per source set, a few hundred sets at most.

Pure apart from the `WordVectors` seam.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

import numpy as np

from bot.core.lexical import stem

from .claims import Claim, read_claim, split_sentences, word_negations
from .counts import ListSize, list_sizes
from .literals import Evidence
from .vocabulary import ANTONYMS

# A stem this short ("Staff must not set up") is part of each bullet's wording; a
# longer lead-in ("The following guidance gives … you should follow at all times:")
# lends its bullets only its obligation and negation, not its words.
SHORT_STEM = 80
CACHED_SETS = 256


# Plain words a summary uses for the policy's own, matched as if by stem: their word
# vectors sit just under the bar (ask/request 0.44), and a short clause must match
# every word. Kept to a handful: each one is a word an invented rule could use too.
PLAIN_FOR_POLICY = {
    "ask": "request",
    "asks": "request",
    "asked": "request",
    "asking": "request",
    "give": "provide",
    "gives": "provide",
    "reply": "respond",
    "replies": "respond",
    "journalist": "media",
    "journalists": "media",
    "press": "media",
    # A line manager's chat ("run it past comms", "ask your boss", "personal info",
    # "HRA kit"): short forms of the policy's own nouns, nothing an invented rule adds.
    "comms": "communications",
    "boss": "manager",
    "bosses": "manager",
    "info": "information",
    "kit": "equipment",
}


def _opposites() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for a, b in ANTONYMS:
        out.setdefault(stem(a), []).append(stem(b))
        out.setdefault(stem(b), []).append(stem(a))
    return {k: tuple(v) for k, v in out.items()}


OPPOSITES = _opposites()  # by stem: a claim word's opposites, never its match


class WordVectors(Protocol):
    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """Unit-length rows, one per word."""
        ...


@dataclass(frozen=True)
class Source:
    section: str
    text: str
    stem: str = ""  # the opening line of the list this passage is a bullet of


@dataclass(frozen=True)
class Line:
    section: str
    claim: Claim
    negations: tuple[bool, ...]  # per content word: does its own clause forbid?
    sentence: str = ""  # the policy's own sentence, without its list's stem


@lru_cache(maxsize=4096)  # the policy's sentences recur in every passage set
def read_line(section: str, sentence: str, stem: str = "") -> Line:
    """A policy sentence, a bullet read with its list's stem: the stem's obligation and
    negation carry over to every word of it."""
    line = read_claim(sentence)
    negations = word_negations(sentence, line)
    if not stem:
        return Line(section, line, negations, sentence)
    lead = read_claim(stem)
    short = len(stem) < SHORT_STEM
    claim = replace(
        line,
        text=f"{stem} {line.text}",
        content=lead.content + line.content if short else line.content,
        negated=line.negated or lead.negated,
        obliges=line.obliges or lead.obliges,
        # "… steps you can take to promote safety online:" permits none of its bullets.
        permits=line.permits or (lead.permits and short),
        instructs=line.instructs or lead.instructs,
    )
    own = tuple(n or lead.negated for n in negations)
    lead_negations = (lead.negated,) * len(lead.content) if short else ()
    return Line(section, claim, lead_negations + own, sentence)


def source_lines(source: Source) -> list[Line]:
    """The passage's sentences as lines; after a line that opens a list inside the
    passage ("… such as: content; timing; …") the later items carry its opening, and
    the whole list is a line as well (`list_lines`)."""
    out = []
    stem = source.stem.strip()
    if stem and source.text.startswith(stem):
        stem = ""  # the quote already opens with it
    outer, run = stem, list[str]()
    for sentence in split_sentences(source.text):
        out.append(read_line(source.section, sentence, stem))
        if run:
            run.append(sentence)
            if not sentence.endswith(";"):  # the list's last item
                out += _whole_list(source.section, run, outer)
                run = []
        head, colon, _ = sentence.partition(":")
        if colon and not head.lstrip().startswith(("‘", "'", '"', "“")):
            stem = head.strip()
            run = [sentence]
    return out + _whole_list(source.section, run, outer)


def list_lines(sources: Sequence[Source]) -> list[Line]:
    """Each list quoted bullet by bullet, its items as one line: a clause naming three
    of them ("content, timing and newsworthiness") rests on no single item. A list too
    long for that (the twenty rules of section 3.1) stays item by item: words from
    items far apart would then pass for one rule."""
    groups: dict[tuple[str, str], list[str]] = {}
    for source in sources:
        head = source.stem.strip()
        if head and not source.text.startswith(head):
            groups.setdefault((source.section, head), []).append(source.text)
    return [
        line
        for (section, head), items in groups.items()
        for line in _whole_list(section, items, head, opening=False)
    ]


LIST_ITEMS = 8  # the longest list read whole as well as item by item


def _whole_list(section: str, items: list[str], stem: str, *, opening: bool = True) -> list[Line]:
    count = len(items) - opening
    if not 2 <= count <= LIST_ITEMS:
        return []
    joined = " ".join(item.strip().rstrip(".;") + ";" for item in items).rstrip(";") + "."
    return [read_line(section, joined, stem)]


@dataclass(frozen=True)
class Prepared:
    lines: tuple[Line, ...]
    matrix: np.ndarray  # (vocabulary + 1) × dim, the last row all zeros: padding
    layout: np.ndarray  # lines × longest line: vocabulary rows, padded with the last
    negations: np.ndarray  # lines × longest line: the word's clause forbids
    by_stem: dict[str, tuple[int, ...]]  # a word's stem → vocabulary rows sharing it
    literals: Evidence
    lists: tuple[ListSize, ...] = ()  # each list's opening (stems) and its item count
    stems: frozenset[str] = frozenset()  # every word stem of the passages and facts
    stem_text: str = ""  # the passages and facts as stems in order, " | " between texts
    texts: tuple[str, ...] = ()  # per line: as the policy words it, for sentence cosines
    passage_stem_text: str = ""  # as `stem_text`, the passages alone: no facts

    def match(self, words: Sequence[str], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(claim words × lines) twice: each claim word's best match in each line, where
        a word sharing a stem matches fully, and whether that match's clause forbids."""
        # einsum, not `@`: a product this small handed to a multi-threaded BLAS waits
        # on its threads, and on a busy 2-core host that wait is the whole tail
        # (p95 15 ms against 1 ms on one thread).
        similarity = np.einsum("wd,vd->wv", vectors, self.matrix)
        for row, word in enumerate(words):
            rows = self.by_stem.get(stem(word), ()) + self.by_stem.get(
                stem(PLAIN_FOR_POLICY.get(word, word)), ()
            )
            if rows:
                similarity[row, list(rows)] = 1.0
            for other in OPPOSITES.get(stem(word), ()):
                if other in self.by_stem:
                    similarity[row, list(self.by_stem[other])] = 0.0
        similarity[:, -1] = -1.0
        gathered = similarity[:, self.layout]  # words × lines × positions
        where = gathered.argmax(axis=2)
        scores = gathered.max(axis=2)  # the value at `where`
        lines = np.arange(len(self.lines))[None, :]
        return scores, self.negations[lines, where]


def prepare(sources: Sequence[Source], facts: Sequence[str], vectors: WordVectors) -> Prepared:
    every = [line for source in sources for line in source_lines(source)] + list_lines(sources)
    lines = tuple(line for line in every if line.claim.content)
    vocabulary = sorted({w for line in lines for w in line.claim.content})
    index = {w: i for i, w in enumerate(vocabulary)}
    if vocabulary:
        known = np.asarray(vectors.vectors(vocabulary), dtype=np.float32)
        matrix = np.vstack([known, np.zeros((1, known.shape[1]), np.float32)])
    else:
        matrix = np.zeros((1, 1), np.float32)
    width = max((len(line.claim.content) for line in lines), default=1)
    layout = np.full((len(lines), width), len(vocabulary), dtype=np.intp)
    negations = np.zeros((len(lines), width), dtype=bool)
    for row, line in enumerate(lines):
        layout[row, : len(line.claim.content)] = [index[w] for w in line.claim.content]
        negations[row, : len(line.negations)] = line.negations
    grouped: dict[str, list[int]] = {}
    for i, w in enumerate(vocabulary):
        grouped.setdefault(stem(w), []).append(i)
    by_stem = {s: tuple(rows) for s, rows in grouped.items()}
    texts = [s.text for s in sources] + list(facts)
    evidence = Evidence.of(texts)
    stems = frozenset(stem(w) for t in texts for w in re.findall(r"[a-z]+", t.lower()))
    lists = list_sizes(sources)
    stemmed = [" ".join(stem(w) for w in re.findall(r"[a-z]+", t.lower())) for t in texts]
    sentences = tuple(line.sentence or line.claim.text for line in lines)
    return Prepared(
        lines,
        matrix,
        layout,
        negations,
        by_stem,
        evidence,
        lists,
        stems,
        f" {' | '.join(stemmed)} ",
        sentences,
        f" {' | '.join(stemmed[: len(sources)])} ",
    )


class PreparedCache:
    """Prepared evidence per (sources, facts), least recently used dropped; thread-safe."""

    def __init__(self, vectors: WordVectors, size: int = CACHED_SETS) -> None:
        self._vectors = vectors
        self._size = size
        self._kept: OrderedDict[tuple[tuple[Source, ...], tuple[str, ...]], Prepared] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, sources: Sequence[Source], facts: Sequence[str]) -> Prepared:
        key = (tuple(sources), tuple(facts))
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        prepared = prepare(sources, facts, self._vectors)
        with self._lock:
            self._kept[key] = prepared
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return prepared
