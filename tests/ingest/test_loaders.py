"""Every supported format reaches the section parser in the shape of the shipped .txt."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pdf_fixture import make_pdf, write_pdf
from pypdf import PdfReader, PdfWriter

from bot.errors import PolicybotError
from ingest.loaders import SUPPORTED_SUFFIXES, discover, load_text

NAME = "hra-social-media-policy.txt"
POLICY = Path(__file__).resolve().parents[2] / "knowledge" / NAME

LONG = "Staff must not respond to requests for comment from media organisations or make"


def test_shipped_policy_text_passes_through_unchanged() -> None:
    raw = POLICY.read_text(encoding="utf-8")
    text = load_text(POLICY)
    # Only trailing whitespace may differ, so the parser sees what the file says.
    assert text.splitlines() == [line.rstrip() for line in raw.rstrip().splitlines()]
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert text.startswith("Social media policy\n\n")
    assert "\n\n3.5 Responding to the media\n\n" in text
    assert "\n  • online bullying\n  • grooming, exploitation or stalking\n" in text


# BOM, CRLF, combining accent (NFC), a bell, trailing blanks and a run of blank lines.
MESSY = "\ufeffTitle\r\n\r\nCafe\u0301 \x07rules\t \r\n\r\n\r\n\r\nEnd\r\n"
QUOTED = "Staff \u2019own\u2019 accounts \u2013 \u2022"  # Windows-1252 bytes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(MESSY.encode(), "Title\n\nCafé rules\n\nEnd\n"), (QUOTED.encode("cp1252"), QUOTED + "\n")],
)
def test_txt_is_normalised(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(raw)
    assert load_text(path) == expected


MARKDOWN = """\
Social media policy
===================

Version 3.2

Last updated 14 February 2023

## 1. Purpose

