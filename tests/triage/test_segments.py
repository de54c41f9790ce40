"""Which pieces of a message triage reads: pure, no model."""

from __future__ import annotations

from bot.core.triage.segments import MAX_SEGMENTS, segments


def test_a_one_sentence_message_is_read_once() -> None:
    assert segments("  a journalist from the Leeds Post just rang me  ") == [
        "a journalist from the Leeds Post just rang me"
    ]


def test_a_report_inside_a_question_gets_its_own_sentence() -> None:
    text = "How do I save a DM before it vanishes? A 14 year old has been sending me photos."
    assert segments(text) == [
        text,
        "How do I save a DM before it vanishes?",
        "A 14 year old has been sending me photos.",
    ]


def test_pasted_email_lines_split_and_greetings_are_skipped() -> None:
    text = "not sure how to handle this\n\nHi Sam,\nI'm writing a piece for the Echo on trials"
    pieces = segments(text)
    assert pieces[0] == text
    assert "Hi Sam," not in pieces
    assert "I'm writing a piece for the Echo on trials" in pieces


def test_an_enormous_message_is_bounded_and_keeps_its_longest_sentences() -> None:
    short = ["This is filler text."] * 200
    text = " ".join([*short, "This one sentence is much longer than all the filler around it."])
    pieces = segments(text)
    assert len(pieces) == MAX_SEGMENTS + 1
    assert "This one sentence is much longer than all the filler around it." in pieces


def test_empty_and_odd_unicode_never_raise() -> None:
    assert segments("") == [""]
    assert segments("\u200b\u202e🙂 ok?!\n\n\n") == ["\u200b\u202e🙂 ok?!"]
