"""Fit the draft verdict model (`verdict.py`); run by `policybot train drafts`.

Its inputs are what the assistant has when it checks a draft: the rules' findings and
the meaning model's probabilities. A meaning model is near-perfect on the drafts it was
fitted on, so the training drafts' probabilities are out of fold: for each training
file, from a meaning model fitted on the other files (a file is one writer's batch).

Labels: a draft may accept several verdicts (a borderline draft: `review` or
`do_not_post`); it is one training row per acceptable verdict, sharing the draft's
weight, so the model learns what writers accept rather than always the mildest (which
taught it that a paid promotion, `do_not_post` or either to 11 of 14 writers, is
`review`). Leave-one-file-out over the 20 round-6 blind batches, before the severity
features: mildest 0.756, shared 0.761.
Each training file weighs the same in total, so the rule-tuned `drafts*.jsonl` do not
drown the blind writers.

The severity features (`meaning.py`) are out of fold too, and fitted here: one
regression per threshold (at least `review`; `do_not_post`) over the embedding, on the
drafts whose acceptable verdicts all fall on one side of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.ranking.fitting import fit_linear
from bot.core.ranking.model import LinearModel

from ..knowledge import KnowledgeBase
from .context import DraftContext, RuleFinding
from .detect import DraftRequest, described_draft, extract_draft, quoted_draft
from .meaning import SEVERITY, MeaningModel
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


def read_request(text: str) -> DraftRequest:
    """A labelled draft as the assistant reads it: split by the cues, or else the quoted
    post, or else the whole message (triage calls it a draft)."""
    return extract_draft(text) or quoted_draft(text) or described_draft(text)


def posts(texts: Sequence[str]) -> list[str]:
    """The post alone of each labelled draft, as `read_request` splits it."""
    return [read_request(text).draft for text in texts]


def rule_findings(texts: Sequence[str], kb: KnowledgeBase) -> list[list[RuleFinding] | None]:
    """The rules' findings per message, read as the assistant reads it (a labelled draft
    nothing can split is read whole, as a message triage calls a draft is)."""
    out: list[list[RuleFinding] | None] = []
    for text in texts:
        request = read_request(text)
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


def fit_severity(
    rows: np.ndarray, verdicts: Sequence[set[str]], c: float = MEANING_C
) -> dict[str, LinearModel]:
    """P(verdict at least v) over the unit embeddings, for each v in `SEVERITY`. A draft
    whose acceptable verdicts straddle v says nothing about it and is left out."""
    names = [f"e{i}" for i in range(rows.shape[1])]
    low = np.array([min(RANK[v] for v in vs) for vs in verdicts])
    high = np.array([max(RANK[v] for v in vs) for vs in verdicts])
    out = {}
    for verdict in SEVERITY:
        k = RANK[verdict]
        clear = (low >= k) | (high < k)
        out[verdict] = fit_linear(rows[clear], (low >= k).astype(int)[clear], names, c, True)
    return out


def severity_out_of_fold(
    rows: np.ndarray, verdicts: Sequence[set[str]], files: Sequence[str]
) -> list[dict[str, float]]:
    """Each draft's severity probabilities from regressions that never saw its file."""
    out: list[dict[str, float]] = [{} for _ in files]
    for held in sorted(set(files)):
        fit_on = np.array([f != held for f in files])
        models = fit_severity(rows[fit_on], [v for v, k in zip(verdicts, fit_on, strict=True) if k])
        for i in np.flatnonzero(~fit_on):
            for verdict, model in models.items():
                out[i][verdict] = float(model.probability(rows[i : i + 1])[0])
    return out