This **policy** covers staff use of
[social media](https://example.org/social) and `online tools`.

- provide *clarity* to staff
* protect the __organisation__
  and its reputation
+ distinguish official information

---

### 3.5 Responding to the media

Contact the communications team.

3.6 Representing the HRA online
Staff must not set up accounts.

Safeguarding yourself
---------------------

| Role | Contact |
|------|---------|
| Comms | communications@hra.nhs.uk |
"""


def test_markdown_becomes_policy_layout(tmp_path: Path) -> None:
    (path := tmp_path / "policy.md").write_text(MARKDOWN, encoding="utf-8")
    assert load_text(path) == (
        "Social media policy\n\nVersion 3.2\n\nLast updated 14 February 2023\n\n"
        "1. Purpose\n\n"
        "This policy covers staff use of social media and online tools.\n\n"
        "  • provide clarity to staff\n"
        "  • protect the organisation and its reputation\n"
        "  • distinguish official information\n\n"
        "3.5 Responding to the media\n\nContact the communications team.\n\n"
        "3.6 Representing the HRA online\n\nStaff must not set up accounts.\n\n"
        "Safeguarding yourself\n\n"
        "Role | Contact\n\nComms | communications@hra.nhs.uk\n"
    )


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Social media policy", level=0)
    document.add_paragraph("Version 3.2")
    document.add_paragraph("Last updated 14 February 2023")
    document.add_heading("1. Purpose", level=1)
    document.add_paragraph("This document   provides guidance\u00a0to HRA staff.")
    document.add_paragraph("The aims of this document are to:")
    document.add_paragraph("provide clarity to staff", style="List Bullet")
    document.add_paragraph("protect the organisation", style="List Bullet")
    document.add_heading("3.5 Responding to the media", level=2)
    document.add_paragraph("")  # an empty paragraph must not leave a stray blank block
    document.add_paragraph("Contact the communications team.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Role", "Contact"), ("Comms", "07968 149916")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Distribution", style="List Number")  # Word numbers this itself
    document.add_paragraph("Training plan", style="List Number 2")
    document.save(str(path))
    return path


def test_docx_headings_bullets_and_tables(tmp_path: Path) -> None:
    text = load_text(_docx(tmp_path / "policy.docx"))
    assert text == (
        "Social media policy\n\nVersion 3.2\n\nLast updated 14 February 2023\n\n"
        "1. Purpose\n\nThis document provides guidance to HRA staff.\n\n"
        "The aims of this document are to:\n\n"
        "  • provide clarity to staff\n  • protect the organisation\n\n"
        "3.5 Responding to the media\n\nContact the communications team.\n\n"
        "Role | Contact\n\nComms | 07968 149916\n\n"
        "1. Distribution\n\n1.1 Training plan\n"
    )


# --- .html -----------------------------------------------------------------------------

HTML = """<!doctype html>
<html><head><title>Ignored title</title><style>p { color: red }</style></head>
<body>
<header><a href="/">HRA home</a></header>
<nav><ul><li>Menu item</li></ul></nav>
<main><article>
  <header><h1>Social   media policy</h1></header>
  <p>Version 3.2</p>
  <h2>1. Purpose</h2>
  <p>This document provides
     guidance to <strong>HRA</strong> staff.<!-- draft note --></p>
  <div>The aims are to:</div>
  <ul><li>provide <a href="#">clarity</a></li><li>protect us</li></ul>
  <h3>3.5 Responding to the media</h3>
  <p>Email communications@hra.nhs.uk&nbsp;now.</p>
  <script>console.log("not policy")</script>
</article></main>
<footer>Cookie settings</footer>
</body></html>
"""


def test_html_keeps_content_and_drops_page_furniture(tmp_path: Path) -> None:
    (path := tmp_path / "policy.html").write_text(HTML, encoding="utf-8")
    assert load_text(path) == (
        "Social media policy\n\nVersion 3.2\n\n1. Purpose\n\n"
        "This document provides guidance to HRA staff.\n\nThe aims are to:\n\n"
        "  • provide clarity\n  • protect us\n\n"
        "3.5 Responding to the media\n\nEmail communications@hra.nhs.uk now.\n"
    )


def test_pdf_rebuilds_paragraphs_headings_and_bullets(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "policy.pdf",
        [
            [
                "Social media policy",
                "Version 3.2",
                "Last updated 14 February 2023",
                "1. Purpose",
                LONG,
                "comments in response to published media reports on the organisation's safe-",
                "guarding work.",
                "The aims of this document are to:",
                "\u2022 provide clarity to staff on the use of social media tools, to give them",
                "the confidence to engage effectively",
                "- ensure that the organisation's reputation is not brought into disrepute",
                "3.2.1 Safeguarding yourself",
                "Keep yourself safe.",
            ]
        ],
    )
    assert load_text(path) == (
        "Social media policy\n\nVersion 3.2\n\nLast updated 14 February 2023\n\n1. Purpose\n\n"
        f"{LONG} comments in response to published media reports on the organisation's"
        " safeguarding work.\n\nThe aims of this document are to:\n\n"
        "  • provide clarity to staff on the use of social media tools, to give them the"
        " confidence to engage effectively\n"
        "  • ensure that the organisation's reputation is not brought into disrepute\n\n"
        "3.2.1 Safeguarding yourself\n\nKeep yourself safe.\n"
    )


def test_pdf_drops_running_footers_and_page_numbers(tmp_path: Path) -> None:
    footer = "HRA social media policy v3.2 - uncontrolled when printed"
    pages = [
        ["Social media policy", "1. Purpose", LONG, "", footer, "1"],
        ["continues across the page break.", "2. Scope", "Staff and volunteers.", footer, "2"],
        ["3. Scope", "3.1 Participating online", "Be careful.", footer, "Page 3 of 3"],
    ]
    assert load_text(write_pdf(tmp_path / "policy.pdf", pages)) == (
        f"Social media policy\n\n1. Purpose\n\n{LONG} continues across the page break.\n\n"
        "2. Scope\n\nStaff and volunteers.\n\n3. Scope\n\n3.1 Participating online\n\n"
        "Be careful.\n"
    )


def test_pdf_vertical_gap_separates_paragraphs_that_end_at_the_margin(tmp_path: Path) -> None:
    second = "Posts made through personal accounts that are public can be seen by anyone."
    pages = [["Social media policy", "", LONG, "", second, f"{LONG}."]]
    assert load_text(write_pdf(tmp_path / "policy.pdf", pages)) == (
        f"Social media policy\n\n{LONG}\n\n{second} {LONG}.\n"
    )


@pytest.mark.parametrize(
    ("user_password", "error"),
    [("secret", "password-protected"), ("", None)],  # "" only guards editing: still readable
)
def test_encrypted_pdf(tmp_path: Path, user_password: str, error: str | None) -> None:
    plain = write_pdf(tmp_path / "plain.pdf", [["Social media policy", "1. Purpose"]])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    writer.write(locked := tmp_path / "locked.pdf")
    if error is None:
        assert load_text(locked) == "Social media policy\n\n1. Purpose\n"
    else:
        with pytest.raises(PolicybotError, match=error):
            load_text(locked)


def _zip_without_document() -> bytes:
    with zipfile.ZipFile(buffer := io.BytesIO(), "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


DAMAGED = "does not look like a valid"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("policy.rtf", b"{\\rtf1 hi}", r"cannot read \.rtf.*one of \.txt, \.md, \.docx"),
        *[(f"policy{suffix}", b"", "is empty") for suffix in SUPPORTED_SUFFIXES],
        ("blank.txt", b" \n\t\n", "no text"),
        ("blank.md", b"---\n\n", "no text"),
        ("blank.html", b"<nav>menu</nav>", "no text"),
        ("scan.pdf", make_pdf([[]]), "no text .*OCR"),
        ("broken.docx", b"not really a document\n" * 3, DAMAGED),
        ("broken.pdf", b"not really a document\n" * 3, DAMAGED),
        ("cut.pdf", make_pdf([["Social media policy"]])[:60], DAMAGED),
        ("hollow.docx", _zip_without_document(), DAMAGED),
        ("gone.txt", None, "no such file"),
    ],
)
def test_unreadable_file_raises_a_helpful_error(
    tmp_path: Path, name: str, content: bytes | None, error: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PolicybotError, match=error):
        load_text(path)


def test_discover_skips_notes_hidden_and_unsupported_files(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "extra").mkdir(parents=True)
    (knowledge / ".git").mkdir()
    # "footnotes" is no note file: only a whole NOTE/NOTES word at the end of the stem is.
    wanted = ["hra-social-media-policy.txt", "extra/acceptable-use.docx", "extra/footnotes.md"]
    notes = ["README.md", "hra-social-media-policy.NOTE.md", "NOTES.txt", "SOURCES.md"]
    other = [".draft.txt", "~$acceptable-use.docx", ".git/description.txt", "data.csv"]
    for name in wanted + notes + other:
        (knowledge / name).write_text("x")
    assert discover([knowledge]) == sorted(knowledge / name for name in wanted)
    # Named files get the same filter, and naming a file twice does not ingest it twice.
    policy = knowledge / wanted[0]
    assert discover([policy, policy, knowledge / "README.md"]) == [policy]


def test_discover_reports_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(PolicybotError, match="no such file or folder"):
        discover([tmp_path / "nowhere"])
