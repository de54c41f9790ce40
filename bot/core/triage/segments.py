"""The pieces of a message that triage scores: the whole, then each sentence.

A report can hide inside a question ("how do I save a DM before it vanishes? a 14 year
old has been messaging me...") or below a long pasted email that the encoder's window
cuts off; scoring each sentence as well finds it there.
"""

from __future__ import annotations

import re

# Sentence ends, and line breaks (chat messages and pasted emails break lines, not sentences).
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
MIN_WORDS = 3  # "Hi all." or "Thanks!" say nothing about a report
MAX_SEGMENTS = 12  # a bound on work for an enormous message; the whole is always scored


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _BOUNDARY.split(text) if part and part.strip()]


def segments(text: str) -> list[str]:
    """The whole message first, then its sentences of MIN_WORDS or more (when there are
    at least two), longest kept first when there are too many."""
    whole = text.strip()
    parts = [s for s in sentences(whole) if len(s.split()) >= MIN_WORDS]
    if len(parts) < 2:
        return [whole]
    if len(parts) > MAX_SEGMENTS:
        keep = set(sorted(range(len(parts)), key=lambda i: -len(parts[i]))[:MAX_SEGMENTS])
        parts = [p for i, p in enumerate(parts) if i in keep]
    return [whole, *parts]
