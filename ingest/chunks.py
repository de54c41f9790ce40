"""Sections → chunks: one rule, paragraph or short list per chunk, never two sections.

Policy rules are written one per bullet or paragraph, so that is the unit a reply can
quote. Two exceptions keep chunks meaningful on their own: a lead-in line ending in
":" followed by short bullets (a list of risks, say) becomes one chunk, and a paragraph
too long to quote is split on sentence boundaries by langchain's splitter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .records import Chunk, Section

MAX_CHARS = 600
SHORT_BULLET = 90

_splitter = RecursiveCharacterTextSplitter(
    chunk_size=MAX_CHARS,
    chunk_overlap=0,
    separators=["\n\n", "\n", ". ", "; ", ", ", " "],
    keep_separator="end",
)


def _units(section: Section) -> Iterator[str]:
    blocks = list(section.blocks)
    bullets = list(section.bullets) or [False] * len(blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        while j < len(blocks) and bullets[j]:
            j += 1
        run = blocks[i + 1 : j]
        short_list = bool(run) and sum(len(b) for b in run) / len(run) <= SHORT_BULLET
        if block.endswith(":") and not bullets[i] and short_list:
            yield f"{block} {_join_list(run)}"
            i = j
            continue
        yield block
        i += 1


def _join_list(items: list[str]) -> str:
    """Short bullets as one run of text, each item verbatim: "a; b; c."."""
    out = ""
    for item in items:
        item = item.strip()
        if out:
            joined = out.endswith((";", ",", ".", ":", " and", " or"))
            out += " " if joined else "; "
        out += item
    return out


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    return [piece.strip() for piece in _splitter.split_text(text) if piece.strip()]


def chunk_section(section: Section) -> list[Chunk]:
    pieces = [piece for unit in _units(section) for piece in _split_long(unit)]
    return [
        Chunk(
            document=section.document,
            section=section.number,
            title=section.title,
            heading_path=section.heading_path,
            text=piece,
            ordinal=ordinal,
        )
        for ordinal, piece in enumerate(pieces)
    ]


def chunk_sections(sections: Iterable[Section]) -> list[Chunk]:
    return [chunk for section in sections for chunk in chunk_section(section)]
