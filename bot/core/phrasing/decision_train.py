"""Fit the verifier's learned decision; write weights/decision.json and DECISION_CARD.md.

    python -m bot.core.phrasing.decision_train            # or: policybot train phrasing
    python -m bot.core.phrasing.decision_train --check    # exit 1 if retraining changes it
                                                          # (weights only, no held-out table)

Data: every labelled file in tests/eval/phrasing/ but the held-out batches
(`HELD_OUT_FILES`: spent dev and sealed test), each summary read by the verifier's hand
rules (`Verifier.read`). Summaries a hard check rejects are counted as rejected and never trained on: no model may let them through. The bar: the lowest
probability at which the training summaries' rejection (hard rejections included) stays
at or above `REJECT_FLOOR`, each summary scored by a model fitted without its file.
Measured leave-one-file-out, with that bar chosen again inside each training fold.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .decision import WEIGHTS, Decision, features, load_decision

if TYPE_CHECKING:
    from bot.core.knowledge import KnowledgeBase

    from .verifier import Verifier

EVAL = Path(__file__).resolve().parents[3] / "tests" / "eval" / "phrasing"
CARD = WEIGHTS.with_name("DECISION_CARD.md")
TREES = 100
MIN_LEAF = 2
SEED = 0
REJECT_FLOOR = 0.985
# Batches kept out of training. Round 10's test (v21, v22) is spent: scored once on its
# decision, read since as dev, never trained on, so a change can be checked on summaries
# it was not fitted to; so are round 11's (v23, v24) and round 12's (v25, v26). Round
# 9's test (v19, v20), dev in round 10, trains round 11's decision, as does p7 (written
# blind as training data, scored once on round 10's); p8-p10 (the same, on round 11's)
# train round 12's, p11 (the same, on round 12's) round 13's, and p12-p13 round 14's.
# p14 (the same, first scored on round 14's) is held out as dev: trained on, it lowered
# acceptance on the held-out v21-v30 (380 -> 371 of 500). Each round's test (v29, v30;
# v31, v32) is held out by name before it is added.
HELD_OUT_FILES: frozenset[str] = frozenset(
    {
        "v21-blind-test.jsonl",
        "v22-blind-test.jsonl",
        "v23-blind-test.jsonl",
        "v24-blind-test.jsonl",
        "v25-blind-test.jsonl",
        "v26-blind-test.jsonl",
        "v27-blind-test.jsonl",
        "v28-blind-test.jsonl",
        "v29-blind-test.jsonl",
        "v30-blind-test.jsonl",
        "v31-blind-test.jsonl",
        "v32-blind-test.jsonl",
        "p14-blind-train.jsonl",
    }
)


def training_files(folder: Path = EVAL) -> list[Path]:
    return [p for p in sorted(folder.glob("*.jsonl")) if p.name not in HELD_OUT_FILES]


@dataclass(frozen=True)
class Row:
    file: str
    supported: bool
    hard: bool  # a hard check rejected it: rejected whatever the model says
    rule: bool  # the hand rules alone accept it
    named: dict[str, float]


def read_rows(files: Sequence[Path]) -> list[Row]:
    """Each labelled summary as the verifier's hand rules read it, over the policy in
    the knowledge folder ingested afresh (as the other trainers do)."""
    from bot.app import load_embedder
    from bot.core.ranking.train import build_knowledge
    from bot.settings import Settings

    from .claims import content_words
    from .literals import fact_texts
    from .verifier import Verifier
    from .word_vectors import CachedWordVectors

    settings = Settings()
    embedder = load_embedder(settings)
    kb = build_knowledge(settings.knowledge_dir, embedder)
    vectors = CachedWordVectors(embedder.embed_batch)
    vectors.warm(w for chunk in kb.chunks for w in content_words(chunk.text))
    return rows_of(Verifier(vectors, learned=False), kb, files, fact_texts(kb.facts))


def rows_of(
    verifier: Verifier, kb: KnowledgeBase, files: Sequence[Path], facts: list[str]
) -> list[Row]:
    """What `Verifier.read` makes of each labelled summary (`learned=False`: only its
    reading is used, never a decision)."""
    from bot.phrasing_eval import load, section_sources

    rows = []
    for path in files:
        for item in load(path):
            got = verifier.read(item.summary, section_sources(kb, item.sections), facts)
            named = features(got.claims, got.sentences, got.rule.accepted)
            rows.append(
                Row(path.name, item.supported, got.hard is not None, got.rule.accepted, named)
            )
    return rows


def fit(rows: Sequence[Row]) -> Decision:
    """A class-balanced random forest on the summaries no hard check rejects (the bar
    is set separately: `choose_bar`), kept as flat arrays."""
    from sklearn.ensemble import RandomForestClassifier

    kept = [r for r in rows if not r.hard]
    names = tuple(kept[0].named)
    x = np.array([[r.named[k] for k in names] for r in kept])
    y = np.array([r.supported for r in kept], int)
    forest = RandomForestClassifier(
        TREES, min_samples_leaf=MIN_LEAF, class_weight="balanced", random_state=SEED, n_jobs=1
    )
    forest.fit(x, y)
    return flatten(names, [tree.tree_ for tree in forest.estimators_], 0.5)


def flatten(names: tuple[str, ...], trees: Sequence[Any], bar: float) -> Decision:
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    offset = depth = 0
    for tree in trees:
        n = tree.node_count
        leaf = tree.children_left < 0
        own = np.arange(n) + offset
        roots.append(offset)
        feature.append(np.where(leaf, -1, tree.feature))
        threshold.append(np.where(leaf, 0.0, tree.threshold))
        left.append(np.where(leaf, own, tree.children_left + offset))
        right.append(np.where(leaf, own, tree.children_right + offset))
        counts = tree.value[:, 0, :]
        value.append(counts[:, 1] / np.maximum(counts.sum(axis=1), 1e-12))
        offset += n
        depth = max(depth, tree.max_depth)
    return Decision(
        names,
        np.array(roots, np.intp),
        np.concatenate(feature).astype(np.intp),
        np.concatenate(threshold),
        np.concatenate(left).astype(np.intp),
        np.concatenate(right).astype(np.intp),
        np.concatenate(value),
        depth,
        bar,
    )


def held_out(rows: Sequence[Row]) -> list[float]:
    """Each row's probability from a model fitted without its file (0.0 for a row a
    hard check rejects: never asked)."""
    out = [0.0] * len(rows)
    for file in sorted({r.file for r in rows}):
        model = fit([r for r in rows if r.file != file])
        for i, r in enumerate(rows):
            if r.file == file and not r.hard:
                out[i] = model.probability(r.named)
    return out


def choose_bar(rows: Sequence[Row], probs: Sequence[float], floor: float = REJECT_FLOOR) -> float:
    """The lowest bar at which rejection of the unsupported rows stays >= floor."""
    bad = [p for r, p in zip(rows, probs, strict=True) if not r.supported and not r.hard]
    n_bad = sum(not r.supported for r in rows)
    allowed = int(np.floor((1.0 - floor) * n_bad + 1e-9))  # unsupported rows let through
    ranked = sorted(bad, reverse=True)
    if allowed >= len(ranked):
        return 0.0
    return float(np.nextafter(ranked[allowed], 1.0))  # just above the first one too many


def trained(rows: Sequence[Row]) -> Decision:
    """Fitted on all rows, the bar chosen on their leave-one-file-out probabilities."""
    model = fit(rows)
    bar = choose_bar(rows, held_out(rows))
    return replace(model, bar=bar)


@dataclass(frozen=True)
class Figures:
    accepted: int
    supported: int
    rejected: int
    unsupported: int

    def __str__(self) -> str:
        a, r = self.accepted / max(1, self.supported), self.rejected / max(1, self.unsupported)
        return f"{a:.3f} ({self.accepted}/{self.supported}) | {r:.3f} ({self.rejected}/{self.unsupported})"


def figures(rows: Sequence[Row], accepts: Sequence[bool]) -> Figures:
    pairs = list(zip(rows, accepts, strict=True))
    return Figures(
        sum(a for r, a in pairs if r.supported),
        sum(r.supported for r in rows),
        sum(not a for r, a in pairs if not r.supported),
        sum(not r.supported for r in rows),
    )


def lofo(rows: Sequence[Row]) -> dict[str, list[bool]]:
    """Per held-out file, the learned verifier's verdicts: fitted on the other files,
    its bar chosen on their own leave-one-file-out probabilities."""
    out = {}
    for file in sorted({r.file for r in rows}):
        train = [r for r in rows if r.file != file]
        model = trained(train)
        out[file] = [
            not r.hard and model.probability(r.named) >= model.bar for r in rows if r.file == file
        ]
    return out


def report(rows: Sequence[Row], verdicts: dict[str, list[bool]]) -> list[tuple[str, str, str]]:
    """(file, rules alone, learned LOFO) per file, and pooled."""
    out = []
    every_rule: list[bool] = []
    every_learned: list[bool] = []
    ordered: list[Row] = []
    for file, learned in verdicts.items():
        mine = [r for r in rows if r.file == file]
        rule = [r.rule and not r.hard for r in mine]
        out.append((file, str(figures(mine, rule)), str(figures(mine, learned))))
        every_rule += rule
        every_learned += learned
        ordered += mine
    out.append(("pooled", str(figures(ordered, every_rule)), str(figures(ordered, every_learned))))
    return out


def card(table: list[tuple[str, str, str]], model: Decision, n: int) -> str:
    body = "\n".join(f"| {f} | {a} | {b} |" for f, a, b in table)
    return f"""# Verifier decision model

