"""Score the summary verifier on a labelled file of generated answers, good and bad.

    python -m bot.phrasing_eval tests/eval/phrasing/dev.jsonl [--show-misses]

Each line: {"id", "sections": ["3.5"], "supported": true|false, "kind", "summary"}.
The summary is checked against the named sections' passages, each bullet with the
stem that opens its list, as the reply quotes them. Figures: the share of supported
summaries accepted and of unsupported ones rejected (by kind), and the time per check.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from .core.knowledge import KnowledgeBase
from .core.phrasing.literals import fact_texts
from .core.phrasing.verifier import Source, Verifier
from .core.quoting import list_stem


@dataclass(frozen=True)
class Labelled:
    id: str
    sections: tuple[str, ...]
    supported: bool
    kind: str
    summary: str


def load(path: Path) -> list[Labelled]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            items.append(
                Labelled(
                    raw["id"],
                    tuple(raw["sections"]),
                    bool(raw["supported"]),
                    raw["kind"],
                    raw["summary"],
                )
            )
    return items


def section_sources(kb: KnowledgeBase, sections: tuple[str, ...]) -> list[Source]:
    return [
        Source(chunk.section, chunk.text, list_stem(chunk, kb.preceding))
        for chunk in kb.chunks
        if chunk.section in sections
    ]


@dataclass
class Score:
    accepted: int = 0
    supported: int = 0
    rejected: int = 0
    unsupported: int = 0
    kinds: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (kind, supported)
    right: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def warm(verifier: Verifier, items: list[Labelled]) -> int:
    """Embed every summary's words and clauses before scoring (`Verifier.warm`). The
    vectors are those of the same words, computed in larger batches: padding can move
    their last bits, and every floor held when this was introduced."""
    return verifier.warm([item.summary for item in items])


def score(items: list[Labelled], kb: KnowledgeBase, verifier: Verifier, facts: list[str]) -> Score:
    result = Score()
    for item in items:
        sources = section_sources(kb, item.sections)
        start = time.perf_counter()
        verdict = verifier.check(item.summary, sources, facts)
        result.seconds.append(time.perf_counter() - start)
        key = (item.kind, item.supported)
        result.kinds[key] += 1
        result.right[key] += verdict.accepted == item.supported
        if item.supported:
            result.supported += 1
            result.accepted += verdict.accepted
        else:
            result.unsupported += 1
            result.rejected += not verdict.accepted
        if verdict.accepted != item.supported:
            why = verdict.reason or "accepted"
            result.misses.append(f"{item.id} ({item.kind}, {why}): {item.summary}")
    return result


def _share(right: int, n: int) -> str:
    return f"{right / max(1, n):.3f} ({right}/{n})"


def lines(path: Path, s: Score) -> list[str]:
    ms = sorted(x * 1000 for x in s.seconds or [0.0])
    out = [
        f"{path.name}: {s.supported} supported, {s.unsupported} unsupported",
        f"  supported accepted    {_share(s.accepted, s.supported)}",
        f"  unsupported rejected  {_share(s.rejected, s.unsupported)}",
    ]
    for kind, supported in sorted(s.kinds, key=lambda k: (not k[1], k[0])):
        verb = "accepted" if supported else "rejected"
        n = s.kinds[(kind, supported)]
        out.append(f"    {kind:<16}{verb} {_share(s.right[(kind, supported)], n)}")
    out.append(f"  check p50 {ms[len(ms) // 2]:.2f} ms, max {ms[-1]:.2f} ms (after warm-up)")
    return out


def served_verifier() -> tuple[KnowledgeBase, Verifier, list[str]]:
    """The stored policy, the learned verifier over its warmed word vectors and its
    facts, as the bot builds them when generated summaries are on."""
    from .app import build_core, load_embedder, open_store
    from .core.phrasing.claims import content_words
    from .core.phrasing.word_vectors import CachedWordVectors
    from .settings import Settings

    settings = Settings()
    store = open_store(settings)
    if store.count() == 0:
        build_core(settings)  # first-use ingest
    kb = KnowledgeBase.load(store)
    vectors = CachedWordVectors(load_embedder(settings).embed_batch)
    vectors.warm(w for chunk in kb.chunks for w in content_words(chunk.text))
    return kb, Verifier(vectors), fact_texts(kb.facts)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--show-misses", is_flag=True)
def main(files: tuple[Path, ...], show_misses: bool) -> None:
    kb, verifier, facts = served_verifier()
    for path in files:
        items = load(path)
        warm(verifier, items)
        score(items, kb, verifier, facts)  # warm-up: the policy's side of each check
        result = score(items, kb, verifier, facts)
        click.echo("\n".join(lines(path, result)))
        if show_misses and result.misses:
            click.echo("  misses:\n    " + "\n    ".join(result.misses))


if __name__ == "__main__":
    sys.exit(main())
