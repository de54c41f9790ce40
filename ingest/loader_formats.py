"""Word, PDF and HTML readers for `ingest.loaders`, kept apart so their parsers load lazily.

Each reader turns its format into `Blocks` (headings, paragraphs, bullets); `loaders` then
renders and normalises them, so every format reaches the section parser in one shape.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, PyPdfError

from bot.errors import PolicybotError
from ingest.blocks import NUMBERED_HEADING, Blocks, squash

# What these parsers raise on damaged input; anything else is a bug and must stay loud.
PARSER_ERRORS = (zipfile.BadZipFile, PackageNotFoundError, PyPdfError, SyntaxError)

# --- Word ------------------------------------------------------------------------------


def _bullet_levels(document: docx.document.Document) -> set[tuple[str, str]]:
    """(numId, ilvl) pairs whose numbering draws a bullet rather than a number."""
    try:
        numbering = document.part.numbering_part.element
    except NotImplementedError:  # python-docx cannot create the part a plain document lacks
        return set()
    formats: dict[str, dict[str, str]] = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        levels = formats.setdefault(abstract.get(qn("w:abstractNumId")) or "", {})
        for lvl in abstract.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl")) or "0"] = "" if fmt is None else fmt.get(qn("w:val"))
    bullets = set()
    for num in numbering.findall(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId"))
        key = "" if abstract_id is None else abstract_id.get(qn("w:val"))
        for ilvl, fmt in formats.get(key or "", {}).items():
            if fmt == "bullet":
                bullets.add((num.get(qn("w:numId")) or "", ilvl))
    return bullets


def _num_pr(element: object) -> tuple[str, str] | None:
    """The paragraph's or style's (numId, ilvl), if Word numbers it automatically."""
    ppr = getattr(element, "pPr", None)
    num_pr = None if ppr is None else ppr.numPr
    if num_pr is None or num_pr.numId is None:
        return None
    return str(num_pr.numId.val), str(num_pr.ilvl.val if num_pr.ilvl is not None else 0)


def load_docx(path: Path) -> str:
    document = docx.Document(str(path))
    bullets = _bullet_levels(document)
    blocks = Blocks()
    counters: list[int] = []  # Word's own heading numbers, which are not in the text
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                seen: list[object] = []  # a merged cell comes back once per grid column
                for cell in row.cells:
                    if not any(cell._tc is tc for tc in seen):
                        seen.append(cell._tc)
                        cells.append(squash(cell.text))
                blocks.add("p", " | ".join(c for c in cells if c))
            continue
        text = squash(item.text)
        style = item.style
        name = style.name if style is not None and style.name else ""
        numbered = _num_pr(item._p) or (_num_pr(style.element) if style is not None else None)
        level = re.fullmatch(r"(?:Heading|List Number)\s*(\d?)", name)
        if not text:
            continue
        if name == "Title" or level:
            depth = int(level[1] or 1) if level else 0
            if depth and numbered and not NUMBERED_HEADING.match(text):
                del counters[depth:]
                counters.extend([0] * (depth - len(counters)))
                counters[depth - 1] += 1
                number = ".".join(map(str, counters)) + ("." if depth == 1 else "")
                text = f"{number} {text}"
            blocks.add("h", text)
        elif name.startswith(("List Bullet", "List Paragraph")) or numbered in bullets:
            blocks.add("b", text)
        else:
            blocks.add("p", text)
    return blocks.render()


# --- PDF -------------------------------------------------------------------------------

_PDF_BULLET = re.compile(r"^[•▪●◦‣\uf0b7]\s*(.+)$|^[-–]\s+(.+)$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
# `Version 3.2`, `Last updated 14 February 2023`: own lines in the .txt, so own blocks here.
_FRONT_MATTER = re.compile(
    r"^(?:version|v\d|(?:last\s+)?(?:updated|reviewed|revised|approved)|"
    r"(?:review|effective|issue|publication|approval)\s+date)\b.{0,50}\d",
    re.IGNORECASE,
)


def _page_lines(page: PageObject) -> list[str]:
    try:
        # Layout mode turns vertical gaps into blank lines: the best paragraph signal a PDF has.
        text = page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, IndexError, ZeroDivisionError, PyPdfError):
        text = page.extract_text()
    # Squashed, because layout mode pads justified text and columns with runs of spaces.
    return [squash(line) for line in (text or "").splitlines()]


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Header/footer lines (digits ignored, so "Page 3 of 9" counts) on most pages."""
    if len(pages) < 2:
        return set()
    keys: list[str] = []
    for page in pages:
        # Headings are exempt: "2. Scope" and "3. Scope" both topping a page is no header.
        lines = [ln for ln in page if ln and not NUMBERED_HEADING.match(ln)]
        keys += {re.sub(r"\d+", "#", ln) for ln in lines[:3] + lines[-3:]}
    needed = max(2, math.ceil(0.6 * len(pages)))
    return {key for key, count in Counter(keys).items() if count >= needed}


