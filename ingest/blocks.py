"""Text blocks every loader builds a document from: headings, bullets and paragraphs.

Shared by the plain-text loaders (`loaders`) and the binary ones (`loader_formats`), so
neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["BULLET", "NUMBERED_HEADING", "Blocks", "squash"]

BULLET = "  • "
# `1. Purpose`, `3.5 Responding…`, `3.2.1 Safeguarding…`: a bare `18 October` is a date,
# not a heading, hence the trailing dot on single numbers and the capital letter after.
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}\.|\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s+[A-Z]")


def squash(text: str) -> str:
    return " ".join(text.split())


class Blocks:
    """Collects (kind, text) blocks, kind being 'h' heading, 'b' bullet or 'p' paragraph."""

    def __init__(self, transform: Callable[[str], str] = squash) -> None:
        self.items: list[tuple[str, str]] = []
        self.kind = "p"  # of the block still open, whose wrapped lines are in `lines`
        self.lines: list[str] = []
        self._transform = transform

    def add(self, kind: str, text: str) -> None:
        self.flush()
        if text := self._transform(text):
            self.items.append((kind, text))

    def start(self, kind: str, text: str) -> None:
        self.flush()
        self.kind, self.lines = kind, [text]

    def extend(self, text: str) -> None:
        """Wrap `text` into the open block, or open a paragraph if none is open."""
        if not self.lines:
            self.kind = "p"
        # A line broken as "safe-" + "guarding" is one word; PDFs do this constantly.
        if self.lines and re.search(r"[^\W\d_]-$", self.lines[-1]) and text[:1].islower():
            self.lines[-1] = self.lines[-1][:-1] + text
        else:
            self.lines.append(text)

    def flush(self) -> None:
        lines, self.lines = self.lines, []
        if lines and (text := self._transform(" ".join(lines))):
            self.items.append((self.kind, text))

    def render(self) -> str:
        self.flush()
        parts: list[str] = []
        previous = ""
        for kind, text in self.items:
            if parts:
                # Bullets of one list sit on consecutive lines, as in the shipped .txt.
                parts.append("\n" if kind == previous == "b" else "\n\n")
            parts.append(BULLET + text if kind == "b" else text)
            previous = kind
        return "".join(parts)
