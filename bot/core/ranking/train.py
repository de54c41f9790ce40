"""Fit the section ranker and the coverage model; write weights.json and MODEL_CARD.md.

    python -m bot.core.ranking.train            # retrain from knowledge/ and the data files
    python -m bot.core.ranking.train --check    # exit 1 if retraining changes the weights

Ranker: a pointwise logistic regression over `features.NAMES`, one row per (question,
candidate section), trained on the train split of the companion files' example
questions (each with its own text left out of the keys, or it learns to trust exact
self-matches) and the answerable questions of the train answer batches. Coverage: a
logistic regression over `coverage.COVERAGE_NAMES`, the ranker's probabilities and the
scope model's taken from cross-validation; its threshold is the highest that refuses at
most `MAX_ANSWERABLE_REFUSED` (3%; 1% for a policy without example questions) of
answerable training questions in cross-validation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..knowledge import KnowledgeBase
from .card import CARD, Training, model_card
from .coverage import COVERAGE_NAMES, coverage_row
from .dataset import (
    DEV_BATCHES,
    MAX_ANSWERABLE_REFUSED,
    MAX_ANSWERABLE_REFUSED_BARE,
    TRAIN_BATCHES,
    BatchQuestion,
    batch_questions,
    out_of_scope,
    split_questions,
)
from .features import NAMES
from .fitting import (
    Rows,
    cv_coverage,
    cv_probabilities,
    fit_linear,
    fit_scope,
    ranker_rows,
    threshold,
    unit,
)
from .index import SectionIndex
from .model import WEIGHTS, LinearModel, Weights, dump_weights, load_weights
from .negatives import NegativeKeys, save_negatives
from .scoring import Example, score_sections

EmbedBatch = Callable[[Sequence[str]], np.ndarray]


def with_questions(kb: KnowledgeBase, keep: Callable[[str], bool]) -> KnowledgeBase:
    rows = [i for i, q in enumerate(kb.questions) if keep(q.question)]
    vectors = kb.question_vectors[rows] if rows else kb.question_vectors[:0]
    return replace(kb, questions=[kb.questions[i] for i in rows], question_vectors=vectors)


def fit_weights(
    kb: KnowledgeBase,
    embed: EmbedBatch,
    extra_dev: dict[str, list[Example]] | None = None,
    c: float = 1.0,
    batches: tuple[Sequence[str], Sequence[str]] = (TRAIN_BATCHES, DEV_BATCHES),
) -> Training:
    split = split_questions(kb.questions)
    oos_train, oos_dev = out_of_scope()
    batch_train, batch_dev = (batch_questions(names) for names in batches)
    texts = [q.question for q in split.train + split.dev] + oos_train + oos_dev
    texts += [b.text for b in batch_train + batch_dev]
    unique = list(dict.fromkeys(texts))
    vectors = dict(zip(unique, embed(unique), strict=True))

    def example(text: str, gold: tuple[tuple[str, str], ...] = ()) -> Example:
        return Example(text, gold, vectors[text])

    def from_batch(items: list[BatchQuestion]) -> list[Example]:
        return [example(b.text, tuple(("*", s) for s in b.sections)) for b in items]

    # Answerable: the FAQ's train split and the train batches' answerable questions.
    train = [example(q.question, ((q.document, q.section),)) for q in split.train]
    train += [e for e in from_batch(batch_train) if e.gold]
    dev = [example(q.question, ((q.document, q.section),)) for q in split.dev]
    refused = list(dict.fromkeys(oos_train + [b.text for b in batch_train if not b.sections]))
    negatives = NegativeKeys(tuple(refused), unit(np.array([vectors[t] for t in refused])))
    train_texts = {q.question for q in split.train}
    train_kb = with_questions(kb, train_texts.__contains__)
    # The same examples against the policy without example questions, so a policy that
    # ships no companion file is ranked and judged on its text alone.
    bare_kb = with_questions(kb, lambda _text: False)
    views = [(train_kb, SectionIndex(train_kb)), (bare_kb, SectionIndex(bare_kb))]
    index = views[0][1]

    rows = Rows()
    for view_kb, view_index in views:
        rows += ranker_rows(view_kb, view_index, train, loo=True)
    features, labels = rows.features, rows.labels
    ranker = fit_linear(np.vstack(features), np.concatenate(labels), NAMES, c)
    cv = cv_probabilities(features, labels, [i % len(train) for i in range(len(features))], c)
    negative_examples = [example(t) for t in refused]
    scope, scope_cv = fit_scope(
        np.array([e.vector for e in train + negative_examples]),
        np.array([1] * len(train) + [0] * len(refused)),
    )

    coverage: list[tuple[LinearModel, float]] = []
    shares = (MAX_ANSWERABLE_REFUSED, MAX_ANSWERABLE_REFUSED_BARE)
    for view, (view_kb, view_index) in enumerate(views):
        mine = range(view * len(train), (view + 1) * len(train))
        cover = [
            coverage_row(
                view_index,
                rows.queries[i],
                features[i],
                cv[i],
                view_kb.lexical.known_ratio(rows.queries[i].text),
                negatives.similarities(rows.queries[i].vector),
                rows.sims[i],
                scope_cv[i - view * len(train)] if view == 0 else 0.5,
            )
            for i in mine
        ]
        neg = ranker_rows(view_kb, view_index, negative_examples, loo=False)
        cover += [
            coverage_row(
                view_index,
                q,
                f,
                ranker.probability(f),
                view_kb.lexical.known_ratio(q.text),
                negatives.similarities(q.vector, exclude=q.text),  # its own row left out
                sims,
                scope_cv[len(train) + j] if view == 0 else 0.5,
            )
            for j, (q, f, sims) in enumerate(zip(neg.queries, neg.features, neg.sims, strict=True))
        ]
        cover_x = np.vstack(cover)
        cover_y = np.array([1] * len(mine) + [0] * len(neg.queries))
        model = fit_linear(cover_x, cover_y, COVERAGE_NAMES, c)
        cv_p = cv_coverage(cover_x, cover_y, c)
        coverage.append((model, threshold(cv_p, cover_y == 1, shares[view])))
    weights = Weights(
        ranker=ranker,
        coverage=coverage[0][0],
        coverage_threshold=coverage[0][1],
        coverage_bare=coverage[1][0],
        coverage_bare_threshold=coverage[1][1],
        scope=scope,
    )

    faq_dev = dev + [example(t) for t in oos_dev]
    figures = {
        "FAQ train (leave-one-out)": score_sections(
            train_kb, weights, train[: len(split.train)], loo=True, negatives=negatives
        ),
        "FAQ dev (keys: train split)": score_sections(
            train_kb, weights, faq_dev, loo=False, negatives=negatives
        ),
        "FAQ dev (no example questions)": score_sections(
            bare_kb, weights, faq_dev, loo=False, negatives=negatives
        ),
        "answer batches, train": score_sections(
            kb, weights, from_batch(batch_train), loo=True, negatives=negatives
        ),
        "answer batches, dev": score_sections(
            kb, weights, from_batch(batch_dev), loo=False, negatives=negatives
        ),
    }
    for name, cases in (extra_dev or {}).items():
        figures[name] = score_sections(kb, weights, cases, loo=False, negatives=negatives)
    counts = {
        "sections": len(index),
        "FAQ train": len(split.train),
        "FAQ dev": len(dev),
        "answer batches train: answerable": len(train) - len(split.train),
        "answer batches train: out of scope": len(refused) - len(oos_train),
        "answer batches dev": len(batch_dev),
        "out-of-scope train": len(oos_train),
        "out-of-scope dev": len(oos_dev),
        "ranker rows (with and without example questions)": int(sum(len(f) for f in features)),
    }
    return Training(weights=weights, negatives=negatives, figures=figures, counts=counts)


def eval_examples(path: Path, embed: EmbedBatch) -> list[Example]:
    """Question cases of a tests/eval file: its sections (any document) or out of scope."""
    from bot.evaluation import load_cases

    cases = [c for c in load_cases(path) if (c.sections or c.oos) and not c.escalate]
    cases = [c for c in cases if c.verdict is None]
    vectors = embed([c.text for c in cases])
    return [
        Example(c.text, tuple(("*", s) for s in (c.sections or [])) if not c.oos else (), v)
        for c, v in zip(cases, vectors, strict=True)
    ]


def build_knowledge(knowledge_dir: Path, embedder) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    from ingest.pipeline import ingest_documents, parse_paths
    from ingest.store import VectorStore

    with tempfile.TemporaryDirectory() as tmp:
        store = VectorStore.open(data_dir=Path(tmp), name="training")
        ingest_documents(parse_paths([knowledge_dir]), store, embedder)
        return KnowledgeBase.load(store)


def training_inputs(
    prog: str, shipped: str, argv: Sequence[str] | None
) -> tuple[argparse.Namespace, Any, KnowledgeBase]:
    """A training command's arguments (`--knowledge`, `--check` against the `shipped`
    model), the bundled embedder and the policy ingested into a throwaway store."""
    from bot.settings import Settings
    from ingest.embedder import SentenceTransformerEmbedder

    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--knowledge", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help=f"compare with the shipped {shipped}")
    args = parser.parse_args(argv)
    settings = Settings()
    embedder = SentenceTransformerEmbedder(settings.model_path)
    return args, embedder, build_knowledge(args.knowledge or settings.knowledge_dir, embedder)


def main(argv: Sequence[str] | None = None) -> int:
    args, embedder, kb = training_inputs("python -m bot.core.ranking.train", "weights", argv)
    eval_dir = Path(__file__).resolve().parents[3] / "tests" / "eval"
    extra = {
        f"{name} (dev)": eval_examples(eval_dir / name, embedder.embed_batch)
        for name in ("questions.jsonl", "holdout.jsonl")
        if (eval_dir / name).is_file()
    }
    training = fit_weights(kb, embedder.embed_batch, extra)
    text = dump_weights(training.weights)
    for name, fig in training.figures.items():
        print(f"{name:<32} {fig.row()}")
    if args.check:
        same = same_weights(load_weights(), training.weights)
        print("weights reproduced" if same else "weights differ from weights.json")
        return 0 if same else 1
    WEIGHTS.write_text(text, encoding="utf-8")
    save_negatives(training.negatives)
    CARD.write_text(model_card(training), encoding="utf-8")
    print(f"wrote {WEIGHTS} and {CARD}")
    return 0


def same_weights(a: Weights, b: Weights, tolerance: float = 1e-3) -> bool:
    pairs = ((a.ranker, b.ranker), (a.coverage, b.coverage), (a.coverage_bare, b.coverage_bare))
    close = all(
        np.allclose(x.coef, y.coef, atol=tolerance) and abs(x.intercept - y.intercept) < tolerance
        for x, y in pairs
    )
    thresholds = (
        abs(a.coverage_threshold - b.coverage_threshold) < tolerance
        and abs(a.coverage_bare_threshold - b.coverage_bare_threshold) < tolerance
    )
    return close and thresholds


if __name__ == "__main__":
    sys.exit(main())
