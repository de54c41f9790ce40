"""Is every sentence of a generated summary supported by the passages it was written from?

The check, per sentence (a shallow, stated entailment test; tuned on
tests/eval/phrasing/dev.jsonl, scored once on test.jsonl):
1. **Literals**: every number, phone number, email address and URL appears verbatim in
   the passages or the policy's facts; every section number names a section whose
   sentence supports this one (a right sentence with a wrong § is rejected).
2. **Support**: the sentence's content words are matched by the words of at most two
   passage sentences, a word matching when it has the same stem or its MiniLM word
   vector is close (BERTScore-style recall over static word vectors). Enough of them
   must match, and almost none may be left unmatched: an invented detail is a word the
   policy never uses near this rule.
3. **Instructions**: a sentence that tells the reader what to do (an imperative, must,
   may, can) must rest on a policy sentence that instructs too, with the same polarity
   (no "you can" from "must not"), and no obligation may be made out of a permission.

Pure: word vectors come through the one-method `WordVectors` seam.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from bot.core.lexical import stem

from .claims import Claim, clauses, read_claim, split_sentences
from .literals import Evidence, literals_of, section_refs, unstated_literals

REASONS = ("empty", "shape", "literal", "section", "unsupported", "polarity", "instruction")


class WordVectors(Protocol):
    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """Unit-length rows, one per word."""
        ...


@dataclass(frozen=True)
class Bars:
    word: float = 0.6  # cosine at which a passage word matches a claim word
    recall: float = 0.7  # share of a clause's content words its support must match
    unmatched: int = 1  # content words a clause may leave unmatched
    instruction_recall: float = 0.7
    polarity_margin: float = 0.1  # a support line this close to the best may decide polarity
    max_sentences: int = 4
    max_chars: int = 900


@dataclass(frozen=True)
class Source:
    section: str
    text: str


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    reason: str | None = None  # one of REASONS when rejected
    sentence: int | None = None  # index of the first sentence that failed


@dataclass(frozen=True)
class _Line:
    section: str
    claim: Claim
    positions: np.ndarray  # indices of its words in the evidence vocabulary


class Verifier:
    def __init__(self, vectors: WordVectors, bars: Bars | None = None) -> None:
        self.word_vectors = vectors
        self.bars = bars or Bars()

    def check(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Verdict:
        sentences = split_sentences(summary)
        if not sentences:
            return Verdict(False, "empty")
        if len(sentences) > self.bars.max_sentences or len(summary) > self.bars.max_chars:
            return Verdict(False, "shape")
        lines = [
            read_claim(sentence) for source in sources for sentence in split_sentences(source.text)
        ]
        sections = [s.section for s in sources for _ in split_sentences(s.text)]
        evidence = Evidence.of([s.text for s in sources] + list(facts))
        claims = [[read_claim(c) for c in clauses(s)] for s in sentences]
        vocabulary = sorted({w for line in lines for w in line.content})
        asked = sorted({w for parts in claims for c in parts for w in c.content} | set(vocabulary))
        table = dict(zip(asked, self.word_vectors.vectors(asked), strict=True))
        index = {w: i for i, w in enumerate(vocabulary)}
        evidence_lines = [
            _Line(section, line, np.array([index[w] for w in line.content], dtype=int))
            for section, line in zip(sections, lines, strict=True)
            if line.content
        ]
        matrix = (
            np.stack([table[w] for w in vocabulary]) if vocabulary else np.zeros((0, 1), np.float32)
        )
        for position, (sentence, parts) in enumerate(zip(sentences, claims, strict=True)):
            if unstated_literals(literals_of(sentence), evidence):
                return Verdict(False, "literal", position)
            for claim in parts:
                reason = self._check_claim(claim, evidence_lines, vocabulary, matrix, table)
                if reason:
                    return Verdict(False, reason, position)
        return Verdict(True)

    def _check_claim(
        self,
        claim: Claim,
        lines: list[_Line],
        vocabulary: list[str],
        matrix: np.ndarray,
        table: dict[str, np.ndarray],
    ) -> str | None:
        literals = literals_of(claim.text)
        if len(claim.content) <= 1 and not claim.instructs:
            # "Yes:", "The wording is:": a frame around the clause that states the rule.
            return "section" if literals.sections else None
        if not lines:
            return "unsupported"
        scores = self._match(claim, vocabulary, matrix, table, lines)
        recall = (scores >= self.bars.word).mean(axis=0)  # per evidence line
        order = np.argsort(-(recall + scores.mean(axis=0) * 1e-3))
        best = [int(order[0])]
        if len(order) > 1:
            joined = np.maximum(scores[:, order[0]], scores[:, order[1]])
            if (joined >= self.bars.word).sum() > (scores[:, order[0]] >= self.bars.word).sum():
                best.append(int(order[1]))
        matched = scores[:, best].max(axis=1) >= self.bars.word
        share, left = float(matched.mean()), int((~matched).sum())
        bar = self.bars.instruction_recall if claim.instructs else self.bars.recall
        if share < bar or left > self.bars.unmatched:
            return "unsupported"
        support = [lines[i] for i in best]
        named = {line.section for line in support}
        named |= {ref for line in support for ref in section_refs(line.claim.text)}
        if literals.sections - named:  # the policy's own "see section 3.1" counts
            return "section"
        # The best line decides, unless others match nearly as well.
        top = recall[best[0]]
        deciding = [lines[i] for i in order[:5] if recall[i] >= top - self.bars.polarity_margin]
        same = [line for line in deciding if line.claim.negated == claim.negated]
        if not same:
            return "polarity"
        if claim.instructs and not any(_instructs_alike(claim, line.claim) for line in same):
            return "instruction"
        return None

    def _match(
        self,
        claim: Claim,
        vocabulary: list[str],
        matrix: np.ndarray,
        table: dict[str, np.ndarray],
        lines: list[_Line],
    ) -> np.ndarray:
        """(claim words × evidence lines): each claim word's best match in each line."""
        words = np.stack([table[w] for w in claim.content])
        similarity = words @ matrix.T
        by_stem: dict[str, list[int]] = {}
        for i, w in enumerate(vocabulary):
            by_stem.setdefault(stem(w), []).append(i)
        for row, w in enumerate(claim.content):
            similarity[row, by_stem.get(stem(w), [])] = 1.0
        out = np.zeros((len(claim.content), len(lines)), np.float32)
        for column, line in enumerate(lines):
            out[:, column] = similarity[:, line.positions].max(axis=1)
        return out


def _instructs_alike(claim: Claim, line: Claim) -> bool:
    """The policy sentence gives an instruction of the same force: a permission may rest
    on a permission or an instruction, an obligation never on a bare permission."""
    if not line.instructs and not line.negated:
        return False
    if claim.obliges and not claim.negated:
        return line.obliges or (line.instructs and not line.permits)
    return True
