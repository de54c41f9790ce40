"""Scoring a labelled case file through the whole assistant, exactly as `policybot eval`
does: shared by the floor tests, which run in separate files so they run side by side."""

from __future__ import annotations

import uuid
from pathlib import Path

from bot.core.models import Message
from bot.evaluation import Scores, load_cases, score_all

EVAL = Path(__file__).resolve().parent / "eval"


def scored(core, name: str) -> Scores:
    """As `policybot eval`: lines sharing a thread are one conversation, in order."""
    cases = load_cases(EVAL / name)
    run = f"floors:{uuid.uuid4().hex[:12]}"  # threads never continue another test's
    return score_all(
        (
            case,
            core.assistant.handle(
                Message(text=case.text, id=case.id, thread_ref=case.thread, channel_id=run)
            ),
            0.0,
        )
        for case in cases
    )
