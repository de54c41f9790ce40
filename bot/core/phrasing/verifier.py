"""Is every sentence of a generated summary supported by the passages it was written from?

First, a summary that speaks of carrying out the asker's instruction ("as you asked me
to confirm, …") is rejected as injected (`obeying.py`). A sentence that only echoes the
question ("You asked whether you can …") states no claim (`asked.py`). Then the check,
per sentence (a
shallow, stated entailment test; tuned on all of tests/eval/phrasing/, whose figures
are in docs/verifier-history.md):
1. **Literals**: every number, phone number, email address and URL appears verbatim in
   the passages or the policy's facts, and every name by stem (`names.py`); every
   section number names a section whose sentence supports this one (a right sentence
   with a wrong § is rejected), and no word is left unmatched where its line uses its
   opposite ("open" on "closed": a reversed rule).
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
4. **Decision**: step 1 (and shape) rejects outright, whatever else is said, as does
   a role staff are sent to (a line manager, HR) that the passages never name
   (`parties.py`; checked after the reading the decision is trained on). Steps 2
   and 3 are not applied as hard bars: what they measured per clause, and what each
   said, is read by a learned decision (`decision.py`, trained by `policybot train
   phrasing`), which lets through faithful paraphrases that narrowly miss a bar.
   `learned=False` leaves the hand rules to decide alone.

Pure: word vectors come through the one-method `WordVectors` seam.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .asked import question_frames
from .claims import Claim, clauses, read_claim, split_sentences
from .clause_signals import Bars, Tools, measure
from .counts import counted
from .decision import ClaimSignals, Decision, load_decision
from .literals import literals_of, unstated_literals
from .names import unstated_names
from .obeying import obeys_the_asker
from .paraphrase import Paraphrase
from .parties import unstated_parties
from .support import PreparedCache, Source, WordVectors

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
    "injected",
)


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
        self.tools = Tools(self.bars, self.paraphrase, vectors)

    def check(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Verdict:
        if obeys_the_asker(summary):  # before the rules: it needs no reading of the policy
            return Verdict(False, "injected")
        reading = self.read(summary, sources, facts)
        if reading.hard is not None:
            return reading.hard
        # After the reading the decision is trained on, so its weights stay as trained.
        invented = self._sends_to_unstated_party(summary, sources, facts)
        if invented is not None:
            return invented
        if self.decision is None:
            return reading.rule
        if self.decision.accepts(reading.claims, reading.sentences, reading.rule.accepted):
            return Verdict(True)
        if not reading.rule.accepted:
            return reading.rule
        weakest = min(reading.claims, key=lambda c: c.recall)  # some claim exists: rule passed
        return Verdict(False, "unsupported", weakest.sentence)

    def _sends_to_unstated_party(
        self, summary: str, sources: Sequence[Source], facts: Sequence[str]
    ) -> Verdict | None:
        """A literal rejection for the first sentence naming a role, a line manager or
        HR, that the passages never name (`parties.py`)."""
        evidence = self.prepared.get(sources, facts)  # cached by `read`
        for position, sentence in enumerate(split_sentences(summary)):
            if unstated_parties(sentence, evidence):
                return Verdict(False, "literal", position)
        return None

    def warm(self, summaries: Sequence[str], *, batch: int = 64) -> int:
        """Embed the words and clauses of many summaries now, in large batches (an
        evaluation scores hundreds; one by one, most of its time goes on small forward
        passes). The vectors are cached, so the checks that follow embed nothing new.
        Returns how many words and clauses were asked for."""
        claims = [[c for parts in claims_of(split_sentences(x)) for c in parts] for x in summaries]
        words, texts = _to_embed(claims)
        for todo in (words, texts):
            for start in range(0, len(todo), batch):
                self.word_vectors.vectors(todo[start : start + batch])
        return len(words) + len(texts)

    def read(self, summary: str, sources: Sequence[Source], facts: Sequence[str] = ()) -> Reading:
        sentences = split_sentences(summary)
        if not sentences:
            return Reading(Verdict(False, "empty"), Verdict(False, "empty"), (), 0)
        if len(sentences) > self.bars.max_sentences or len(summary) > self.bars.max_chars:
            return Reading(Verdict(False, "shape"), Verdict(False, "shape"), (), len(sentences))
        evidence = self.prepared.get(sources, facts)
        claims = claims_of(sentences)
        asked, texts = _to_embed(claims)
        table = dict(zip(asked, self.word_vectors.vectors(asked), strict=True)) if asked else {}
        # Every clause's sentence cosine is a signal: embed the new clauses in one batch
        # (kept by the vectors' cache), not one forward pass each.
        self.word_vectors.vectors(texts)
        hard: Verdict | None = None
        rule = Verdict(True)
        signals: list[ClaimSignals] = []
        for position, (sentence, parts) in enumerate(zip(sentences, claims, strict=True)):
            missing = set(unstated_literals(literals_of(sentence), evidence.literals))
            if missing - counted(sentence, evidence.lists) or unstated_names(sentence, evidence):
                hard = hard or Verdict(False, "literal", position)
            for claim in parts:
                found = measure(claim, evidence, table, position, self.tools)
                if found == "section":
                    hard = hard or Verdict(False, "section", position)
                elif found == "opposed":
                    hard = hard or Verdict(False, "polarity", position)
                elif isinstance(found, ClaimSignals):
                    signals.append(found)
                    if found.reason and rule.accepted:
                        rule = Verdict(False, found.reason, position)
        return Reading(hard, rule, tuple(signals), len(sentences))


def claims_of(sentences: Sequence[str]) -> list[list[Claim]]:
    """Each sentence's clauses as claims; none for a sentence that only echoes the
    asker's question (`asked.py`), whose literals are still checked."""
    claims = [[read_claim(c) for c in clauses(s)] for s in sentences]
    echoes = question_frames(sentences, claims)
    return [[] if i in echoes else parts for i, parts in enumerate(claims)]


def _to_embed(claims: Sequence[Sequence[Claim]]) -> tuple[list[str], list[str]]:
    """The content words (each once, sorted) and the clauses with content a check of
    these claims embeds."""
    words = sorted({w for parts in claims for c in parts for w in c.content})
    return words, [c.text for parts in claims for c in parts if c.content]