def _open_pdf(path: Path) -> PdfReader:
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            # Many policies are "encrypted" only against editing; the empty password opens those.
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError) as exc:
            msg = f"{path.name} is encrypted in a way policybot cannot open."
            raise PolicybotError(msg) from exc
        if not opened:
            raise PolicybotError(
                f"{path.name} is password-protected. Save an unprotected copy and ingest that."
            )
    return reader


def load_pdf(path: Path) -> str:
    pages = [_page_lines(page) for page in _open_pdf(path).pages]
    running = _running_lines(pages)
    width = max((len(line) for lines in pages for line in lines), default=0)
    blocks, previous = Blocks(), ""
    for lines in pages:
        gap, top = False, True  # a gap above a page's first line is the page break, not a para
        for line in lines:
            if not line or _PAGE_NUMBER.match(line):
                gap = gap or (not line and not top)
                continue
            if not blocks.items and not blocks.lines:
                blocks.add("h", line)  # the title stays alone even if it repeats as a header
            elif re.sub(r"\d+", "#", line) in running:
                continue
            elif m := _PDF_BULLET.match(line):
                blocks.start("b", m[1] or m[2])
            elif (NUMBERED_HEADING.match(line) and len(line) < 100) or _FRONT_MATTER.match(line):
                blocks.add("h", line)
            elif (
                gap
                or len(previous) < 0.6 * width
                or (previous.endswith((".", ":", ";", "!", "?")) and len(previous) < 0.85 * width)
            ):
                # Without a gap, a short line still ends its paragraph: wrapped lines are long.
                blocks.start("p", line)
            else:
                blocks.extend(line)
            gap, top, previous = False, False, line
    return blocks.render()


# --- HTML ------------------------------------------------------------------------------

_HTML_DROP = ["script", "style", "nav", "header", "footer", "noscript", "template", "svg"]
_HTML_BLOCK = {"p", "div", "section", "article", "main", "aside", "blockquote", "ul", "ol"}
_HTML_BLOCK |= {"dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "figure", "pre", "form"}
_HTML_BLOCK |= {"figcaption", "address", "body", "html", "hr"}


class _HtmlWalker:
    def __init__(self) -> None:
        self.blocks = Blocks()
        self.kind = "p"
        self.buffer: list[str] = []

    def flush(self) -> None:
        self.blocks.add(self.kind, " ".join(self.buffer))
        self.buffer = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self.buffer.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif re.fullmatch(r"h[1-6]", child.name):
                self.flush()
                self.blocks.add("h", child.get_text(" "))
            elif child.name == "tr":
                self.flush()
                cells = child.find_all(["td", "th"], recursive=False)  # not nested tables
                self.blocks.add("p", " | ".join(t for c in cells if (t := squash(c.get_text(" ")))))
            elif child.name == "li":
                self.flush()
                outer, self.kind = self.kind, "b"
                self.walk(child)
                self.flush()
                self.kind = outer
            elif child.name in _HTML_BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            else:  # inline: <a>, <strong>, <span> … stay inside the current paragraph
                self.walk(child)


def load_html(path: Path) -> str:
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    for tag in soup.find_all(_HTML_DROP):
        # An article's own <header> holds its title; the page's holds the site banner.
        if tag.name in ("header", "footer") and tag.find_parent(["article", "main"]):
            continue
        tag.extract()
    for tag in soup.select('[hidden], [aria-hidden="true"], [role="navigation"]'):
        tag.extract()
    walker = _HtmlWalker()
    walker.walk(soup.body or soup)
    walker.flush()
    if soup.title and soup.title.string and not (soup.body or soup).find("h1"):
        walker.blocks.items.insert(0, ("h", squash(soup.title.string)))
    return walker.blocks.render()
