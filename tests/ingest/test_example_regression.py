"""`policybot ingest` re-asks the policy's example questions and lists those whose answer
changed: the companion file as the policy's regression test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import POLICY

COMPANION = POLICY.with_name(POLICY.stem + ".questions.jsonl")


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder) -> Path:
    # The session's model instead of a fresh load per command: same weights, less time.
    monkeypatch.setattr("bot.app.load_embedder", lambda _settings: embedder)
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(POLICY, folder / POLICY.name)
    shutil.copy(COMPANION, folder / COMPANION.name)
    monkeypatch.setenv("POLICYBOT_KNOWLEDGE_DIR", str(folder))
    return folder


def _questions_of(section: str) -> list[str]:
    rows = [json.loads(line) for line in COMPANION.read_text(encoding="utf-8").splitlines()]
    return [r["question"] for r in rows if r["section"] == section]


def _ingest() -> str:
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 0, result.output
    return result.output


def _answers(data_dir: Path) -> dict[str, str]:
    (saved,) = (data_dir / "regression").glob("*.json")
    return {k.split("\x1f", 1)[1]: v for k, v in json.loads(saved.read_text()).items()}


def test_ingest_lists_the_example_questions_an_edit_changed(knowledge: Path, isolated_env: Path):
    count = sum(1 for line in COMPANION.read_text(encoding="utf-8").splitlines() if line.strip())
    first = _ingest()
    assert f"{count} example questions" in first
    assert "later ingests list any that change" in first
    assert f"all {count} answered as before" in _ingest()
    before = _answers(isolated_env)
    assert sum(v == "3.8" for v in before.values()) >= 10

    policy = knowledge / POLICY.name
    text = policy.read_text(encoding="utf-8")
    # §3.8 removed entirely; §3.3 reworded so that it speaks of a personal website.
    start, end = text.index("3.8 Online surveys"), text.index("3.9 Participation")
    text = text[:start] + text[end:]
    start, end = text.index("If you are writing a personal blog"), text.index("3.4 References")
    text = (
        text[:start]
        + "Anyone running a personal website must follow section 3.1 whenever the site "
        "touches on their work.\n\n" + text[end:]
    )
    policy.write_text(text.replace("3.3 Personal blogs", "3.3 Personal websites"), encoding="utf-8")

    out = _ingest()
    assert "example questions whose answer changed" in out
    changed = [line for line in out.splitlines() if line.startswith("  ")]
    # Every question answered from the removed section now has another answer, and says which.
    for question in [q for q, v in before.items() if v == "3.8"]:
        assert any(question in line and "§3.8 →" in line for line in changed), question
    # The reworded section lost some of its questions...
    assert any("§3.3 →" in line for line in changed)
    # ...and the rest of the policy answers as before.
    assert len(changed) < len(_questions_of("3.8")) + len(_questions_of("3.3")) + 15
