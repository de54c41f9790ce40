"""Draft checks before and after the precompiled profanity word set.

Each eval draft goes through `Assistant.handle` twice, once with better-profanity's own
word set (before) and once with the compiled one (after), in alternating order, after a
warm-up pass that fills the query cache for both: the two figures differ only by the
profanity check. The same run proves the answers are the same, on every eval draft and
on generated texts aimed at the library's edge cases.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from unittest import mock

from better_profanity import Profanity

from bot.app import Core
from bot.core.drafts import profanity
from bot.core.models import Message
from bot.evaluation import Case

from .measure import Timings
from .results import Outcome, Table, Target, ms, ratio, times

TITLE = "Draft checks: better-profanity's word set vs one precompiled regex"
SPEEDUP_TARGET = 5.0  # a ratio: these shared machines make absolute times noise
_SEPARATORS = (" ", ", ", ". ", "! ", "_", "-", "\n", "'", " (", ") ")
_ORDINARY = ("proud", "REC", "study", "approved", "stroke", "HIV", "assess", "class", "pass")


@contextmanager
def _using(word_filter: Profanity) -> Iterator[None]:
    # The draft rules ask `profanity._filter()` for the list; point it at the one measured.
    with mock.patch.object(profanity, "_filter", lambda: word_filter):
        yield


def generated(slow: Profanity, n: int, seed: int = 6) -> list[str]:
    """Texts of listed, allow-listed and ordinary words, some in leetspeak or capitals,
    joined by the separators the library's tokeniser treats differently."""
    rng = random.Random(seed)
    listed = sorted({str(w) for w in slow.CENSOR_WORDSET})
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            word = rng.choice(listed if rng.random() < 0.4 else _ORDINARY)
            word = "".join(
                rng.choice(slow.CHARS_MAPPING[c])
                if c in slow.CHARS_MAPPING and rng.random() < 0.3
                else (c.upper() if rng.random() < 0.1 else c)
                for c in word
            )
            parts += [word, rng.choice(_SEPARATORS)]
        out.append("".join(parts))
    return out


def _same_answers(slow: Profanity, fast: Profanity, texts: Sequence[str]) -> int:
    return sum(1 for t in texts if slow.censor(t) != fast.censor(t))


def run(core: Core, cases: Sequence[Case], *, quick: bool = False) -> Outcome:
    slow, fast = profanity.build_filter(compiled=False), profanity.build_filter()
    texts = list(dict.fromkeys(c.text for c in cases))
    assistant = core.assistant
    for text in texts:  # warm-up: the query cache holds every text for both passes
        with _using(fast):
            assistant.handle(Message(text=text, is_draft=True))
    before, after = Timings(), Timings()
    for i, text in enumerate(texts):
        order = [(slow, before), (fast, after)]
        for word_filter, timings in order if i % 2 == 0 else reversed(order):
            with _using(word_filter):
                timings.time(assistant.handle, Message(text=text, is_draft=True))
    sample = texts + generated(slow, 200 if quick else 5000)
    differ = _same_answers(slow, fast, sample)

    table = Table(["word set", "drafts", "p50", "p95", "p99"])
    for name, timings in (("better-profanity (before)", before), ("precompiled (after)", after)):
        table.add(name, timings.n, ms(timings.p(50)), ms(timings.p(95)), ms(timings.p(99)))
    speedup = ratio(before.p(95), after.p(95))
    return Outcome(
        key="drafts",
        title=TITLE,
        tables=[("`Assistant.handle` on the eval drafts, warm (ms)", table)],
        targets=[
            Target(
                "draft check p95",
                f"{ms(after.p(95))} after, {ms(before.p(95))} before ({times(speedup)} faster)",
                f"at least {SPEEDUP_TARGET:.0f}× faster than better-profanity's own set",
                speedup >= SPEEDUP_TARGET,
            ),
            Target(
                "same answers as better-profanity",
                f"{len(sample) - differ} of {len(sample)} texts censored identically",
                "all",
                differ == 0,
            ),
        ],
        data={
            "before_p50": before.p(50),
            "before_p95": before.p(95),
            "after_p50": after.p(50),
            "after_p95": after.p(95),
            "compared": len(sample),
            "differ": differ,
        },
    )
