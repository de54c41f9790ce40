"""The answers section: splits read from the training code, and a quick run that scores
policybot and the naive pipeline on each split. No figure is asserted: a handful of cases
says nothing about quality."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import answers
from bench.naive import NaivePipeline
from bench.report import render
from bot.core.ranking.dataset import ANSWERS, DEV_BATCHES, TRAIN_BATCHES

POLICY = Path(__file__).resolve().parents[2] / "knowledge" / "hra-social-media-policy.txt"


def test_splits_come_from_the_training_code_and_skip_drafts_only_batches() -> None:
    chosen = {
        s.name: [p.relative_to(ANSWERS).as_posix() for p in s.files] for s in answers.splits()
    }
    assert list(chosen) == ["train", "dev", "test"]
    assert set(chosen["train"]) <= set(TRAIN_BATCHES)
    assert set(chosen["dev"]) <= set(DEV_BATCHES)
    assert chosen["test"], "no spent test batch outside train and dev"
    assert not set(chosen["test"]) & (set(TRAIN_BATCHES) | set(DEV_BATCHES))
    every = [name for names in chosen.values() for name in names]
    assert all(not Path(name).name.startswith("d") for name in every)
    assert all(name.startswith("test/q") for name in chosen["test"])


def test_question_cases_leave_out_drafts() -> None:
    path = answers.splits()[2].files[0]
    assert answers.question_cases(path)
    assert all(c.verdict is None and c.escalate is None for c in answers.question_cases(path))


@pytest.mark.slow
def test_quick_run_scores_each_split_for_both_pipelines(core, tmp_path: Path) -> None:
    naive = NaivePipeline(policy=POLICY, embedder=core.embedder, workdir=tmp_path)
    outcome = answers.run(core.assistant.handle, naive, answers.splits(), quick=True)
    _, table = outcome.tables[0]
    rows = {(row[0], row[1]) for row in table.rows}
    for split in ("train", "dev", "test"):
        assert (split, "policybot") in rows
        assert (split, answers.PIPELINES["naive"]) in rows
    assert ("test", "target (issue #13)") in rows
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert len(outcome.targets) == len(answers.TARGETS)
    assert all(t.met is None for t in outcome.targets)  # quick: not judged
    report = render(command="bench", machine=_MACHINE, load_after=0.0, outcomes=[outcome])
    assert answers.TITLE in report and "re-scores of spent" in report


_MACHINE = dict.fromkeys(("date", "commit", "cpu", "cores", "memory", "python", "os", "load"), "-")
