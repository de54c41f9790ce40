"""One clause measured against the passages' lines: the signals the hand rules and the
learned decision read (`ClaimSignals`), or a wrong section number.

The support step: the clause's content words matched by its best line (two for a
compound clause), by stem or word vector; the paraphrase route for a narrow miss;
polarity and force read on the same line; and what the decision reads beside the
rules' verdicts (how near each word comes to the passages, the closest line in
meaning, how far the clause widens its lines). Split from `verifier.py`, which reads a
summary into clauses and decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.core.lexical import stem

from .claims import OPEN_LIST, Claim, calls_list_open, is_pleasantry, waives, word_negations
from .decision import ClaimSignals
from .force import Reading, force, reading
from .literals import literals_of, section_refs
from .paraphrase import Paraphrase, hardening
from .scope import hedge_dropped, restriction_dropped, scope_unstated
from .support import OPPOSITES, Line, Prepared, WordVectors

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
class Tools:
    """What measuring a clause needs besides the evidence: the bars, the paraphrase
    route and the word vectors (the verifier's own)."""

    bars: Bars
    paraphrase: Paraphrase
    vectors: WordVectors


def measure(
    claim: Claim,
    evidence: Prepared,
    table: dict[str, np.ndarray],
    position: int,
    tools: Tools,
) -> ClaimSignals | str | None:
    """The claim's signals; "section" for a wrong section number, "opposed" for a word
    whose opposite its support uses, None for a frame
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
    hits = scores >= tools.bars.word
    recall = hits.sum(axis=0) / hits.shape[0]  # per evidence line
    order = np.argsort(-(recall + scores.mean(axis=0) * 1e-3), kind="stable")
    bar = tools.bars.instruction_recall if claim.instructs else tools.bars.recall
    best = [int(order[0])]
    if len(order) > 1 and not _passes(tools.bars, hits[:, order[0]], bar):
        # A compound claim: its words need a second line.
        joined = hits[:, order[0]] | hits[:, order[1]]
        if joined.sum() > hits[:, order[0]].sum():
            best.append(int(order[1]))
    matched = np.any(hits[:, best], axis=1)
    support = [lines[i] for i in best]
    named = {line.section for line in support}
    # The policy's own "see section 3.1" counts, in the line's own words: a list's
    # opening "In addition to the behaviours outlined in section 3.1, …" does not make
    # its bullets section 3.1's.
    named |= {ref for line in support for ref in _line_refs(line.sentence or line.claim.text)}
    if literals.sections - named:
        return "section"
    if _opposed(claim.text.replace("n't", " not"), claim.content, matched, support):
        return "opposed"
    texts = _texts(support)
    read: dict[int, Reading] = {}  # each line as it bears on this claim, read once

    def line_at(i: int) -> Reading:
        if i not in read:
            read[i] = reading(lines[i], hits[:, i], forbids[:, i])
        return read[i]

    by_words = _passes(tools.bars, matched, bar)
    cosine = tools.paraphrase.similarity(claim.text, texts)
    by_sense = not by_words and tools.paraphrase.supports(claim, matched, texts, cosine)
    reason = None if by_words or by_sense else "unsupported"
    if reason is None:
        tied = [int(i) for i in order[:5] if recall[i] >= recall[best[0]] - 1e-9]
        reason = force(
            claim,
            [line_at(i) for i in best],
            [line_at(i) for i in tied],
        )
    unstated, unnamed, hardened = hardening(claim, matched, texts)
    # The line closest in meaning, whatever words it shares: a clause resting by its
    # words on one line may restate (or reverse) another.
    anywhere, near = tools.paraphrase.closest(claim.text, evidence.texts)
    readings = [line_at(i) for i in best]
    reversed_by = 0.0
    if near not in best and line_at(near).negated != claim.negated:
        reversed_by = max(0.0, anywhere - cosine)  # how much closer than the support
    # Words the support leaves unmatched that a nearby line of the other polarity
    # does match: "use social media to collect data, following the Act" resting on
    # "follow the Act" and borrowing from "do not use social media to collect data".
    borrowed = max(
        (
            int(np.count_nonzero(hits[:, i] & ~matched))
            for i in (int(j) for j in order[:RIVALS])
            if i not in best and line_at(i).negated != claim.negated
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
            claim.content, words, texts, tools.vectors, tools.bars.word
        ),
        scope_unstated=scope_unstated(claim.text, texts),
        borrowed_reversed=borrowed,
    )


def _opposed(text: str, content: tuple[str, ...], matched: np.ndarray, support: list[Line]) -> bool:
    """A word the support leaves unmatched whose opposite the support uses ("an open
    environment" on "a closed environment"): the clause reverses its line."""
    used = {stem(w) for line in support for w in line.claim.content}
    return any(
        not hit
        and any(o in used for o in OPPOSITES.get(stem(w), ()))
        and not _negates(text, w)  # "sites that are not approved" is "unapproved"
        for w, hit in zip(content, matched, strict=True)
    )


@lru_cache(maxsize=4096)
def _negates(text: str, word: str) -> bool:
    """Whether `word` follows a "not" or "never" closely in `text`."""
    return bool(re.search(rf"\b(?:not|never|no)\s+(?:\w+\s+)?{re.escape(word)}\b", text, re.I))


def _passes(bars: Bars, matched: np.ndarray, bar: float) -> bool:
    allowed = bars.unmatched if len(matched) >= bars.unmatched_from else 0
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
