"""Scoring a labelled case file through the whole assistant, exactly as `policybot eval`
does: shared by the floor tests, which run in separate files so they run side by side."""

from __future__ import annotations

import uuid
from pathlib import Path

from bot.evaluation import Scores, ask_cases, load_cases, score_all

EVAL = Path(__file__).resolve().parent / "eval"


def scored(core, name: str) -> Scores:
    """As `policybot eval`: lines sharing a thread are one conversation, in order."""
    run = f"floors:{uuid.uuid4().hex[:12]}"  # threads never continue another test's
    return score_all(ask_cases(core.assistant.handle, load_cases(EVAL / name), run=run))
