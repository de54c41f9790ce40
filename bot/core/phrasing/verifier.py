"""Is every sentence of a generated summary supported by the passages it was written from?

The check, per sentence (a shallow, stated entailment test; tuned on all of
tests/eval/phrasing/, whose figures are in docs/verifier-history.md):
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
4. **Decision**: step 1 (and shape) rejects outright, whatever else is said. Steps 2
   and 3 are not applied as hard bars: what they measured per clause, and what each
   said, is read by a learned decision (`decision.py`, trained by `policybot train
   phrasing`), which lets through faithful paraphrases that narrowly miss a bar.
   `learned=False` leaves the hand rules to decide alone.

Pure: word vectors come through the one-method `WordVectors` seam.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .claims import (
    OPEN_LIST,
    Claim,
    calls_list_open,
    clauses,
    is_pleasantry,
    read_claim,
    split_sentences,
    waives,
    word_negations,
)
from .counts import counted
from .decision import ClaimSignals, Decision, load_decision
from .force import force, reading
from .literals import literals_of, section_refs, unstated_literals
from .names import unstated_names
from .paraphrase import Paraphrase, hardening
from .scope import hedge_dropped, restriction_dropped, scope_unstated
from .support import Line, Prepared, PreparedCache, Source, WordVectors

__all__ = ["REASONS", "Bars", "Reading", "Source", "Verdict", "Verifier", "WordVectors"]

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


# A cosine under the word bar at which a word is still near a passage word: read by
# the learned decision only (`ClaimSignals.far`, `.loose`), never a bar of its own.
LOOSE_WORD = 0.45
# The runner-up lines searched for words borrowed from a line of the other polarity.
RIVALS = 5


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


@dataclass(frozen=True)
class Reading:
    """A summary as the verifier reads it before deciding: a hard rejection (shape,
    literal, section), what the hand rules say, and each checked clause's signals."""

    hard: Verdict | None
    rule: Verdict
    claims: tuple[ClaimSignals, ...]
    sentences: int


