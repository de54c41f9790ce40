"""Polarity and force of a claim against the policy lines that support it: the hand
rules whose outcome the verifier's learned decision reads (`decision.py`).

Pure: claims in, a reason (or None) out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .claims import Claim
from .support import Line


@dataclass(frozen=True)
class Reading:
    """A policy line as it bears on one claim: negated when any of the claim's words
    was matched in a clause that forbids ("if a child is named, do not use their
    image"), not when they all sit in one that asks ("be the first to correct …")."""

    line: Claim
    negated: bool


def reading(line: Line, matched: np.ndarray, forbids: np.ndarray) -> Reading:
    if not matched.any():
        return Reading(line.claim, line.claim.negated)
    return Reading(line.claim, bool(forbids[matched].any()))


def force(claim: Claim, support: list[Reading], tied: list[Reading]) -> str | None:
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
