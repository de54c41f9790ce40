"""Issue 15 round 10: everyday words for the policy's own. A plain "easy read" voice says
"workmates" for "colleagues" and "reporter" for "journalist": under the word bar, but
near a word of the passages, as an invented detail is not. The learned decision now
reads how near each clause's words come to any passage word and how much of the clause
its lines match at a looser cosine. And an instruction left with no word of its own once
its hedge is gone ("Keep this in mind.") is a frame, not a clause to match."""

from __future__ import annotations

from bot.core.phrasing.verifier import Source, Verifier

AUDIENCE = Source(
    "3.1",
    "Your online audience may include colleagues, service users, journalists and "
    "suppliers, and people may not be who they say they are.",
)


def _claims(word_vectors, summary: str):
    return Verifier(word_vectors, learned=False).read(summary, [AUDIENCE]).claims


def test_an_instruction_with_no_word_of_its_own_is_a_frame(word_vectors):
    summary = "People online may not be who they say they are. Keep this in mind."
    claims = _claims(word_vectors, summary)
    assert [c.sentence for c in claims] == [0]  # the second sentence asks for no support
    assert Verifier(word_vectors).read(summary, [AUDIENCE]).hard is None


def test_everyday_words_come_nearer_the_passages_than_invented_ones(word_vectors):
    (plain,) = _claims(word_vectors, "Your online groups may include workmates and reporters.")
    (invented,) = _claims(word_vectors, "Your online groups may include dentists and pilots.")
    assert plain.near > invented.near
    assert plain.far <= invented.far
    assert 0.0 <= plain.loose <= 1.0 and plain.loose >= plain.recall
