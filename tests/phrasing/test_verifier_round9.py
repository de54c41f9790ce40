"""Issue 15 round 9: polarity read word by word. A clause read as negated whole ("it's
fine to accept friend requests …, just don't go looking") may still restate a rule's
words under the other polarity; the learned decision now sees how many of its matched
words sit in a clause forbidding where their policy line's asks (or back), and whether
it waives a step ("you don't need to …") no line waives."""

from __future__ import annotations

import pytest

from bot.core.phrasing.claims import waives
from bot.core.phrasing.verifier import Source, Verifier

POLICY = Source(
    "3.2",
    "Do not accept 'friend' requests from children or young people you suspect to be "
    "underage, and do not target them.",
)
EDITS = Source(
    "3.1",
    "Don't pick fights, be the first to correct your own mistakes, and don't change "
    "previous posts without indicating you have done so.",
)


@pytest.mark.parametrize(
    "text",
    [
        "you don't need to say you've done it",
        "there's no need to ask the team",
        "staff aren't required to add a disclaimer",
        "a disclaimer is optional",
    ],
)
def test_a_negated_obligation_waives(text):
    assert waives(text)


@pytest.mark.parametrize(
    "text", ["you don't need permission to be rude", "don't post it", "you must not ask"]
)
def test_a_prohibition_waives_nothing(text):
    assert not waives(text)


def _signals(word_vectors, summary: str, source: Source):
    return Verifier(word_vectors, learned=False).read(summary, [source]).claims


def test_words_restated_under_the_other_polarity_are_counted(word_vectors):
    flipped = _signals(
        word_vectors,
        "It's fine to accept friend requests from children you suspect are underage, "
        "just don't go looking for them.",
        POLICY,
    )
    faithful = _signals(
        word_vectors,
        "Don't accept friend requests from children you suspect are underage.",
        POLICY,
    )
    assert max(c.flipped for c in flipped) >= 3
    assert max(c.flipped for c in faithful) == 0


def test_a_waiver_the_line_does_not_give_is_marked(word_vectors):
    waived = _signals(
        word_vectors, "If you change a previous post, you don't need to say so.", EDITS
    )
    kept = _signals(word_vectors, "Don't change previous posts without indicating it.", EDITS)
    assert any(c.waives for c in waived)
    assert not any(c.waives for c in kept)
