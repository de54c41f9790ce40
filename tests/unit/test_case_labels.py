"""Case files say "out of scope" two ways; both are scored as out of scope."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.models import Reply
from bot.evaluation import load_cases, score_all


def test_an_empty_section_list_is_out_of_scope_like_oos_true(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "how do I book annual leave?", "sections": []},
        {"id": "b", "text": "what's the expenses rate per mile?", "oos": True},
        {"id": "c", "text": "ok to post? 'lovely day at work'", "verdict": ["ok"], "flags": []},
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    cases = load_cases(path)
    assert [c.oos for c in cases] == [True, True, False]
    refused = Reply(kind="not_covered", text="The policy doesn't cover this.")
    scores = score_all((case, refused, 1.0) for case in cases[:2])
    assert scores.oos_refused.value == 1.0
    assert scores.answerable_refused.total == 0  # neither counted as an answerable question
