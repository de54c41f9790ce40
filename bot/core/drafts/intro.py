"""Whether the words around a pasted post call it the sender's own, by meaning.

A draft often follows a report-like story ("A reporter DMed me about my thread.
Thinking of replying: '...'", "One of the teenagers commented on our post. My reply:
'...'"), and a post mentioning a child, a journalist or abuse reads to the triage
classifier as a report of one. What tells the two apart is how the quoted words are
introduced and what is asked after them: "My reply:", "Drafted:", "...too spicy?" make
them the sender's; "she wrote:", "the DM said", "what do I do?" make them someone
else's. The whole message's meaning mixes the story in; the introduction alone does not.

So one logistic regression reads the introduction (the last words before the pasted
post and the first after it: their embedding and their words) with the whole message's
embedding, and gives the probability of a draft rather than a question or a report. It
is trained by `policybot train drafts` on the triage train split and the blind draft
batches (`intro_train.py`; figures in `weights/RECOGNISE_CARD.md`). Two bars: `bar`
lets a harassment reading, or a message no cue phrase splits, yield to the draft check
(the report stays one click away). Neither a media nor a safeguarding reading ever
yields to it (`draft_reply.py`, `assistant.py`): safeguarding is recall-first, and a
missed safeguarding report is the worst failure this product can have, worse than a
draft escalated. `safeguarding_bar` (over which no safeguarding report of the train
split was read out of fold) is kept in the card as a measure of that margin only.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.ranking.model import LinearModel

from .detect import QUOTES, DraftRequest, platform_of

WEIGHTS = Path(__file__).with_name("weights") / "intro.json"
LEAD_WORDS = 12  # the words just before the post: "...and I've had ENOUGH. Reply:"
TAIL_WORDS = 20  # the ask after it: "Too spicy? I think he deserves it tbh"
MIN_POST_WORDS = 8  # a quoted phrase shorter than this is asked about, not pasted
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n+")


def _last_words(text: str, n: int) -> str:
    """The last sentence before the post, at most `n` words."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    last = parts[-1] if parts else ""
    return " ".join(last.split()[-n:])


def _first_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def post_span(text: str) -> tuple[int, int] | None:
    """Where the pasted post is: the longest quoted span of `MIN_POST_WORDS` or more, or
    else, in a message of several paragraphs, the longest paragraph."""
    spans = [
        m.span(1)
        for pattern in QUOTES
        for m in pattern.finditer(text)
        if len(m.group(1).split()) >= MIN_POST_WORDS
    ]
    if not spans:
        paragraphs = [m.span() for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
        if len(paragraphs) < 2:
            return None
        spans = [s for s in paragraphs if len(text[s[0] : s[1]].split()) >= MIN_POST_WORDS]
    if not spans:
        return None
    return max(spans, key=lambda s: s[1] - s[0])


def introduction(text: str) -> tuple[str, str] | None:
    """The words that introduce the pasted post and those that follow it, or None when
    there is no post to set apart (nothing long quoted, one paragraph) or nothing around it."""
    span = post_span(text)
    if span is None:
        return None
    lead = _last_words(text[: span[0]].rstrip("“\"‘'` \n"), LEAD_WORDS)
    tail = _first_words(text[span[1] :].lstrip("”\"’'` \n"), TAIL_WORDS)
    return (lead, tail) if lead or tail else None


def intro_text(parts: tuple[str, str]) -> str:
    return f"{parts[0]} … {parts[1]}".strip(" …")


def grams(parts: tuple[str, str]) -> set[str]:
    """Words and word pairs, marked by side: "before:my reply", "after:too spicy"."""
    out: set[str] = set()
    for side, part in zip(("before", "after"), parts, strict=True):
        words = re.findall(r"[a-z']+", part.lower())
        out |= {f"{side}:{w}" for w in words}
        out |= {f"{side}:{a} {b}" for a, b in itertools.pairwise(words)}
    return out


def _unit(vector: np.ndarray) -> np.ndarray:
    out: np.ndarray = (vector / max(float(np.linalg.norm(vector)), 1e-9)).astype(np.float64)
    return out


def feature_row(
    parts: tuple[str, str], intro: np.ndarray, whole: np.ndarray, vocab: Sequence[str]
) -> np.ndarray:
    """The introduction's embedding, its words (those in `vocab`), the whole message's
    embedding: the story still matters, the words around the post say whose it is."""
    found = grams(parts)
    words = np.array([float(g in found) for g in vocab])
    return np.concatenate([_unit(intro), words, _unit(whole)])


@dataclass(frozen=True)
class IntroModel:
    model: LinearModel
    vocab: tuple[str, ...]
    bar: float  # over a media or harassment reading, or none
    safeguarding_bar: float  # reported in the card; safeguarding never yields

    def probability(self, parts: tuple[str, str], intro: np.ndarray, whole: np.ndarray) -> float:
        row = feature_row(parts, intro, whole, self.vocab)
        return float(self.model.probability(row[None, :])[0])

    def to_dict(self) -> dict[str, Any]:
        return {
            "bar": self.bar,
            "safeguarding_bar": self.safeguarding_bar,
            "vocab": list(self.vocab),
            "model": self.model.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntroModel:
        return cls(
            LinearModel.from_dict(data["model"]),
            tuple(data["vocab"]),
            float(data["bar"]),
            float(data["safeguarding_bar"]),
        )


def load_intro(path: Path = WEIGHTS) -> IntroModel | None:
    """The shipped model, or None: then a report reading is never overridden by it."""
    if not path.is_file():
        return None
    return IntroModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def pasted_draft(text: str) -> DraftRequest | None:
    """The pasted post as the draft, quoted or not ("Message for the group: ... Is
    WhatsApp even covered?"), used only when the model reads its introduction as the
    sender's own post."""
    span = post_span(text)
    if span is None:
        return None
    draft = text[span[0] : span[1]].strip()
    question = " ".join(f"{text[: span[0]]} … {text[span[1] :]}".split())
    return DraftRequest(draft=draft, question=question, platform_hint=platform_of(question, draft))
