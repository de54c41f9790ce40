"""Fit the passage order (`passage_order.py`); write passage_trees.json.

    python -m bot.core.ranking.passage_train            # retrain from knowledge/ and the batches
    python -m bot.core.ranking.passage_train --check    # exit 1 if retraining changes the trees

Labels: each answer batch's question with a `contain` span (a fact, a wording, or in
earlier batches a rule phrase) names the passage holding it, the first of its listed
sections with a passage that does. Each such question gives one group: that section's
passages, the one(s) holding the span positive. Only sections of more than one passage.
A thread's follow-up is read joined to its first turn, as retrieval reads it. Train on `TRAIN_BATCHES`, read figures on `DEV_BATCHES`; the test batches are
never here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..followup import in_context
from ..knowledge import KnowledgeBase
from .dataset import ANSWERS, DEV_BATCHES, TRAIN_BATCHES
from .features import similarities
from .index import SectionIndex
from .passage_order import PASSAGE_MODEL, PASSAGE_NAMES, PassageOrder, load_passage_model
from .scoring import make_query
from .trees import TreeEnsemble, from_fitted

# Chosen on the dev batches among depths 2-4, 100-300 trees and leaves of 20 or 40
# questions' passages (dev 0.84-0.88 throughout; a deeper or longer fit learns the
# training questions by heart, 0.99 there, and gains nothing on dev): the smallest of the best.
TREES = {"max_depth": 3, "max_iter": 100, "learning_rate": 0.05, "min_samples_leaf": 20}


@dataclass(frozen=True)
class LabelledQuestion:
    text: str
    section: str
    positive: frozenset[int]  # rows of kb.chunks holding the span


@dataclass(frozen=True)
class Group:
    rows: np.ndarray  # features, one row per passage of the section
    labels: np.ndarray  # 1 where the passage holds the span


_QUOTES = str.maketrans("’‘“”", "''\"\"")


def _plain(text: str) -> str:
    text = text.lower().translate(_QUOTES)
    return " ".join(text.split())


def labelled_questions(
    kb: KnowledgeBase,
    names: Sequence[str],
    folder: Path = ANSWERS,
    listed: frozenset[str] = frozenset(),
) -> list[LabelledQuestion]:
    by_section: dict[str, list[int]] = {}
    for row, chunk in enumerate(kb.chunks):
        by_section.setdefault(chunk.section, []).append(row)
    plain = [_plain(c.text) for c in kb.chunks]
    out = []
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        first: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if not case.get("text"):
                continue
            text = case["text"]
            thread = case.get("thread")
            if thread in first:
                # A follow-up is read as retrieval reads it: with the question it follows.
                text = in_context(text, first[thread], listed)
            elif thread:
                first[thread] = text
            if not case.get("contain") or not case.get("sections") or "verdict" in case:
                continue
            spans = [_plain(s) for s in case["contain"]]
            for section in case["sections"]:
                rows = by_section.get(section, [])
                holding = frozenset(r for r in rows if any(s in plain[r] for s in spans))
                if holding and len(rows) > 1:
                    out.append(LabelledQuestion(text, section, holding))
                    break
    return out


def groups_for(
    kb: KnowledgeBase,
    order: PassageOrder,
    questions: Sequence[LabelledQuestion],
    vectors: np.ndarray,
) -> list[Group]:
    index = order.index
    refs = {s.number: s for s in index.sections if not s.heading_only}
    out = []
    for question, vector in zip(questions, vectors, strict=True):
        # Its own text left out of the example questions: a batch question that is also
        # an example question would vote for itself.
        query = make_query(kb, question.text, vector, exclude=question.text)
        sims = similarities(index, query)
        asked_of = order.question(
            question.text, sims.keys, sims.chunks, query.every, kb.passages_using
        )
        ref = refs[question.section]
        rows = [int(r) for r in ref.chunk_rows]
        features = order.features(asked_of, rows, ref.key_rows)
        labels = np.array([float(r in question.positive) for r in rows])
        out.append(Group(features, labels))
    return out


def fit_trees(groups: Sequence[Group]) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.concatenate([g.rows for g in groups])
    y = np.concatenate([g.labels for g in groups])
    model = HistGradientBoostingClassifier(**TREES, early_stopping=False, random_state=0)
    model.fit(x, y)
    return from_fitted(model, PASSAGE_NAMES)


def first_right(groups: Sequence[Group], order: PassageOrder) -> float:
    """Share of groups whose first passage holds the span."""
    if not groups:
        return 0.0
    hits = [g.labels[int(np.argmax(order.scores(g.rows)))] > 0 for g in groups]
    return float(np.mean(hits))


@dataclass(frozen=True)
class PassageTraining:
    trees: TreeEnsemble
    # split -> (questions, share first right by the hand-set sum, by the learned order)
    figures: dict[str, tuple[int, float, float]]


def fit_passage_order(
    kb: KnowledgeBase, embed_batch: Callable[[Sequence[str]], np.ndarray]
) -> PassageTraining:
    index = SectionIndex(kb)
    hand = PassageOrder(index, None)
    split = {}
    for name, batches in (("train", TRAIN_BATCHES), ("dev", DEV_BATCHES)):
        questions = labelled_questions(kb, batches, listed=index.listed)
        split[name] = groups_for(kb, hand, questions, embed_batch([q.text for q in questions]))
    trees = fit_trees(split["train"])
    learned = PassageOrder(index, trees)
    figures = {
        name: (len(groups), first_right(groups, hand), first_right(groups, learned))
        for name, groups in split.items()
    }
    return PassageTraining(trees, figures)


def main(argv: Sequence[str] | None = None) -> int:
    from .train import training_inputs

    args, embedder, kb = training_inputs("python -m bot.core.ranking.passage_train", "trees", argv)
    training = fit_passage_order(kb, embedder.embed_batch)
    for name, (count, hand, learned) in training.figures.items():
        print(
            f"{name:<6} {count:>4} questions: first passage holds the span "
            f"{hand:.3f} (hand-set sum) -> {learned:.3f}"
        )
    if args.check:
        shipped = load_passage_model()
        same = shipped is not None and shipped.to_dict() == training.trees.to_dict()
        print("trees reproduced" if same else f"trees differ from {PASSAGE_MODEL.name}")
        return 0 if same else 1
    text = json.dumps(training.trees.to_dict(), separators=(",", ":")) + "\n"
    PASSAGE_MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {PASSAGE_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
