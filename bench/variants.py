"""Realistic variants of the shipped policy, to grow the knowledge base to 1,000 documents.

Each variant is another body's social media policy: the organisation renamed, a random
subset of sections (about 20 chunks, so 1,000 documents make ~20k chunks), sections
shuffled within their level and renumbered, and the wording lightly paraphrased by
deterministic word substitutions and sentence reordering. Variant i is the same on every
run (seeded by i), so 10 documents are the first 10 of the 100.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders import load_text
from ingest.records import Section
from ingest.sections import parse_document

_PLACES = [
    "Northern",
    "Wessex",
    "Pennine",
    "Mersey",
    "Severn",
    "Thames",
    "Anglian",
    "Cumbrian",
    "Kentish",
    "Humber",
    "Solent",
    "Chiltern",
    "Tyne",
    "Cotswold",
    "Fenland",
    "Peak",
    "Lakeland",
    "Marches",
    "Dales",
    "Moorland",
    "Coastal",
    "Midland",
]
_FIELDS = (
    "Health Research",
    "Clinical Trials",
    "Genomics",
    "Public Health",
    "Care Quality",
    "Medicines Safety",
    "Digital Health",
    "Health Data",
    "Patient Safety",
    "Health Innovation",
)
_KINDS = [
    "Authority",
    "Agency",
    "Board",
    "Service",
    "Council",
    "Commission",
    "Network",
    "Institute",
]
# Meaning-preserving swaps; each variant uses a random half of them. One regex pass,
# so a replacement is never substituted again ("advice" -> "guidance" -> "advice").
_SWAPS = {
    "guidance": "advice",
    "advice": "guidance",
    "ensure": "make sure",
    "appropriate": "suitable",
    "organisation": "body",
    "consider": "think about",
    "immediately": "straight away",
    "approval": "sign-off",
    "members of the public": "the public",
    "must not": "should never",
    "communications team": "comms team",
    "use of": "usage of",
    "publish": "post",
    "respond to": "reply to",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
CHUNKS_PER_DOC = (10, 20)
# Letters whose names start with a vowel sound take "an": "an HRA", "a CHIB".
_AN_LETTERS = frozenset("AEFHILMNORSX")


@dataclass
class _Node:
    section: Section
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class Organisation:
    name: str
    acronym: str


def organisation(rng: random.Random) -> Organisation:
    name = f"{rng.choice(_PLACES)} {rng.choice(_FIELDS)} {rng.choice(_KINDS)}"
    acronym = "".join(word[0] for word in name.split() if word[0].isupper())
    return Organisation(name, acronym)


def _tree(sections: tuple[Section, ...]) -> list[_Node]:
    roots: list[_Node] = []
    stack: list[_Node] = []
    for section in sections:
        node = _Node(section)
        depth = section.number.count(".")
        stack = [n for n in stack if n.section.number.count(".") < depth]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _units(section: Section) -> list[list[tuple[str, bool]]]:
    """A paragraph with the bullets that follow it is one unit: they are kept together."""
    units: list[list[tuple[str, bool]]] = []
    bullets = section.bullets or (False,) * len(section.blocks)
    for text, bullet in zip(section.blocks, bullets, strict=True):
        if bullet and units:
            units[-1].append((text, True))
        else:
            units.append([(text, bullet)])
    return units


class _Writer:
    def __init__(self, rng: random.Random, org: Organisation) -> None:
        self.rng = rng
        self.org = org
        chosen = [k for k in _SWAPS if rng.random() < 0.5]
        self._swap = (
            re.compile(r"\b(" + "|".join(map(re.escape, chosen)) + r")\b") if chosen else None
        )
        self.lines: list[str] = []
        self.budget = rng.randint(*CHUNKS_PER_DOC)

    def words(self, text: str) -> str:
        text = text.replace("Health Research Authority", self.org.name)
        article = "an" if self.org.acronym[0] in _AN_LETTERS else "a"
        text = re.sub(r"\b([Aa])n HRA\b", lambda m: f"{m.group(1)}{article[1:]} HRA", text)
        text = re.sub(r"\bHRA\b", self.org.acronym, text)
        text = re.sub(r"@hra\.nhs\.uk\b", f"@{self.org.acronym.lower()}.nhs.uk", text)
        if self._swap:
            text = self._swap.sub(lambda m: _SWAPS[m.group(1)], text)
        return text

    def paragraph(self, text: str) -> str:
        sentences = _SENTENCE.split(text)
        if len(sentences) >= 3 and self.rng.random() < 0.3:
            # Swap two later sentences; the first usually introduces the subject.
            i = self.rng.randrange(1, len(sentences) - 1)
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
        return self.words(" ".join(sentences))

    def section(self, node: _Node, number: str) -> None:
        heading = f"{number}." if "." not in number else number
        self.lines += ["", f"{heading} {self.words(node.section.title)}"]
        units = _units(node.section)
        keep = min(len(units), self.rng.randint(1, 4))
        for index in sorted(self.rng.sample(range(len(units)), keep)) if units else []:
            self.lines.append("")
            for text, bullet in units[index]:
                self.lines.append(f"  • {self.words(text)}" if bullet else self.paragraph(text))
            self.budget -= 1
        children = [c for c in node.children if self.rng.random() < 0.6] or node.children[:1]
        self.rng.shuffle(children)
        for i, child in enumerate(children, 1):
            if self.budget <= 0:
                break
            self.section(child, f"{number}.{i}")


def variant_text(policy: Path, index: int) -> tuple[str, str]:
    """(file stem, text) of variant `index`."""
    rng = random.Random(index)
    org = organisation(rng)
    parsed = parse_document(load_text(policy), policy.stem)
    roots = _tree(parsed.sections)
    writer = _Writer(rng, org)
    title = writer.words(parsed.info.title)
    day, month = rng.randint(1, 28), rng.choice(["January", "April", "July", "October"])
    writer.lines += [f"{org.name} {title[:1].lower()}{title[1:]}", ""]
    writer.lines += [f"Last updated on {day} {month} {rng.randint(2019, 2025)}", ""]
    writer.lines.append(f"Version {rng.randint(1, 5)}.{rng.randint(0, 9)}")
    chosen = [r for r in roots if rng.random() < 0.7] or roots
    rng.shuffle(chosen)
    for i, node in enumerate(chosen, 1):
        if writer.budget <= 0:
            break
        writer.section(node, str(i))
    stem = f"{org.acronym.lower()}-social-media-policy-{index:04d}"
    return stem, "\n".join(writer.lines).strip() + "\n"


def write_variants(policy: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, text in _generate(policy, count):
        path = folder / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _generate(policy: Path, count: int) -> Iterator[tuple[str, str]]:
    for index in range(count):
        yield variant_text(policy, index)
