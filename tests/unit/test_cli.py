"""The policybot command as a newcomer and the eval tooling use it (real model, real store)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_jsonl_round_trip_keeps_ids_order_and_survives_bad_lines(ingested):
    lines = [
        json.dumps({"id": "a", "text": "what's the out of hours comms number?"}),
        "this is not json",
        json.dumps({"id": "b", "text": "Where do I claim mileage?"}),
        json.dumps({"id": "c", "text": 'can I post: "lovely walk with the dog today"'}),
        json.dumps({"id": "d", "nope": 1}),
        "",
        json.dumps({"id": "e", "text": "A reporter from the Guardian just rang me for a quote"}),
    ]
    result = CliRunner().invoke(main, ["ask", "--jsonl", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o.get("id") for o in out] == ["a", None, "b", "c", "d", "e"]
    assert "07968 149916" in out[0]["text"] and out[0]["kind"] == "answer"
    assert "error" in out[1] and "error" in out[4]
    assert out[2]["kind"] == "not_covered"
    assert out[3]["kind"] == "post_check" and out[3]["post_check"]["verdict"] == "ok"
    assert out[5]["kind"] == "escalation" and out[5]["escalation"]["kind"] == "media"
    assert set(out[0]) == {
        "id",
        "kind",
        "text",
        "citations",
        "escalation",
        "post_check",
        "report_action",
        "phrased_by",
    }
    assert out[0]["phrased_by"] is None  # off by default


def test_ask_json_prints_the_reply_contract(ingested):
    result = CliRunner().invoke(main, ["ask", "--json", "Can I use the HRA logo on my profile?"])
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout.strip().splitlines()[-1])
    assert reply["kind"] == "answer"
    assert reply["citations"][0] == {
        "section": "3.1",
        "title": "Participating in online activities",
        "quote": reply["citations"][0]["quote"],
    }
    assert "logo" in reply["citations"][0]["quote"]


def test_eval_prints_figures_and_fails_under_the_floor(tmp_path, ingested):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "x", "text": "do I need a disclaimer on my blog?", "sections": ["3.3"]})
        + "\n"
        + json.dumps({"id": "y", "text": "how do I claim mileage?", "sections": ["3.5"]})
        + "\n"
    )
    result = CliRunner().invoke(main, ["eval", str(cases), "--show-failures"])
    assert result.exit_code == 1
    assert "section hit@3      0.500 (1/2)" in result.output
    assert "y: cited []" in result.output
    assert "latency p50/p95" in result.output


def test_eval_reads_bad_case_files_with_a_clear_error(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "x"}\n')
    result = CliRunner().invoke(main, ["eval", str(cases)])
    assert result.exit_code == 1
    assert "cases.jsonl:1: not a case" in result.output


def test_chat_in_a_terminal_answers_and_records_a_confirmed_report(tmp_path):
    """The README's run command ends in `policybot chat`: drive it like a person would,
    on a fresh machine (the first question ingests the policy)."""
    # A newcomer's first word is often a greeting: it gets what the bot can do.
    session = (
        "hello\nwhat's the out of hours comms number?\n"
        "a journalist from the BBC just emailed me\ny\n/quit\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=session,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "What I can do" in done.stdout and "Check a post" in done.stdout
    assert "07968 149916" in done.stdout
    assert "§3.5 Responding to the media" in done.stdout or "§3.1" in done.stdout
    assert "Report this now" in done.stdout
    assert "Recorded as escalation #1" in done.stdout
    listed = CliRunner().invoke(main, ["escalations", "list"])
    assert "media" in listed.output and "open" in listed.output


def test_chat_report_after_an_answer_on_reporting_passes_the_message_on(ingested):
    """Under an answer that quotes the reporting rules, /report sends the message asked."""
    asked = "what should I do if I ever get abuse online because of my job?"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=f"{asked}\n/report\n/quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "type /report" in done.stdout and "team?" not in done.stdout
    assert "Recorded as escalation #1" in done.stdout
    listed = CliRunner().invoke(main, ["escalations", "list"])
    assert "harassment" in listed.output
