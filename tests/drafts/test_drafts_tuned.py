"""The fine-tuned severity head (`bot/core/drafts/tuned.py`): shipped, read, and in step
with the labelled drafts the verdict model learns from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from bot.core.drafts.meaning_train import training_drafts
from bot.core.drafts.tuned import PREFIX, WEIGHTS, SeverityHead, load_tuned
from bot.core.drafts.tuned_oof import load_out_of_fold
from bot.core.drafts.tuned_train import FOLDS, split_fold, stored_readings, targets
from bot.errors import ModelError


@pytest.fixture(scope="module")
def tuned(core):
    reader = load_tuned(core.assistant.triage.encoder)
    assert reader is not None, f"no severity head at {WEIGHTS}: run `policybot train severity`"
    return reader


def test_a_post_that_names_a_patient_reads_worse_than_a_team_thank_you(tuned) -> None:
    harmful = tuned.read(
        "can I post this? 'Lovely to see Mrs Joan Pike from Ward 4 at our event, doing so "
        "well after her chemotherapy for breast cancer #proud'"
    )
    harmless = tuned.read(
        "can I post this? 'Thanks to everyone who came to our research ethics webinar "
        "today. Slides are on the HRA website.'"
    )
    assert harmful[PREFIX + "do_not_post"] > 0.5 > harmless[PREFIX + "do_not_post"]
    assert harmless[PREFIX + "review"] < harmful[PREFIX + "review"]


def test_the_checker_reads_drafts_with_the_head(core) -> None:
    assert core.assistant.drafts.tuned is not None


def test_every_training_draft_has_an_out_of_fold_reading() -> None:
    """A batch added to the draft training data without `policybot train severity` would
    leave the verdict learning from readings that saw the draft: refused loudly."""
    drafts = training_drafts()
    readings = load_out_of_fold(drafts.texts)
    assert all(set(r) == {PREFIX + "review", PREFIX + "do_not_post"} for r in readings)


def test_each_fold_reads_only_writers_its_head_never_saw(tmp_path: Path) -> None:
    """A writer's drafts fall in one fold, and every draft is read exactly once; what is
    stored reads back as the verdict model's features."""
    files = ["a.jsonl", "b.jsonl", "a.jsonl", "c.jsonl", "d.jsonl", "e.jsonl", "f.jsonl"]
    read = []
    for fold in range(FOLDS):
        fit_on, held = split_fold(files, fold)
        assert not {files[i] for i in held} & {files[i] for i in fit_on}
        assert sorted(fit_on + held) == list(range(len(files)))
        read += held
    assert sorted(read) == list(range(len(files)))
    texts = ["first draft", "second draft"]
    readings = [{PREFIX + "review": 0.25, PREFIX + "do_not_post": 0.125}] * 2
    path = tmp_path / "oof.json"
    path.write_text(json.dumps(stored_readings(texts, readings)), encoding="utf-8")
    assert load_out_of_fold(texts, path) == readings


def test_a_draft_whose_writers_straddle_a_threshold_teaches_nothing_about_it() -> None:
    wanted, known = targets([{"ok"}, {"review", "do_not_post"}, {"do_not_post"}])
    assert wanted.tolist() == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    assert known.tolist() == [[1.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def test_a_head_for_another_layout_is_refused(core, tmp_path: Path) -> None:
    encoder = core.assistant.triage.encoder
    head = SeverityHead(encoder.upper_layers)
    path = tmp_path / "head.safetensors"
    head.save(path, split=encoder.split + 1)
    with pytest.raises(ModelError, match="another model layout"):
        SeverityHead.load(path, encoder.upper_layers, split=encoder.split)
    head.save(path, split=encoder.split)
    loaded = SeverityHead.load(path, encoder.upper_layers, split=encoder.split)
    assert all(
        torch.equal(a.to(torch.float16), b.to(torch.float16))
        for a, b in zip(head.state_dict().values(), loaded.state_dict().values(), strict=True)
    )


def test_a_draft_check_reads_the_states_its_triage_computed(core) -> None:
    """The head reads the shared layers' states triage kept: two layers per check, not six."""
    triage = core.assistant.triage
    text = "ok to post? 'Bake sale in the Bristol office kitchen from 2pm, all welcome'"
    triage.read(text)
    kept = triage.lower_of(text)
    assert kept is triage.lower_of(text)
    fresh = triage.encoder.lower([text])
    assert torch.allclose(kept.hidden, fresh.hidden, atol=1e-5)
