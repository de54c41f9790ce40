"""Issue 15 round 8: a warm chat voice's courtesy ("Good question!") and hedges ("It's
worth knowing that …", "Just so you're aware, …") state no rule and need no support; the
clause they open is read without them. And the sealed test batches stay out of training
by name, whether or not they are on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.phrasing import decision_train
from bot.core.phrasing.claims import clauses, content_words, is_pleasantry, read_claim


@pytest.mark.parametrize(
    "text",
    [
        "Good question!",
        "Great question!",
        "I'm sorry that's happened.",
        "Great to hear you're keen!",
        "You did the right thing to ask.",
    ],
)
def test_courtesy_alone_is_a_pleasantry(text):
    assert is_pleasantry(read_claim(text))


@pytest.mark.parametrize(
    "text",
    [
        "Always ask the communications team.",  # an instruction, and an "always"
        "Ask the team.",
        "Don't ask.",
        "Good practice is to post daily.",  # words a rule is made of
        "Three good questions.",  # a number is a literal
    ],
)
def test_a_clause_that_could_state_a_rule_is_no_pleasantry(text):
    assert not is_pleasantry(read_claim(text))


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("Yes, you can give a personal reference.", "you can give a personal reference."),
        ("In short, the list isn't complete.", "the list isn't complete."),
        ("Just make sure you respect your audience.", "make sure you respect your audience."),
        (
            "It's worth remembering that people may not be who they say they are.",
            "people may not be who they say they are.",
        ),
        (
            "Just so you're aware, not complying may lead to disciplinary action.",
            "not complying may lead to disciplinary action.",
        ),
        ("No, you shouldn't share it.", "No, you shouldn't share it."),  # its polarity
    ],
)
def test_an_opener_is_read_off_the_clause(sentence, clause):
    assert clauses(sentence) == [clause]


def test_a_hedge_adds_no_content_word():
    assert content_words("it's worth bearing both dates in mind") == ("dates",)
    assert content_words("it's worth checking the site's terms") == ("checking", "site", "terms")


def test_held_out_batches_stay_out_of_training_present_or_absent(tmp_path: Path):
    # Round 11: v21, v22 are spent dev, v23, v24 the sealed test (named before they exist);
    # round 9's v19, v20 train.
    assert {"v23-blind-test.jsonl", "v24-blind-test.jsonl"} <= decision_train.HELD_OUT_FILES
    assert not {"v19-blind-test.jsonl", "v20-blind-test.jsonl"} & decision_train.HELD_OUT_FILES
    for name in ("v2-blind-test.jsonl", "p3-blind-train.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in decision_train.training_files(tmp_path)] == [
        "p3-blind-train.jsonl",
        "v2-blind-test.jsonl",
    ]
    for name in decision_train.HELD_OUT_FILES:
        (tmp_path / name).write_text("", encoding="utf-8")
    assert not {p.name for p in decision_train.training_files(tmp_path)} & (
        decision_train.HELD_OUT_FILES
    )