Trained {datetime.now(UTC):%Y-%m-%d} by `policybot train phrasing`
(`python -m bot.core.phrasing.decision_train`); weights in `decision.json`.

A random forest ({TREES} trees, at least {MIN_LEAF} summaries a leaf, balanced classes,
seed {SEED}) over each summary's weakest-clause signals from the hand rules
(`bot/core/phrasing/decision.py`: {len(model.names)} features), trained on the {n}
summaries of the {len(table) - 1} files in tests/eval/phrasing/ that no hard check
(literal, name, section, an opposite word, shape, empty) rejects. Bar {model.bar:.4f}: the lowest at which
rejection of the unsupported summaries, hard rejections included, stays >= {REJECT_FLOOR}
on leave-one-file-out probabilities.

Leave-one-file-out (trained on the other files, the bar chosen inside the fold by the
same rule on their own leave-one-file-out probabilities); accept of supported | reject
of unsupported:

| file | hand rules alone | learned (held out) |
|---|---|---|
{body}
"""


def same(a: Decision | None, b: Decision) -> bool:
    """Tree for tree, node for node (a forest refitted with the same seed is the same)."""
    fields = ("roots", "feature", "left", "right", "threshold", "value")
    return (
        a is not None
        and a.names == b.names
        and a.depth == b.depth
        and abs(a.bar - b.bar) < 1e-9
        and all(getattr(a, k).shape == getattr(b, k).shape for k in fields)
        and all(np.allclose(getattr(a, k), getattr(b, k), atol=1e-6) for k in fields)
    )


def main(argv: Sequence[str] | None = None, log: Callable[[str], object] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.core.phrasing.decision_train")
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    args = parser.parse_args(argv)
    rows = read_rows(training_files())
    model = trained(rows)
    if args.check:
        # The weights only: the held-out table (twenty minutes on a shared host) is in
        # the card, and `scripts/phrasing_lofo.py` prints it again.
        ok = same(load_decision(), model)
        log("weights reproduced" if ok else "weights differ from decision.json")
        return 0 if ok else 1
    table = report(rows, lofo(rows))
    for file, rule, learned in table:
        log(f"{file:<22} rules {rule:<28} learned {learned}")
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")
    CARD.write_text(card(table, model, sum(not r.hard for r in rows)), encoding="utf-8")
    log(f"wrote {WEIGHTS} and {CARD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