class Verifier:
    def __init__(
        self,
        vectors: WordVectors,
        bars: Bars | None = None,
        paraphrase: Paraphrase | None = None,
        decision: Decision | None = None,
        *,
        learned: bool = True,
    ) -> None:
        self.word_vectors = vectors
        self.bars = bars or Bars()
        self.prepared = PreparedCache(vectors)
        # The same MiniLM seam embeds whole sentences for the paraphrase route.
        self.paraphrase = paraphrase or Paraphrase(vectors)
        # learned=False: the hand rules alone decide (what the decision is trained beside).
        self.decision = (decision or load_decision()) if learned else None

    def check(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Verdict:
        reading = self.read(summary, sources, facts)
        if reading.hard is not None:
            return reading.hard
        if self.decision is None:
            return reading.rule
        if self.decision.accepts(reading.claims, reading.sentences, reading.rule.accepted):
            return Verdict(True)
        if not reading.rule.accepted:
            return reading.rule
        weakest = min(reading.claims, key=lambda c: c.recall)  # some claim exists: rule passed
        return Verdict(False, "unsupported", weakest.sentence)

    def read(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Reading:
        sentences = split_sentences(summary)
        if not sentences:
            return Reading(Verdict(False, "empty"), Verdict(False, "empty"), (), 0)
        if len(sentences) > self.bars.max_sentences or len(summary) > self.bars.max_chars:
            return Reading(Verdict(False, "shape"), Verdict(False, "shape"), (), len(sentences))
        evidence = self.prepared.get(sources, facts)
        claims = [[read_claim(c) for c in clauses(s)] for s in sentences]
        asked = sorted({w for parts in claims for c in parts for w in c.content})
        table = dict(zip(asked, self.word_vectors.vectors(asked), strict=True)) if asked else {}
        # Every clause's sentence cosine is a signal: embed the new clauses in one batch
        # (kept by the vectors' cache), not one forward pass each.
        self.word_vectors.vectors([c.text for parts in claims for c in parts if c.content])
        hard: Verdict | None = None
        rule = Verdict(True)
        signals: list[ClaimSignals] = []
        for position, (sentence, parts) in enumerate(zip(sentences, claims, strict=True)):
            missing = set(unstated_literals(literals_of(sentence), evidence.literals))
            if missing - counted(sentence, evidence.lists) or unstated_names(sentence, evidence):
                hard = hard or Verdict(False, "literal", position)
            for claim in parts:
                found = self._read_claim(claim, evidence, table, position)
                if found == "section":
                    hard = hard or Verdict(False, "section", position)
                elif isinstance(found, ClaimSignals):
                    signals.append(found)
                    if found.reason and rule.accepted:
                        rule = Verdict(False, found.reason, position)
        return Reading(hard, rule, tuple(signals), len(sentences))

    def _read_claim(
        self, claim: Claim, evidence: Prepared, table: dict[str, np.ndarray], position: int
    ) -> ClaimSignals | str | None:
        """The claim's signals; "section" for a wrong section number, None for a frame
        or a remark about the policy's own list, which need no support."""
        literals = literals_of(claim.text)
        if (len(claim.content) <= 1 and not claim.instructs) or not claim.content:
            # "Yes:", "The wording is:": a frame around the clause that states the rule;
            # "Keep this in mind.": an instruction with no word of its own (the hedge
            # is not content) points back at the rule stated before it.
            return "section" if literals.sections else None
        if calls_list_open(claim) and OPEN_LIST.search(evidence.literals.text):
            return None
        if is_pleasantry(claim):
            return None  # "Good question!": the voice's courtesy, no rule
        lines = evidence.lines
        if not lines:
            return ClaimSignals.unsupported(position)
        words = np.stack([table[w] for w in claim.content])
        scores, forbids = evidence.match(claim.content, words)
        hits = scores >= self.bars.word
        recall = hits.sum(axis=0) / hits.shape[0]  # per evidence line
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
        named = {line.section for line in support}
        named |= {ref for line in support for ref in _line_refs(line.claim.text)}
        if literals.sections - named:  # the policy's own "see section 3.1" counts
            return "section"
        texts = _texts(support)
        by_words = self._passes(matched, bar)
        cosine = self.paraphrase.similarity(claim.text, texts)
        by_sense = not by_words and self.paraphrase.supports(claim, matched, texts, cosine)
        reason = None if by_words or by_sense else "unsupported"
        if reason is None:
            tied = [int(i) for i in order[:5] if recall[i] >= recall[best[0]] - 1e-9]
            reason = force(
                claim,
                [reading(lines[i], hits[:, i], forbids[:, i]) for i in best],
                [reading(lines[i], hits[:, i], forbids[:, i]) for i in tied],
            )
        unstated, unnamed, hardened = hardening(claim, matched, texts)
        # The line closest in meaning, whatever words it shares: a clause resting by its
        # words on one line may restate (or reverse) another.
        anywhere, near = self.paraphrase.closest(claim.text, evidence.texts)
        readings = [reading(lines[i], hits[:, i], forbids[:, i]) for i in best]
        reversed_by = 0.0
        if near not in best and reading(lines[near], hits[:, near], forbids[:, near]).negated != (
            claim.negated
        ):
            reversed_by = max(0.0, anywhere - cosine)  # how much closer than the support
        # Words the support leaves unmatched that a nearby line of the other polarity
        # does match: "use social media to collect data, following the Act" resting on
        # "follow the Act" and borrowing from "do not use social media to collect data".
        borrowed = max(
            (
                int(np.count_nonzero(hits[:, i] & ~matched))
                for i in (int(j) for j in order[:RIVALS])
                if i not in best
                and reading(lines[i], hits[:, i], forbids[:, i]).negated != claim.negated
            ),
            default=0,
        )
        best_scores = scores[:, best].max(axis=1)
        # Everyday words for the policy's own ("workmates" for "colleagues") sit under
        # the word bar: how near each word comes to any word of the passages, and how
        # much of the clause its lines match at a looser bar.
        nearest = scores.max(axis=1)
        # Word by word, does the clause each matched word sits in forbid as a line's
        # clause matching it does? "it's fine to accept friend requests …, just don't go
        # looking" reads as negated whole, and "accept friend requests" sits under "do
        # not". A word two lines match agrees when either does (a merged point).
        own = np.array(word_negations(claim.text, claim))[:, None]
        agrees = (forbids[:, best] == own) & hits[:, best]
        flipped = matched & ~agrees.any(axis=1)
        return ClaimSignals(
            sentence=position,
            reason=reason,
            words=len(claim.content),
            recall=np.count_nonzero(matched) / len(matched),
            soft=float(best_scores.mean()),
            weakest=float(best_scores.min()),
            near=float(nearest.mean()),
            far=int(np.count_nonzero(nearest < LOOSE_WORD)),
            loose=float(np.count_nonzero(best_scores >= LOOSE_WORD) / len(best_scores)),
            unmatched=int((~matched).sum()),
            hardening=unstated,
            names=unnamed,
            hardened=hardened,
            lines=len(best),
            cosine=cosine,
            anywhere=anywhere,
            reversed_by=reversed_by,
            # Read whatever the support rule said: a near-miss restating its line differs
            # from one reversing it.
            support_reversed=any(r.negated != claim.negated for r in readings),
            flipped=int(flipped.sum()),
            waives=waives(claim.text) and not any(waives(t) for t in texts),
            by_words=by_words,
            by_sense=by_sense,
            negated=claim.negated,
            permits=claim.permits,
            obliges=claim.obliges,
            universal=claim.universal,
            hedge_dropped=hedge_dropped(claim.text, texts),
            restriction_dropped=restriction_dropped(
                claim.content, words, texts, self.word_vectors, self.bars.word
            ),
            scope_unstated=scope_unstated(claim.text, texts),
            borrowed_reversed=borrowed,
        )

    def _passes(self, matched: np.ndarray, bar: float) -> bool:
        allowed = self.bars.unmatched if len(matched) >= self.bars.unmatched_from else 0
        hits = int(np.count_nonzero(matched))
        return hits / len(matched) >= bar and len(matched) - hits <= allowed


@lru_cache(maxsize=4096)  # a policy line's own "see section 3.1", read once
def _line_refs(text: str) -> frozenset[str]:
    return section_refs(text)


def _texts(support: list[Line]) -> list[str]:
    """What the paraphrase route compares a clause with: each line as the policy words
    it, with its list's stem, and a compound claim's two lines together."""
    texts = [t for line in support for t in dict.fromkeys((line.sentence, line.claim.text)) if t]
    if len(support) > 1:
        texts.append(" ".join(line.sentence or line.claim.text for line in support))
    return texts
