"""Plain records of the knowledge pipeline: document → sections → chunks, and facts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Section:
    """One numbered section of a policy document, e.g. 3.5 "Responding to the media".

    `blocks` are the section's paragraphs and bullets in order, as written; a bullet
    keeps no marker. `heading_path` runs from the top-level heading down to this one.
    """

    document: str
    number: str
    title: str
    heading_path: tuple[str, ...]
    blocks: tuple[str, ...]
    bullets: tuple[bool, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)

    @property
    def label(self) -> str:
        return f"§{self.number} {self.title}"


@dataclass(frozen=True)
class DocumentInfo:
    """Front matter of a document: its name (file stem), title, version and dates."""

    name: str
    title: str
    version: str | None = None
    dates: tuple[str, ...] = ()
    source_path: str | None = None
    # The lines before the first heading, as written: what "which version is this?" quotes.
    front_matter: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    info: DocumentInfo
    sections: tuple[Section, ...]
    questions: tuple[ExampleQuestion, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """What is embedded and retrieved. Never spans two sections."""

    document: str
    section: str
    title: str
    heading_path: tuple[str, ...]
    text: str
    ordinal: int  # position of the chunk inside its section

    @property
    def embed_text(self) -> str:
        # The title travels with the text so "media" finds §3.5 even when the body
        # says "requests for comment".
        return f"{' > '.join(self.heading_path)}\n{self.text}"

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join(
            [self.document, self.section, self.title, str(self.ordinal), self.embed_text]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        # Content-addressed: an edited chunk gets a new id, so re-ingest replaces it.
        return f"{self.document}:{self.section}:{self.ordinal}:{self.content_hash[:16]}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ExampleQuestion:
    """A question staff ask, written by the policy owner for one section (the FAQ).

    Embedded as an extra retrieval key for its section; the same file is the policy's
    regression test (`ingest.regression`).
    """

    document: str
    section: str
    question: str

    @property
    def content_hash(self) -> str:
        return _digest(self.document, self.section, self.question)

    @property
    def id(self) -> str:
        return f"{self.document}#q:{self.section}:{self.content_hash[:16]}"


@dataclass(frozen=True)
class SectionTitle:
    """A section's heading, embedded on its own (headings without body text included)."""

    document: str
    section: str
    title: str
    heading_path: tuple[str, ...]

    @property
    def content_hash(self) -> str:
        return _digest(self.document, self.section, self.title, " > ".join(self.heading_path))

    @property
    def id(self) -> str:
        return f"{self.document}#t:{self.section}:{self.content_hash[:16]}"


@dataclass(frozen=True)
class ContactFact:
    kind: Literal["email", "phone"]
    value: str
    use: str  # "business hours", "out of hours", "surveys", ...
    section: str
    sentence: str
    document: str = ""


@dataclass(frozen=True)
class DisclaimerFact:
    context: Literal["general", "blog", "reference"]
    text: str  # the exact wording, without quote marks
    section: str
    document: str = ""


@dataclass(frozen=True)
class PolicyFacts:
    contacts: tuple[ContactFact, ...] = ()
    disclaimers: tuple[DisclaimerFact, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def disclaimer(self, context: str) -> DisclaimerFact | None:
        return next((d for d in self.disclaimers if d.context == context), None)

    def contact(self, use: str) -> ContactFact | None:
        return next((c for c in self.contacts if c.use == use), None)
