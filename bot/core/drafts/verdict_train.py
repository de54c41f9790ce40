"""Fit the draft verdict model (`verdict.py`); run by `policybot train drafts`.

Its inputs are what the assistant has when it checks a draft: the rules' findings and
the meaning model's probabilities. A meaning model is near-perfect on the drafts it was
fitted on, so the training drafts' probabilities are out of fold: for each training
file, from a meaning model fitted on the other files (a file is one writer's batch).

Labels: a draft may accept several verdicts; it is trained on the mildest acceptable
one (the floors in `verdict.py` keep the safety-critical findings off `ok`). Chosen by
leave-one-file-out accuracy on the blind answer batches, against the most severe and
the one nearest the rules' verdict. Each training file weighs the same in total, so the
rule-tuned `drafts*.jsonl` (303 drafts) do not drown the six blind writers (161).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.ranking.fitting import fit_linear

from ..knowledge import KnowledgeBase
from .context import DraftContext, RuleFinding
from .detect import described_draft, extract_draft, quoted_draft
from .meaning import MeaningModel
from .rules import run_rules
from .verdict import RANK, VERDICTS, VerdictModel, features

C = 0.3
MEANING_C = 0.01  # as the meaning model's own fit


@dataclass(frozen=True)
class Case:
    file: str
    findings: list[RuleFinding]
    verdicts: set[str]
    row: int  # into the embedding rows


def rule_findings(texts: Sequence[str], kb: KnowledgeBase) -> list[list[RuleFinding] | None]:
    """The rules' findings per message, read as the assistant reads it (a labelled draft
    nothing can split is read whole, as a message triage calls a draft is)."""
    out: list[list[RuleFinding] | None] = []
    for text in texts:
        request = extract_draft(text) or quoted_draft(text) or described_draft(text)
        ctx = DraftContext(
            draft=request.draft,
            question=request.question,
            platform=request.platform_hint,
            facts=kb.facts,
            sections=tuple(kb.sections),
        )
        out.append(run_rules(ctx))
    return out


def cases(
    files: Sequence[str], found: Sequence[list[RuleFinding] | None], verdicts: Sequence[set[str]]
) -> list[Case]:
    return [
        Case(file, f, v, i)
        for i, (file, f, v) in enumerate(zip(files, found, verdicts, strict=True))
        if f is not None
    ]


def out_of_fold(
    rows: np.ndarray, flags: Sequence[set[str]], files: Sequence[str], sections: Sequence[str]
) -> list[dict[str, float]]:
    """Each draft's meaning probabilities from a model that never saw its file."""
    out: list[dict[str, float]] = [{} for _ in files]
    names = [f"e{i}" for i in range(rows.shape[1])]
    for held in sorted(set(files)):
        fit_on = np.array([f != held for f in files])
        for section in sections:
            labels = np.array([section in f for f in flags], int)[fit_on]
            model = fit_linear(rows[fit_on], labels, names, MEANING_C, True)
            for i in np.flatnonzero(~fit_on):
                out[i][section] = float(model.probability(rows[i : i + 1])[0])
    return out


def _target(case: Case) -> int:
    return min(RANK[v] for v in case.verdicts)


def fit_verdict(train: Sequence[Case], probs: Sequence[dict[str, float]]) -> VerdictModel:
    from sklearn.linear_model import LogisticRegression

    named = [features(c.findings, probs[c.row]) for c in train]
    names = tuple(sorted({n for row in named for n in row}))
    x = np.array([[row.get(n, 0.0) for n in names] for row in named])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    per_file = Counter(c.file for c in train)
    weight = np.array([len(train) / len(per_file) / per_file[c.file] for c in train])
    labels = np.array([_target(c) for c in train])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit((x - mean) / scale, labels, sample_weight=weight)
    assert list(model.classes_) == [0, 1, 2], "every verdict needs training drafts"
    return VerdictModel(names, mean, scale, model.coef_, model.intercept_)


def rules_verdict(case: Case, probs: dict[str, float], bar: float) -> str:
    """The hand-set mapping this model replaces: the worst finding's verdict, `review`
    for a section over the meaning bar that no rule flagged."""
    worst = max((RANK[f.verdict] for f in case.findings), default=0)
    flagged = {f.section for f in case.findings}
    if worst == 0 and any(p >= bar for s, p in probs.items() if s not in flagged):
        worst = 1
    return VERDICTS[worst]


def accuracy(
    model: VerdictModel | None, items: Sequence[Case], probs: Sequence[dict[str, float]], bar: float
) -> float:
    """Share of drafts whose verdict is acceptable; no model: the rules' verdict."""
    right = 0
    for c in items:
        if model is None:
            verdict = rules_verdict(c, probs[c.row], bar)
        else:
            verdict = model.decide(c.findings, probs[c.row])
        right += verdict in c.verdicts
    return right / max(1, len(items))


def blind(file: str) -> bool:
    """An answer batch written blind, not one of the rule-tuned `drafts*.jsonl`."""
    return not file.startswith("drafts")


def cross_validated(
    train: Sequence[Case], probs: Sequence[dict[str, float]]
) -> tuple[float, float]:
    """Leave-one-file-out accuracy over all training files, and over the blind ones."""
    right: list[bool] = []
    right_blind: list[bool] = []
    for held in sorted({c.file for c in train}):
        model = fit_verdict([c for c in train if c.file != held], probs)
        out = [c for c in train if c.file == held]
        hits = [model.decide(c.findings, probs[c.row]) in c.verdicts for c in out]
        right += hits
        right_blind += hits if blind(held) else []
    return float(np.mean(right)), float(np.mean(right_blind))


def fit_and_measure(
    train: tuple[Sequence[str], Sequence[set[str]], Sequence[set[str]], Sequence[str]],
    probs: Sequence[dict[str, float]],
    meaning: MeaningModel,
    kb: KnowledgeBase,
) -> tuple[VerdictModel, dict[str, object]]:
    """The verdict model and its figures. `train`: texts, flags, verdicts, files;
    `probs`: each draft's out-of-fold meaning probabilities (`out_of_fold`)."""
    texts, _flags, verdicts, files = train
    fitted = cases(files, rule_findings(texts, kb), verdicts)
    model = fit_verdict(fitted, probs)
    cv, cv_blind = cross_validated(fitted, probs)
    fitted_blind = [c for c in fitted if blind(c.file)]
    rules_cv = accuracy(None, fitted, probs, meaning.bar)
    rules_blind = accuracy(None, fitted_blind, probs, meaning.bar)

    def pair(before: float, after: float) -> str:
        return f"{before:.3f} → {after:.3f}"

    figures: dict[str, object] = {
        "verdict: drafts the rules check": len(fitted),
        "verdict accuracy, rules → learned: train": pair(
            rules_cv, accuracy(model, fitted, probs, meaning.bar)
        ),
        "verdict accuracy, rules → learned: leave-one-file-out": pair(rules_cv, cv),
        "verdict accuracy, rules → learned: leave-one-file-out, blind batches": pair(
            rules_blind, cv_blind
        ),
    }
    return model, figures
