"""Turn a policy document file into the normalised plain text the section parser reads.

Every format ends up in the shape of the shipped .txt: the title on the first line, one
block per paragraph separated by blank lines, numbered headings on their own line
(`3.5 Responding to the media`) and bullets as consecutive `  • ` lines. Keeping one
shape means the parser never has to know where a document came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.errors import PolicybotError
from ingest.blocks import NUMBERED_HEADING, Blocks, squash

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")

# Soft hyphens and zero-width spaces survive copy/paste from Word and split words for search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))
# Files that travel beside a policy but are not policy: README.md, x.NOTE.md, SOURCES.txt.
_NOTE_STEM = re.compile(r"^(?:README|SOURCE)|(?:^|[._\- ])NOTES?$")


def decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows exports; "replace" covers the five bytes cp1252 leaves undefined.
        return raw.decode("cp1252", errors="replace")


def _finish(text: str) -> str:
    """Normalise what every loader returns: newlines, NFC, no control chars, tidy blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text.strip() else ""


# --- Markdown --------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_MD_SETEXT = re.compile(r"\s{0,3}(?:=+|-{2,})\s*")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SKIP = re.compile(r"^\s*(?:```|~~~|\[[^\]]+\]:\s+\S|<!--.*-->\s*$|\|?[\s:|-]*-[\s:|-]*$)")
_MD_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images → their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`+"), ""),
]


def _md_inline(text: str) -> str:
    text = squash(text)
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def load_md(path: Path) -> str:
    blocks = Blocks(_md_inline)
    for raw in decode(path).splitlines():
        line = re.sub(r"^\s*(?:>\s?)+", "", raw)  # quoted text is still policy text
        setext = _MD_SETEXT.fullmatch(line)
        if not line.strip() or setext or _MD_RULE.match(line) or _MD_SKIP.match(line):
            if setext and blocks.lines and blocks.kind == "p":
                blocks.kind = "h"  # `Title` underlined with `=====` or `-----` is a heading
            blocks.flush()
        elif m := _MD_HEADING.match(line):
            blocks.add("h", m[1])
        elif m := _MD_ITEM.match(line):
            blocks.start("b", m[1])
        elif line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            blocks.add("p", " | ".join(c for c in cells if c))
        elif NUMBERED_HEADING.match(line) and len(line) < 100 and not blocks.lines:
            blocks.add("h", line)  # `3.5 Responding to the media` written without a `#`
        elif re.match(r"\s*\d+[.)]\s", line):
            blocks.start("p", line)  # a numbered item starts afresh, as in the .txt
        else:
            blocks.extend(line.strip())
    return blocks.render()


# --- Public API ------------------------------------------------------------------------


def _reader(suffix: str) -> tuple[Callable[[Path], str], tuple[type[Exception], ...]]:
    """The reader for `suffix` and the exceptions that mean "damaged file" for it."""
    corrupt: tuple[type[Exception], ...] = (ValueError, KeyError, IndexError)
    if suffix in (".txt", ".md"):
        return (decode if suffix == ".txt" else load_md), corrupt
    # Imported here so reading a .txt or .md never pays for lxml, python-docx and pypdf.
    from ingest import loader_formats

    readers = {".docx": loader_formats.load_docx, ".pdf": loader_formats.load_pdf}
    return readers.get(suffix, loader_formats.load_html), corrupt + loader_formats.PARSER_ERRORS


def load_text(path: Path) -> str:
    """The document at `path` as normalised plain text; PolicybotError if it cannot be."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise PolicybotError(
            f"{path.name}: policybot cannot read {suffix or 'files without a suffix'}; "
            f"save the policy as one of {', '.join(SUPPORTED_SUFFIXES)} and try again."
        )
    reader, corrupt = _reader(suffix)
    try:
        if path.stat().st_size == 0:
            raise PolicybotError(f"{path.name} is empty; there is no policy text to ingest.")
        text = _finish(reader(path))
    except FileNotFoundError as exc:
        raise PolicybotError(f"{path}: no such file.") from exc
    except OSError as exc:
        raise PolicybotError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    except corrupt as exc:
        raise PolicybotError(
            f"{path.name} does not look like a valid {suffix} file ({exc or type(exc).__name__});"
            " open it in its usual program, save it again and retry."
        ) from exc
    if not text:
        raise PolicybotError(
            f"{path.name} has no text policybot can extract"
            + (" (a scanned PDF needs OCR first)." if suffix == ".pdf" else ".")
        )
    return text


def _is_policy_file(path: Path) -> bool:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name.startswith((".", "~$")):
        return False
    return not _NOTE_STEM.search(path.stem.upper())


def discover(paths: Iterable[Path]) -> list[Path]:
    """Policy files under `paths` (files or folders, recursively), sorted, notes left out."""
    found: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            for candidate in given.rglob("*"):
                hidden = any(part.startswith(".") for part in candidate.relative_to(given).parts)
                if candidate.is_file() and not hidden and _is_policy_file(candidate):
                    found.add(candidate)
        elif given.is_file():
            if _is_policy_file(given):
                found.add(given)
        else:
            raise PolicybotError(f"{given}: no such file or folder to ingest.")
    return sorted(found)
