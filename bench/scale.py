"""Knowledge-base scale: ingest 1 … 1,000 generated policies, then retrieve from them.

Each size runs in two fresh processes (`python -m bench.scale --phase ingest|query`), so
each memory figure is its own: the ingest process (ingest, then a re-ingest of the
unchanged corpus, which must embed nothing) and the query process, which is what a
replica serving that corpus holds (load the knowledge base, retrieve, answer).
Retrieval is timed per question right after one embedding of the same question, so its
ratio to the model's cost survives a neighbour's load; then again with the embedding
cached, which isolates what grows with the corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .measure import REPO, Timings, UncachedQueries, du_mb, proc_status
from .results import Outcome, Table, Target, ms, ratio, times

TITLE = "Knowledge-base scale (1 to 1,000 policies)"
POLICY = REPO / "knowledge" / "hra-social-media-policy.txt"
QUESTIONS = REPO / "tests" / "eval" / "questions.jsonl"
RETRIEVAL_P95_TARGET_MS = 30.0


def _embedder(embedder: Any) -> Any:
    from ingest.embedder import SentenceTransformerEmbedder

    return embedder or SentenceTransformerEmbedder()


def ingest_size(docs: int, workdir: Path, *, embedder: Any = None) -> dict[str, Any]:
    from ingest.pipeline import ingest_documents, parse_paths
    from ingest.store import VectorStore

    from .variants import write_variants

    paths = write_variants(POLICY, workdir / f"docs-{docs}", docs)
    embedder = _embedder(embedder)
    store = VectorStore.open(data_dir=workdir / f"data-{docs}", name="policies")
    start = time.perf_counter()
    first = ingest_documents(parse_paths(paths), store, embedder)
    ingest_s = time.perf_counter() - start
    start = time.perf_counter()
    again = ingest_documents(parse_paths(paths), store, embedder)
    return {
        "docs": docs,
        "chunks": store.count(),
        "ingest_s": ingest_s,
        "embedded": first.embedded,
        "reingest_s": time.perf_counter() - start,
        "reingest_embedded": again.embedded,
        "store_mb": du_mb(workdir / f"data-{docs}" / "chroma"),
        "ingest_peak_mb": proc_status().get("VmHWM", 0),
    }


def query_size(docs: int, workdir: Path, questions: int, *, embedder: Any = None) -> dict[str, Any]:
    from bot.core.assistant import Assistant
    from bot.core.knowledge import KnowledgeBase
    from bot.core.models import Message
    from bot.core.retrieval import Retriever
    from bot.core.triage import TriageModel
    from bot.evaluation import load_cases
    from bot.settings import Settings
    from ingest.store import VectorStore

    embedder = _embedder(embedder)
    store = VectorStore.open(data_dir=workdir / f"data-{docs}", name="policies")
    start = time.perf_counter()
    kb = KnowledgeBase.load(store)
    load_s = time.perf_counter() - start
    retriever = Retriever(kb=kb, store=store, embedder=embedder)
    # First sight of a question pays the model, whatever an earlier run cached.
    uncached = Retriever(kb=kb, store=store, embedder=UncachedQueries(embedder))
    assistant = Assistant(
        kb=kb,
        retriever=retriever,
        settings=Settings(data_dir=workdir),
        triage=TriageModel.load(embedder.sentence_transformer),
    )
    texts = [c.text for c in load_cases(QUESTIONS)][:questions]
    for warm in ("warm-up: an unrelated sentence", "another warm-up sentence"):
        retriever.retrieve(warm)
    floor, first_seen, cached, answer = Timings(), Timings(), Timings(), Timings()
    for text in texts:
        floor.time(embedder.embed_batch, [text])
        first_seen.time(uncached.retrieve, text)
        retriever.retrieve(text)  # into the query cache
    for text in texts:
        cached.time(retriever.retrieve, text)
        answer.time(assistant.handle, Message(text=text))
    memory = proc_status()
    return {
        "kb_load_s": load_s,
        "embedding_p95_ms": floor.p(95),
        "retrieve_p50_ms": first_seen.p(50),
        "retrieve_p95_ms": first_seen.p(95),
        "retrieve_cached_p95_ms": cached.p(95),
        "answer_cached_p95_ms": answer.p(95),
        "rss_mb": memory.get("VmRSS", 0),
        "peak_rss_mb": memory.get("VmHWM", 0),
    }


def _worker(phase: str, docs: int, workdir: Path, questions: int) -> dict[str, Any]:
    args = ["--phase", phase, "--docs", str(docs), "--workdir", str(workdir)]
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale", *args, "--questions", str(questions)],
        capture_output=True,
        text=True,
        cwd=str(REPO),
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise RuntimeError(f"{docs} policies, {phase}: {' | '.join(tail) or done.returncode}")
    return dict(json.loads(lines[-1]))


def _measure(docs: int, workdir: Path, questions: int, embedder: Any) -> dict[str, Any]:
    if embedder is not None:  # quick runs: in this process, with the model already loaded
        return ingest_size(docs, workdir, embedder=embedder) | query_size(
            docs, workdir, questions, embedder=embedder
        )
    return _worker("ingest", docs, workdir, questions) | _worker("query", docs, workdir, questions)


def run(sizes: list[int], workdir: Path, *, questions: int = 100, embedder: Any = None) -> Outcome:
    """Each size in fresh processes; with `embedder` given, in this one (quick runs)."""
    outcome = Outcome(key="scale", title=TITLE)
    results = []
    for docs in sizes:
        try:
            results.append(_measure(docs, workdir, questions, embedder))
        except RuntimeError as exc:
            outcome.notes.append(str(exc))
    if embedder is not None:
        outcome.notes.append("Measured in the bench process (quick run): RSS is not per size.")
    if not results:
        outcome.skipped = "; ".join(outcome.notes) or "no sizes ran"
        return outcome
    _tables(outcome, results)
    _targets(outcome, results)
    outcome.data = {"sizes": results}
    return outcome


def _tables(outcome: Outcome, results: list[dict[str, Any]]) -> None:
    ingest = Table(["policies", "chunks", "ingest", "chunks/s", "ingest peak RSS"])
    ingest.headers += ["store on disk", "re-ingest unchanged", "re-embedded"]
    query = Table(["policies", "chunks", "KB load", "retrieval p50 / p95"])
    query.headers += ["p95 ÷ embedding p95", "cached retrieval p95 (÷ smallest)"]
    query.headers += ["answer p95, cached", "replica RSS / peak"]
    base = results[0]["retrieve_cached_p95_ms"]
    for r in results:
        ingest.add(
            f"{r['docs']:,}",
            f"{r['chunks']:,}",
            f"{r['ingest_s']:.1f} s",
            f"{r['embedded'] / r['ingest_s']:.0f}" if r["ingest_s"] else "n/a",
            f"{r['ingest_peak_mb']} MB",
            f"{r['store_mb']:.1f} MB",
            f"{r['reingest_s']:.1f} s",
            r["reingest_embedded"],
        )
        query.add(
            f"{r['docs']:,}",
            f"{r['chunks']:,}",
            f"{r['kb_load_s']:.2f} s",
            f"{ms(r['retrieve_p50_ms'])} / {ms(r['retrieve_p95_ms'])}",
            times(ratio(r["retrieve_p95_ms"], r["embedding_p95_ms"])),
            f"{ms(r['retrieve_cached_p95_ms'])} "
            f"({times(ratio(r['retrieve_cached_p95_ms'], base))})",
            ms(r["answer_cached_p95_ms"]),
            f"{r['rss_mb']} / {r['peak_rss_mb']} MB",
        )
    outcome.tables.append(("Ingest (one process per size)", ingest))
    outcome.tables.append(("Retrieval (a fresh process per size, as a replica)", query))


def _targets(outcome: Outcome, results: list[dict[str, Any]]) -> None:
    largest = results[-1]
    p95 = largest["retrieve_p95_ms"]
    outcome.targets += [
        Target(
            f"retrieval p95 ≤ 30 ms at {largest['chunks']:,} chunks",
            f"{ms(p95)} ({times(ratio(p95, largest['embedding_p95_ms']))} embedding p95; "
            f"cached {ms(largest['retrieve_cached_p95_ms'])})",
            "≤ 30 ms at ~20k chunks",
            p95 <= RETRIEVAL_P95_TARGET_MS if largest["chunks"] >= 15_000 else None,
        ),
        Target(
            "re-ingest of an unchanged corpus embeds nothing",
            ", ".join(f"{r['docs']:,}: {r['reingest_embedded']}" for r in results),
            "0 embedded",
            all(r["reingest_embedded"] == 0 for r in results),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure one corpus size (bench worker).")
    parser.add_argument("--phase", choices=["ingest", "query"], required=True)
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    if args.phase == "ingest":
        result = ingest_size(args.docs, args.workdir)
    else:
        result = query_size(args.docs, args.workdir, args.questions)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