def fit_verdict(
    train: Sequence[Case],
    probs: Sequence[dict[str, float]],
    severity: Sequence[dict[str, float]] | None = None,
) -> VerdictModel:
    from sklearn.linear_model import LogisticRegression

    named = [
        features(c.findings, probs[c.row], severity[c.row] if severity else None) for c in train
    ]
    names = tuple(sorted({n for row in named for n in row}))
    x = np.array([[row.get(n, 0.0) for n in names] for row in named])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    per_file = Counter(c.file for c in train)
    # One row per acceptable verdict, the draft's weight shared between them.
    which, labels, weight = [], [], []
    for i, case in enumerate(train):
        share = len(train) / len(per_file) / per_file[case.file] / len(case.verdicts)
        for verdict in sorted(case.verdicts, key=RANK.__getitem__):
            which.append(i)
            labels.append(RANK[verdict])
            weight.append(share)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(((x - mean) / scale)[which], np.array(labels), sample_weight=np.array(weight))
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
    model: VerdictModel | None,
    items: Sequence[Case],
    probs: Sequence[dict[str, float]],
    bar: float,
    severity: Sequence[dict[str, float]] | None = None,
) -> float:
    """Share of drafts whose verdict is acceptable; no model: the rules' verdict."""
    right = 0
    for c in items:
        if model is None:
            verdict = rules_verdict(c, probs[c.row], bar)
        else:
            verdict = model.decide(c.findings, probs[c.row], severity[c.row] if severity else None)
        right += verdict in c.verdicts
    return right / max(1, len(items))


def blind(file: str) -> bool:
    """An answer batch written blind, not one of the rule-tuned `drafts*.jsonl`."""
    return not file.startswith("drafts")


def drafts_only(file: str) -> bool:
    """A blind batch of drafts alone (`d47-….jsonl`), not an answer batch's drafts."""
    return re.match(r"d\d+-", file) is not None


def cross_validated(
    train: Sequence[Case],
    probs: Sequence[dict[str, float]],
    severity: Sequence[dict[str, float]] | None = None,
) -> tuple[float, float]:
    """Leave-one-file-out accuracy over all training files, and over the blind ones."""
    right: list[bool] = []
    right_blind: list[bool] = []
    for held in sorted({c.file for c in train}):
        model = fit_verdict([c for c in train if c.file != held], probs, severity)
        out = [c for c in train if c.file == held]
        hits = [
            model.decide(c.findings, probs[c.row], severity[c.row] if severity else None)
            in c.verdicts
            for c in out
        ]
        right += hits
        right_blind += hits if blind(held) else []
    return float(np.mean(right)), float(np.mean(right_blind))


def fit_and_measure(
    train: tuple[Sequence[str], Sequence[set[str]], Sequence[set[str]], Sequence[str]],
    probs: Sequence[dict[str, float]],
    meaning: MeaningModel,
    kb: KnowledgeBase,
    severity: Sequence[dict[str, float]] | None = None,
) -> tuple[VerdictModel, dict[str, object]]:
    """The verdict model and its figures. `train`: texts, flags, verdicts, files;
    `probs`, `severity`: each draft's out-of-fold meaning probabilities and severities
    (`out_of_fold`, `severity_out_of_fold`)."""
    texts, _flags, verdicts, files = train
    fitted = cases(files, rule_findings(texts, kb), verdicts)
    model = fit_verdict(fitted, probs, severity)
    cv, cv_blind = cross_validated(fitted, probs, severity)
    fitted_blind = [c for c in fitted if blind(c.file)]
    rules_cv = accuracy(None, fitted, probs, meaning.bar)
    rules_blind = accuracy(None, fitted_blind, probs, meaning.bar)

    def pair(before: float, after: float) -> str:
        return f"{before:.3f} → {after:.3f}"

    figures: dict[str, object] = {
        "verdict: drafts the rules check": len(fitted),
        "verdict accuracy, rules → learned: train": pair(
            rules_cv, accuracy(model, fitted, probs, meaning.bar, severity)
        ),
        "verdict accuracy, rules → learned: leave-one-file-out": pair(rules_cv, cv),
        "verdict accuracy, rules → learned: leave-one-file-out, blind batches": pair(
            rules_blind, cv_blind
        ),
    }
    return model, figures
