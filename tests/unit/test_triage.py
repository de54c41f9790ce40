"""Triage against the labelled set, plus the lines between a report and a question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.triage import Triage, classify

EVAL = Path(__file__).resolve().parents[1] / "eval"
CASES = EVAL / "triage.jsonl"
# Written after the rules, by people who had not read them: the forecast of held-out scores.
FRESH = (EVAL / "triage_fresh.jsonl", EVAL / "triage_fresh2.jsonl")
KINDS = ("media", "safeguarding", "harassment")


def _load(path: Path = CASES) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _scores(rows: list[dict[str, object]]) -> dict[str, tuple[float, float]]:
    got = [classify(str(row["text"])).escalation for row in rows]
    want = [row.get("escalate") for row in rows]
    scores = {}
    for kind in KINDS:
        tp = sum(g == w == kind for g, w in zip(got, want, strict=True))
        predicted = sum(g == kind for g in got)
        actual = sum(w == kind for w in want)
        scores[kind] = (tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)
    return scores


def test_labelled_set_is_big_enough() -> None:
    rows = _load()
    for kind in KINDS:
        assert sum(r.get("escalate") == kind for r in rows) >= 20
    assert sum("escalate" not in r for r in rows) >= 70
    assert len({r["id"] for r in rows}) == len(rows)


def test_precision_and_recall_per_kind() -> None:
    rows = _load()
    scores = _scores(rows)
    assert scores["safeguarding"][1] == 1.0, scores
    for kind in KINDS:
        precision, recall = scores[kind]
        assert precision >= 0.9 and recall >= 0.9, (kind, scores)
    got = [classify(str(r["text"])).escalation for r in rows]
    accuracy = sum(g == r.get("escalate") for g, r in zip(got, rows, strict=True)) / len(rows)
    assert accuracy >= 0.95
    false_escalations = sum(
        g is not None and "escalate" not in r for g, r in zip(got, rows, strict=True)
    )
    assert false_escalations <= 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What should I do if a journalist contacts me?", None),
        ("A journalist has just emailed me asking for a comment", "media"),
        ("if a reporter ever DMs me, what do I say?", None),
        ("A reporter DM'd me, what do I say?", "media"),
        ("How do I report harassment?", None),
        ("Someone keeps messaging me threats, how do I report it?", "harassment"),
        ("What if a child on our page posts their address?", None),
        ("A child on our page posted their address", "safeguarding"),
        ("not sure if this counts, a kid on our page posted their address", "safeguarding"),
        ("what do I do if someone on our page has just said they want to end it", "safeguarding"),
        ("No journalist has contacted me, I'm just asking", None),
        ("I'm not being harassed, I just want to know the rules", None),
        ("Can I post: 'A journalist asked me about our work today'", None),
        ('Can I post: "If you feel suicidal, call Samaritans"', None),
        ('Someone commented "I\'m going to end it tonight" on our post', "safeguarding"),
        ("A journalist keeps sending me threatening messages", "harassment"),
        ("", None),
    ],
)
def test_reports_versus_questions(text: str, kind: str | None) -> None:
    assert classify(text).escalation == kind


@pytest.mark.parametrize("path", FRESH, ids=lambda p: p.stem)
def test_fresh_sets_meet_the_held_out_targets(path: Path) -> None:
    rows = _load(path)
    got = [classify(str(r["text"])).escalation for r in rows]
    missed_safeguarding = [
        r["id"] for g, r in zip(got, rows, strict=True) if r.get("escalate") == "safeguarding" != g
    ]
    assert not missed_safeguarding
    accuracy = sum(g == r.get("escalate") for g, r in zip(got, rows, strict=True)) / len(rows)
    assert accuracy >= 0.95
    false_escalations = [
        r["id"] for g, r in zip(got, rows, strict=True) if g is not None and "escalate" not in r
    ]
    assert len(false_escalations) <= 1, false_escalations


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # reported speech: an "if" inside what someone wrote does not make it hypothetical
        (
            "a teen replied to our story 'everyone would be happier if i disappeared for good'",
            "safeguarding",
        ),
        ("What should I do if someone writes that they want to disappear for good?", None),
        # self-harm without the word suicide
        ("one of the young carers says she's been hurting herself again", "safeguarding"),
        (
            "a panel member posted that she's given all her things away and wrote goodbye notes",
            "safeguarding",
        ),
        # grooming moves and money taken from adults at risk
        ("a kid on our discord says a man told her to keep their chats secret", "safeguarding"),
        (
            "a resident at the care home we work with says her nephew takes her pension",
            "safeguarding",
        ),
        ("an 11 year old in our comments keeps asking to be our friend", "safeguarding"),
        # the catch-all: a vulnerable person and a sign of danger in a reported event
        ("a boy on the youth forum messaged that his brother is threatening him", "safeguarding"),
        ("The young advisers said they were scared of presenting but did brilliantly", None),
        ("our involvement group ran a session on online safety for teenagers", None),
        # news and history are talk
        (
            "I read an article about a girl groomed on a game app, does our policy cover games?",
            None,
        ),
        ("Back in 2021 a reporter rang me and comms handled it, what's the process now?", None),
        ("When I was at my old trust a journalist doorstepped me, how does the HRA help?", None),
        # irrealis and pretend scenarios
        ("A journalist would never bother calling me lol", None),
        ("Role-play for training: a reporter from the Mirror has rung you. What next?", None),
        # an outlet named as the source of coverage, not a contact
        ("A colleague asked me about the BBC article on trial delays, what should I say?", None),
        # outlets and programme makers of every size
        ("A writer for a trade magazine has emailed asking me for a quote", "media"),
        ("someone from the Mirror just rang the approvals office about the trial", "media"),
        ("Should I reply to a journalist who emailed me this morning?", "media"),
        ("how do I deal with a reporter who wants a comment?", None),
        # harassment: impersonation, doxxing, threats to family
        ("someone has made a fake Instagram profile with my photo and HRA job title", "harassment"),
        (
            "an email said they know where my son goes to school, because of my REC role",
            "harassment",
        ),
        ("Does the policy cover staff being impersonated online?", None),
        # ages told in the first or third person; plans and endings without "suicide"
        (
            "a reply on our page from someone who says they're 13: a coach tells them not to tell "
            "anyone about their chats",
            "safeguarding",
        ),
        (
            "a girl from the youth forum wrote she's 'done with it all' and has a plan for tonight",
            "safeguarding",
        ),
        (
            "she said she is done with everything to do with exams lol, can we move the meeting?",
            None,
        ),
        ("accounts in our comments are sharing clips glorifying a mass shooting", "safeguarding"),
        ("the teens on our panel did a photo shoot for the campaign, can I share it?", None),
        # asking leave for one's own next step is a question
        ("is it ok to meet up with a young person from the panel to talk about the project?", None),
    ],
)
def test_cue_families_and_guards(text: str, kind: str | None) -> None:
    assert classify(text).escalation == kind


def test_result_is_a_small_frozen_record_without_the_words() -> None:
    result = classify("A reporter from the Times rang me about the study")
    assert isinstance(result, Triage)
    assert result.reasons and all("times" not in reason for reason in result.reasons)
    with pytest.raises(AttributeError):
        result.escalation = None  # type: ignore[misc]
