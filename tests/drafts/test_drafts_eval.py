"""Score tests/eval/drafts.jsonl through extract_draft + check_draft, as the eval does."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bot.core.drafts import check_draft, extract_draft
from ingest.facts import extract_facts
from ingest.sections import parse_document

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "eval" / "drafts.jsonl"
POLICY = REPO / "knowledge" / "hra-social-media-policy.txt"


def test_labelled_drafts_meet_the_targets() -> None:
    doc = parse_document(POLICY.read_text(encoding="utf-8"), POLICY.stem)
    facts = extract_facts(doc.sections)
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]
    assert len(cases) >= 60
    right, flagged, found = 0, Counter[str](), Counter[str]()
    wrong: list[str] = []
    for case in cases:
        request = extract_draft(case["text"])
        result = check_draft(request, facts, doc.sections) if request else None
        verdict = result.verdict if result else None
        sections = {f.section for f in result.findings} if result else set()
        if verdict in case["verdict"]:
            right += 1
        else:
            wrong.append(f"{case['id']}: {verdict} not in {case['verdict']}")
        for section in case.get("flags", []):
            flagged[section] += 1
            found[section] += section in sections
    accuracy = right / len(cases)
    recall = {s: found[s] / flagged[s] for s in flagged}
    assert accuracy >= 0.9, wrong
    assert all(r >= 0.9 for r in recall.values()), recall
