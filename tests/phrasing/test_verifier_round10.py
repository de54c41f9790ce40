"""Issue 15 round 10: an instruction left with no word of its own once its hedge is
gone ("Keep this in mind.", from the p6 batch's easy-read voice) is a frame around the
rule before it, not a clause to match (it raised: no word to look up)."""

from __future__ import annotations

from bot.core.phrasing.verifier import Source, Verifier

AUDIENCE = Source(
    "3.1",
    "Your online audience may include colleagues, service users, journalists and "
    "suppliers, and people may not be who they say they are.",
)


def test_an_instruction_with_no_word_of_its_own_is_a_frame(word_vectors):
    summary = "People online may not be who they say they are. Keep this in mind."
    reading = Verifier(word_vectors, learned=False).read(summary, [AUDIENCE])
    assert [c.sentence for c in reading.claims] == [0]  # the second asks for no support
    assert reading.hard is None
    Verifier(word_vectors).check(summary, [AUDIENCE])  # and the learned path checks it
