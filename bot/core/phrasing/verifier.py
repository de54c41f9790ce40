"""Is every sentence of a generated summary supported by the passages it was written from?

The check, per sentence (a shallow, stated entailment test; tuned on all of
tests/eval/phrasing/, whose figures are in the README):
1. **Literals**: every number, phone number, email address and URL appears verbatim in
   the passages or the policy's facts, and every name by stem (`names.py`); every
   section number names a section whose sentence supports this one (a right sentence
   with a wrong § is rejected).
2. **Support**: each clause's content words are matched by one policy line (two for a
   compound clause one line cannot carry), a word matching when it has the same stem
   or its MiniLM word vector is close (BERTScore-style recall over static word
   vectors). Enough of them must match and, in a short clause, all of them: an
   invented detail is a word the policy never uses near this rule. A clause that
   narrowly misses may rest on the same line through its sentence embedding
   (`paraphrase.py`) when what it leaves unmatched is no name or hardening word.
3. **Polarity and force**: the best-supporting line decides (lines supporting it as
   well must agree), read in the clauses the claim's words sit in; a permission needs
   a line that permits, an obligation never rests on a bare permission, and an
   "always", "every" or an opening "Any" needs one in the policy.

Pure: word vectors come through the one-method `WordVectors` seam.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .claims import OPEN_LIST, Claim, calls_list_open, clauses, read_claim, split_sentences
from .counts import counted
from .literals import literals_of, section_refs, unstated_literals
from .names import unstated_names
from .paraphrase import Paraphrase
from .support import Line, Prepared, PreparedCache, Source, WordVectors

__all__ = ["REASONS", "Bars", "Source", "Verdict", "Verifier", "WordVectors"]

REASONS = (
    "empty",
    "shape",
    "literal",
    "section",
    "unsupported",
    "polarity",
    "instruction",
    "overreach",
)


@dataclass(frozen=True)
class Bars:
    word: float = 0.6  # cosine at which a passage word matches a claim word
    recall: float = 0.7  # share of a clause's content words its support must match
    unmatched: int = 1  # content words a clause may leave unmatched …
    unmatched_from: int = 6  # … when it has at least this many (a shorter one: none)
    instruction_recall: float = 0.7
    max_sentences: int = 4
    max_chars: int = 900


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    reason: str | None = None  # one of REASONS when rejected
    sentence: int | None = None  # index of the first sentence that failed


class Verifier:
    def __init__(
        self, vectors: WordVectors, bars: Bars | None = None, paraphrase: Paraphrase | None = None
    ) -> None:
        self.word_vectors = vectors
        self.bars = bars or Bars()
        self.prepared = PreparedCache(vectors)
        # The same MiniLM seam embeds whole sentences for the paraphrase route.
        self.paraphrase = paraphrase or Paraphrase(vectors)

    def check(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Verdict:
        sentences = split_sentences(summary)
        if not sentences:
            return Verdict(False, "empty")
        if len(sentences) > self.bars.max_sentences or len(summary) > self.bars.max_chars:
            return Verdict(False, "shape")
        evidence = self.prepared.get(sources, facts)
        claims = [[read_claim(c) for c in clauses(s)] for s in sentences]
        asked = sorted({w for parts in claims for c in parts for w in c.content})
        table = dict(zip(asked, self.word_vectors.vectors(asked), strict=True)) if asked else {}
        for position, (sentence, parts) in enumerate(zip(sentences, claims, strict=True)):
            missing = set(unstated_literals(literals_of(sentence), evidence.literals))
            if missing - counted(sentence, evidence.lists):
                return Verdict(False, "literal", position)
            if unstated_names(sentence, evidence):
                return Verdict(False, "literal", position)
            for claim in parts:
                reason = self._check_claim(claim, evidence, table)
                if reason:
                    return Verdict(False, reason, position)
        return Verdict(True)

    def _check_claim(
        self, claim: Claim, evidence: Prepared, table: dict[str, np.ndarray]
    ) -> str | None:
        literals = literals_of(claim.text)
        if len(claim.content) <= 1 and not claim.instructs:
            # "Yes:", "The wording is:": a frame around the clause that states the rule.
            return "section" if literals.sections else None
        if calls_list_open(claim) and OPEN_LIST.search(evidence.literals.text):
            return None
        lines = evidence.lines
        if not lines:
            return "unsupported"
        words = np.stack([table[w] for w in claim.content])
        scores, forbids = evidence.match(claim.content, words)
        hits = scores >= self.bars.word
        recall = hits.mean(axis=0)  # per evidence line
        order = np.argsort(-(recall + scores.mean(axis=0) * 1e-3), kind="stable")
        bar = self.bars.instruction_recall if claim.instructs else self.bars.recall
        best = [int(order[0])]
        if len(order) > 1 and not self._passes(hits[:, order[0]], bar):
            # A compound claim: its words need a second line.
            joined = hits[:, order[0]] | hits[:, order[1]]
            if joined.sum() > hits[:, order[0]].sum():
                best.append(int(order[1]))
        matched = np.any(hits[:, best], axis=1)
        support = [lines[i] for i in best]
        if not self._passes(matched, bar) and not self.paraphrase.supports(
            claim, matched, _texts(support)
        ):
            return "unsupported"
        named = {line.section for line in support}
        named |= {ref for line in support for ref in section_refs(line.claim.text)}
        if literals.sections - named:  # the policy's own "see section 3.1" counts
            return "section"
        tied = [int(i) for i in order[:5] if recall[i] >= recall[best[0]] - 1e-9]
        return _force(
            claim,
            [_reading(lines[i], hits[:, i], forbids[:, i]) for i in best],
            [_reading(lines[i], hits[:, i], forbids[:, i]) for i in tied],
        )

    def _passes(self, matched: np.ndarray, bar: float) -> bool:
        allowed = self.bars.unmatched if len(matched) >= self.bars.unmatched_from else 0
        return float(matched.mean()) >= bar and int((~matched).sum()) <= allowed


def _texts(support: list[Line]) -> list[str]:
    """What the paraphrase route compares a clause with: each line as the policy words
    it, with its list's stem, and a compound claim's two lines together."""
    texts = [t for line in support for t in dict.fromkeys((line.sentence, line.claim.text)) if t]
    if len(support) > 1:
        texts.append(" ".join(line.sentence or line.claim.text for line in support))
    return texts


@dataclass(frozen=True)
class _Reading:
    """A policy line as it bears on one claim: negated when any of the claim's words
    was matched in a clause that forbids ("if a child is named, do not use their
    image"), not when they all sit in one that asks ("be the first to correct …")."""

    line: Claim
    negated: bool


def _reading(line: Line, matched: np.ndarray, forbids: np.ndarray) -> _Reading:
    if not matched.any():
        return _Reading(line.claim, line.claim.negated)
    return _Reading(line.claim, bool(forbids[matched].any()))


def _force(claim: Claim, support: list[_Reading], tied: list[_Reading]) -> str | None:
    """Polarity comes from the best-supporting line; lines that support the claim
    equally well must all agree (a withheld summary costs less than a reversed rule
    shown). A compound claim, whose words need a second line, takes its polarity from
    the line matching most of it; force may come from either."""
    deciding = tied if len(support) == 1 else support[:1]
    if any(r.negated != claim.negated for r in deciding):
        return "polarity"
    same = [r for r in support if r.negated == claim.negated]
    # "You can …", "… is fine": only a policy line that itself permits allows it; a
    # "must … in a closed environment" is no licence.
    grants = claim.permits and not claim.negated and not claim.obliges
    if grants and not any(r.line.permits and not r.negated for r in same):
        return "polarity"
    if claim.instructs and not any(_instructs_alike(claim, r.line) for r in same):
        return "instruction"
    if _overreaches(claim, [r.line for r in support]):
        return "overreach"
    return None


def _overreaches(claim: Claim, support: list[Claim]) -> bool:
    """An "always", "every" or "all" the policy lines do not say. (A conditional rule
    stated for every case is not caught: the condition is too often rephrased, "to
    run a survey" for "if you wish to run a survey", to demand it back word for word.)"""
    # A line saying "any" ("ensure that any messages … comply") carries a claim opening
    # on "Any messages …".
    if not claim.universal or any(line.universal for line in support):
        return False
    opens_on_any = _ANY.match(claim.text.strip()) and not _UNIVERSAL_WORD.search(claim.text)
    return not (opens_on_any and any(_ANY.search(line.text) for line in support))


def _instructs_alike(claim: Claim, line: Claim) -> bool:
    """The policy sentence gives an instruction of the same force: a permission may rest
    on a permission or an instruction, an obligation never on a bare permission."""
    if not line.instructs and not line.negated:
        return False
    if claim.obliges and not claim.negated:
        return line.obliges or (line.instructs and not line.permits)
    return True


_ANY = re.compile(r"\bany\b", re.I)
_UNIVERSAL_WORD = re.compile(
    r"\b(always|every\w*|all|whatever|whichever|regardless|no matter|without exception)\b",
    re.I,
)
