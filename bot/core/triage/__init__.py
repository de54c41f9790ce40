"""Triage: is this message a report of something happening, and of which kind?

A report (a journalist *has* emailed me; a child *posted* their address; I'm *being*
threatened) must reach the communications team (§3.1, §3.2, §3.2.1, §3.5). A question
about the same things ("what if a journalist contacts me?") is answered instead.

Read in this order: `labels` (what it can say), `segments` (the whole message and each
sentence), `encoder` (MiniLM split so retrieval and triage share one pass),
`classifier` (the fine-tuned upper layers and head), `decision` (probabilities to a
decision, recall first), `guards` (the one rule kept beside the model: a matter told
as past and settled is not a media or harassment report), `model` (all of it for the
assistant). `train`, `corpus` and
`scoring` are how the weights in `weights/` were made: `policybot train`.
"""

from .decision import Thresholds, Triage, decide
from .labels import LABELS, REPORT_LABELS
from .model import Reading, TriageModel

__all__ = [
    "LABELS",
    "REPORT_LABELS",
    "Reading",
    "Thresholds",
    "Triage",
    "TriageModel",
    "decide",
]
