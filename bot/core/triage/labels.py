"""What triage can say about a message, in the order the classifier's outputs use."""

from __future__ import annotations

from typing import Final, Literal

Label = Literal["question", "draft", "media", "safeguarding", "harassment"]

LABELS: Final[tuple[Label, ...]] = ("question", "draft", "media", "safeguarding", "harassment")
REPORT_LABELS: Final[tuple[Label, ...]] = ("media", "safeguarding", "harassment")
