"""Dump the verifier's decision on every labelled summary, to compare two versions.

    PYTHONPATH=. python scripts/phrasing_decisions.py > /tmp/before.tsv   # [FILES ...]
    ... change the code ...
    PYTHONPATH=. python scripts/phrasing_decisions.py > /tmp/after.tsv
    diff /tmp/before.tsv /tmp/after.tsv && echo identical

One line per summary: file, id, label, accepted, reason (the learned verifier, as
`python -m bot.phrasing_eval` runs it, after one warm-up pass; a check that raises is written `error:<type>`
and counted as rejected, as the reply then falls back to the quoted passages). Last,
accepted | rejected per file on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.phrasing_eval import load, section_sources

EVAL = Path(__file__).resolve().parents[1] / "tests" / "eval" / "phrasing"


def main(argv: list[str]) -> None:
    from bot.app import build_core, load_embedder, open_store
    from bot.core.knowledge import KnowledgeBase
    from bot.core.phrasing.claims import content_words
    from bot.core.phrasing.literals import fact_texts
    from bot.core.phrasing.verifier import Verifier
    from bot.core.phrasing.word_vectors import CachedWordVectors
    from bot.settings import Settings

    settings = Settings()
    store = open_store(settings)
    if store.count() == 0:
        build_core(settings)  # first-use ingest
    kb = KnowledgeBase.load(store)
    vectors = CachedWordVectors(load_embedder(settings).embed_batch)
    vectors.warm(w for chunk in kb.chunks for w in content_words(chunk.text))
    facts = fact_texts(kb.facts)
    verifier = Verifier(vectors)
    files = [Path(a) for a in argv] or sorted(EVAL.glob("*.jsonl"))
    for path in files:  # warm-up, as phrasing_eval: the words the summaries bring embedded
        for item in load(path):
            try:
                verifier.check(item.summary, section_sources(kb, item.sections), facts)
            except Exception:  # recorded on the second pass
                continue
    for path in files:
        right = [0, 0, 0, 0]  # accepted, supported, rejected, unsupported
        for item in load(path):
            try:
                verdict = verifier.check(item.summary, section_sources(kb, item.sections), facts)
                accepted, reason = verdict.accepted, verdict.reason or "-"
            except Exception as error:  # recorded, counted as rejected
                accepted, reason = False, f"error:{type(error).__name__}"
            label = "supported" if item.supported else "unsupported"
            print(f"{path.name}\t{item.id}\t{label}\t{int(accepted)}\t{reason}")
            right[0 if item.supported else 2] += accepted == item.supported
            right[1 if item.supported else 3] += 1
        a, s, r, u = right
        print(f"{path.name}: accepted {a}/{s} rejected {r}/{u}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
