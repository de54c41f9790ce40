"""Normalised policy text → front matter and numbered sections.

The input is what `ingest.loaders.load_text` produces: headings on their own line
(`1. Purpose`, `3.2.1 Safeguarding yourself`), bullets as lines starting with `•`,
paragraphs separated by blank lines. The shipped HRA policy has quirks that are kept
as written: two headings titled "Scope" (2 and 3), and a rule paragraph in §3.1 that
lost its bullet ("Respect copyright, ..."), which stays a paragraph of §3.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import DocumentInfo, ParsedDocument, Section

# "3.5 Responding to the media", "1. Purpose"; the first number stays small so a
# paragraph that starts with a year ("2023 saw...") is never taken for a heading.
_HEADING = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.{0,118})$")
_BULLET = re.compile(r"^\s*[•▪●◦‣∙·\-\*–]\s+")
_VERSION = re.compile(r"\bversion\s*:?\s*(?P<v>\d+(?:\.\d+)*)\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"\b(last updated|updated|published|review date|approved)\b", re.I)
# Site furniture that web exports leave at the end of a page.
_FURNITURE = re.compile(r"^(back to (our )?(policies|top)|print this page|share this page)\b", re.I)


@dataclass
class _Builder:
    number: str
    title: str
    path: tuple[str, ...]
    blocks: list[str] = field(default_factory=list)
    bullets: list[bool] = field(default_factory=list)

    def add(self, text: str, bullet: bool) -> None:
        self.blocks.append(text)
        self.bullets.append(bullet)

    def extend_last(self, text: str) -> None:
        self.blocks[-1] = f"{self.blocks[-1]} {text}"


def _is_heading(line: str) -> re.Match[str] | None:
    match = _HEADING.match(line.strip())
    if not match:
        return None
    title = match.group("title").strip()
    # A heading reads like a title: no full stop at the end, not a list of clauses.
    if title.endswith((".", ";", ",")) or len(title.split()) > 16:
        return None
    return match


def _heading_path(stack: list[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(f"{num} {title}" for num, title in stack)


def _parse_front_matter(lines: list[str], name: str) -> DocumentInfo:
    non_empty = [line.strip() for line in lines if line.strip()]
    title = non_empty[0] if non_empty else name
    version = None
    dates: list[str] = []
    for line in non_empty:
        if version is None and (match := _VERSION.search(line)):
            version = match.group("v")
        if _DATE_LINE.search(line):
            dates.append(line)
    return DocumentInfo(
        name=name, title=title, version=version, dates=tuple(dates), front_matter=tuple(non_empty)
    )


def _fallback_headings(lines: list[str]) -> list[str]:
    """Number the headings of a document that has none, so it can still be cited.

    A short line without closing punctuation, standing alone between blank lines,
    is taken for a heading (what an unnumbered Markdown or Word heading becomes).
    """
    out: list[str] = []
    count = 0
    first_text = next((i for i, line in enumerate(lines) if line.strip()), -1)
    for i, line in enumerate(lines):
        text = line.strip()
        before_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        after_blank = i == 0 or not lines[i - 1].strip()
        looks_like_heading = (
            i != first_text
            and text
            and len(text) <= 80
            and not _BULLET.match(line)
            and not text.endswith((".", ":", ";", ",", "?", "!"))
            and before_blank
            and after_blank
        )
        if looks_like_heading:
            count += 1
            out.append(f"{count} {text}")
        else:
            out.append(line)
    return out


def parse_document(text: str, name: str) -> ParsedDocument:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(_is_heading(line) for line in lines):
        lines = _fallback_headings(lines)
    first_heading = next((i for i, line in enumerate(lines) if _is_heading(line)), len(lines))
    info = _parse_front_matter(lines[:first_heading], name)
    if not any(line.strip() for line in lines[first_heading:]):
        # No structure at all: the whole text is one section named after the document.
        lines = ["1 " + info.title, *lines]
        first_heading = 0

    stack: list[tuple[str, str]] = []
    builders: list[_Builder] = []
    previous_blank = True
    for raw in lines[first_heading:]:
        line = raw.rstrip()
        if not line.strip():
            previous_blank = True
            continue
        heading = _is_heading(line)
        if heading:
            number, title = heading.group("num"), heading.group("title").strip()
            depth = number.count(".")
            stack = [entry for entry in stack if entry[0].count(".") < depth]
            stack.append((number, title))
            builders.append(_Builder(number, title, (info.title, *_heading_path(stack))))
        elif _FURNITURE.match(line.strip()):
            pass
        elif _BULLET.match(line):
            builders[-1].add(_BULLET.sub("", line, count=1).strip(), bullet=True)
        elif builders[-1].blocks and not previous_blank:
            # A wrapped line continues the paragraph or bullet above it.
            builders[-1].extend_last(line.strip())
        else:
            builders[-1].add(line.strip(), bullet=False)
        previous_blank = False

    sections = tuple(
        Section(
            document=name,
            number=b.number,
            title=b.title,
            heading_path=b.path,
            blocks=tuple(b.blocks),
            bullets=tuple(b.bullets),
        )
        for b in builders
    )
    return ParsedDocument(info=info, sections=sections)
