"""Scoring a labelled case file through the whole assistant, exactly as `policybot eval`
does: shared by the floor tests, which run in separate files so they run side by side."""

from __future__ import annotations

import uuid
from pathlib import Path

from bot.evaluation import Scores, ask_cases, load_cases, score_all

EVAL = Path(__file__).resolve().parent / "eval"


def scored(core, name: str, *, drafts: bool = True) -> Scores:
    """As `policybot eval`: lines sharing a thread are one conversation, in order.
    `drafts=False` leaves the drafts out, for a floor that holds no draft figure (a draft
    check costs several times a question's answer, and no draft sits in a thread)."""
    run = f"floors:{uuid.uuid4().hex[:12]}"  # threads never continue another test's
    cases = [c for c in load_cases(EVAL / name) if drafts or c.verdict is None]
    return score_all(ask_cases(core.assistant.handle, cases, run=run))
