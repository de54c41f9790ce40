"""The precompiled word set answers exactly as better-profanity itself does, on the blind
draft batches and on generated texts built to hit its edge cases: leetspeak, case,
multi-word phrases, separators, allow-listed words, one-letter texts. (The library takes
~50 ms a text here, so the suite compares ~800 texts; `python -m bench --only drafts`
compares every eval draft and 5,000 generated texts.)"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from better_profanity import Profanity

from bot.core.drafts.profanity import _ALLOWED, _BRITISH, build_filter, has_obscenity
from bot.core.drafts.wordset import CompiledWordSet

EVAL = Path(__file__).resolve().parents[1] / "eval"
SEPARATORS = [" ", "  ", ", ", ". ", "! ", "_", "-", "\n", "'", '"', "…", " (", ") ", "/", "#"]
ORDINARY = [
    "proud",
    "of",
    "my",
    "REC",
    "today",
    "the",
    "study",
    "was",
    "approved",
    "patients",
    "research",
    "ethics",
    "committee",
    "join",
    "us",
    "at",
    "the",
    "conference",
    "thanks",
    "to",
    "the",
    "team",
    "great",
    "news",
    "NHS",
    "trial",
    "results",
    "stroke",
    "HIV",
    "breasts",
    "god",
    "weed",
    "hell",
    "screw",
    "class",
    "assess",
    "grass",
    "Scunthorpe",
    "cocktail",
    "shitake",
    "analysis",
    "assassin",
    "therapist",
    "pass",
    "sussex",
    "essex",
    "cumbria",
]


@pytest.fixture(scope="module")
def filters() -> tuple[Profanity, Profanity]:
    return build_filter(compiled=False), build_filter()


def _leet(word: str, rng: random.Random, char_map: dict[str, tuple[str, ...]]) -> str:
    out = []
    for char in word:
        if char in char_map and rng.random() < 0.3:
            out.append(rng.choice(char_map[char]))
        else:
            out.append(char.upper() if rng.random() < 0.15 else char)
    return "".join(out)


def _generated(slow: Profanity, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    listed = sorted(str(w) for w in slow.CENSOR_WORDSET)
    pools = [listed, ORDINARY, sorted(_ALLOWED), _BRITISH]
    texts = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 9)):
            pool = rng.choices(pools, weights=[3, 5, 2, 1])[0]
            word = rng.choice(pool)
            words.append(_leet(word, rng, slow.CHARS_MAPPING) if rng.random() < 0.5 else word)
            words.append(rng.choice(SEPARATORS))
        text = "".join(words)
        texts.append(text.strip() if rng.random() < 0.5 else text)
    texts += ["", "a", "ab", " x", "x ", "***", "$", "sh1t", "a$$", "f u c k", "hand_job"]
    return texts


def _drafts() -> list[str]:
    texts = []
    for path in (EVAL / "drafts_fresh.jsonl", EVAL / "drafts_fresh2.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def test_same_answers_as_better_profanity(filters: tuple[Profanity, Profanity]) -> None:
    slow, fast = filters
    texts = _drafts() + _generated(slow, 600, seed=14)
    differ = [t for t in texts if slow.censor(t) != fast.censor(t)]
    assert differ == [], differ[:5]
    flagged = sum(slow.contains_profanity(t) for t in texts)
    # The sample exercises both answers plentifully, or it would prove little.
    assert 0.2 * len(texts) < flagged < 0.8 * len(texts)


def test_the_compiled_set_is_the_librarys_set(filters: tuple[Profanity, Profanity]) -> None:
    slow, fast = filters
    assert isinstance(fast.CENSOR_WORDSET, CompiledWordSet)
    assert sorted({str(w) for w in slow.CENSOR_WORDSET}) == fast.CENSOR_WORDSET.words
    assert "stroke" not in fast.CENSOR_WORDSET and "bollocks" in fast.CENSOR_WORDSET
    assert "b0ll0cks" in fast.CENSOR_WORDSET  # the leetspeak map applies


def test_has_obscenity_uses_the_compiled_set() -> None:
    assert has_obscenity("What a load of bollocks") and not has_obscenity("Stroke research day")
