"""Fit the draft meaning model; write weights/meaning.json and weights/MEANING_CARD.md.

    python -m bot.core.drafts.meaning_train            # or: policybot train drafts
    python -m bot.core.drafts.meaning_train --check    # exit 1 if retraining changes it

Train: the labelled drafts in `tests/eval/drafts*.jsonl` and the drafts of every answer
batch written blind (`DRAFT_BATCHES`: all of them have been scored once, and drafts are
few). One logistic regression per section with enough flagged drafts, on the message's
unit MiniLM embedding; one bar for all, the highest under which the rules and the model
together find `FLAG_RECALL` of the flagged sections of the blind batches, each draft
read with probabilities from a model fitted without its file (leave one file out).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.ranking.dataset import ANSWERS, ROUND6_TRAIN
from bot.core.ranking.fitting import fit_linear
from bot.core.text_input import clean_text

from ..knowledge import KnowledgeBase
from .check import check_draft
from .detect import described_draft, extract_draft, quoted_draft
from .intro import WEIGHTS as INTRO_WEIGHTS
from .intro import load_intro
from .intro_train import fit_intro, same_intro
from .meaning import POST, POST_NEIGHBOURS, WEIGHTS, MeaningModel, load_meaning
from .meaning_card import card
from .neighbours import WEIGHTS as NEIGHBOUR_WEIGHTS
from .neighbours import Neighbours, fit_neighbours
from .recognise import WEIGHTS as RECOGNISE_WEIGHTS
from .recognise import load_recogniser
from .recognise_train import fit_recogniser, same_recogniser, write_card
from .reproduce import same, same_verdict
from .tuned_oof import load_out_of_fold
from .verdict import WEIGHTS as VERDICT_WEIGHTS
from .verdict import VerdictModel, load_verdict
from .verdict_train import (
    blind,
    fit_and_measure,
    fit_severity,
    out_of_fold,
    posts,
    severity_out_of_fold,
)

EVAL = ANSWERS.parent
CARD = WEIGHTS.with_name("MEANING_CARD.md")
MIN_POSITIVES = 10
C = 0.01
BARS = tuple(round(b, 2) for b in np.arange(0.3, 0.96, 0.05))
# Recall of flagged sections the shown findings must reach, as precise as that allows:
# issue #13's 0.85 through the whole assistant, which reads about 4% of the blind drafts
# as something else at triage (their flags all missed), hence 0.9 here, where every
# draft is checked. The bar that chose the most verdicts right by the rules' mapping
# was obsolete once the verdict was learned.
FLAG_RECALL = 0.9

EmbedBatch = Callable[[Sequence[str]], np.ndarray]
# Every blind answer batch (the ranker's train and dev files: each has been scored once,
# so its drafts are training data now) and the drafts-only training batches.
DRAFT_BATCHES = (
    *ROUND6_TRAIN,
    "train/a2-statistician.jsonl",
    "test/q13-rec-manager-leeds.jsonl",
    "test/q14-comms-apprentice.jsonl",
    "train/d1-engagement-officer.jsonl",
    "train/d2-seconded-nurse.jsonl",
    "train/d3-finance-manager.jsonl",
    # Round 7: the spent round-6 test batches and a fourth drafts-only batch.
    "test/q15-rec-coordinator-bristol.jsonl",
    "test/q16-content-assistant.jsonl",
    "train/d4-press-officer.jsonl",
    # Round 8: the spent round-7 test batches (drafts only; the ranker's split is its own)
    # and a fifth drafts-only batch.
    "test/q17-ppi-lead.jsonl",
    "test/q18-approvals-specialist.jsonl",
    "test/q19-hr-administrator.jsonl",
    "test/q20-ig-assistant.jsonl",
    "test/q21-policy-adviser.jsonl",
    "test/q22-corporate-apprentice.jsonl",
    "test/d5-research-fellow.jsonl",
    "test/d6-events-coordinator.jsonl",
    "train/d8-hr-wellbeing.jsonl",
    # Round 9: a sixth drafts-only batch (drafts introduced in unusual ways) and a4's drafts.
    "train/d11-press-digital-officer.jsonl",
    "train/a4-facilities-events.jsonl",
    # Round 10: a seventh drafts-only batch (a patient-charity liaison), scored once first.
    "train/d13-patient-charity-liaison.jsonl",
    # Round 11: the spent round-10 test batches (q27, q28's drafts and the drafts-only d12)
    # and an eighth drafts-only batch (a deputy DPO), scored once first.
    "test/q27-board-secretary.jsonl",
    "test/q28-queries-line-adviser.jsonl",
    "test/d12-study-support-officer.jsonl",
    "train/d15-deputy-dpo.jsonl",
    # Round 16: every spent blind batch since (drafts-only and answer batches' drafts);
    # d22 and d24 stay out as dev, beside two independent labellings of their drafts.
    "test/d9-governance-officer.jsonl",
    "test/d10-rec-administrator.jsonl",
    "test/d14-ethics-service-manager.jsonl",
    "test/d16-involvement-coordinator.jsonl",
    "train/d17-ethics-adviser.jsonl",
    "train/d18-approvals-administrator.jsonl",
    "train/d19-network-liaison.jsonl",
    "test/d20-rec-manager-manchester.jsonl",
    "train/d21-finance-assistant.jsonl",
    "train/d23-governance-officer-crafter.jsonl",
    "train/d25-digital-fundraiser.jsonl",
    "test/q23-rec-lay-member.jsonl",
    "test/q24-web-developer.jsonl",
    "test/q25-approvals-officer-cardiff.jsonl",
    "test/q26-ig-paralegal.jsonl",
    "test/q29-research-nurse-secondee.jsonl",
    "test/q30-hr-policy-officer.jsonl",
    "test/q31-facilities-coordinator.jsonl",
    "test/q32-information-rights-lead.jsonl",
    "test/q33-procurement-officer.jsonl",
    "test/q34-data-scientist.jsonl",
    "test/q35-retired-gp-rec-member.jsonl",
    "test/q36-approvals-team-leader.jsonl",
    "test/q37-welsh-speaking-ethics-officer.jsonl",
    "test/q38-finance-new-starter.jsonl",
    "train/q39-internal-auditor.jsonl",
    # Round 17: round 16's spent batches but d27 (kept as dev for posts pasted bare), and
    # two training batches of posts pasted with no words around them.
    "test/q40-seconded-trials-pharmacist.jsonl",
    "test/q41-operations-team-lead.jsonl",
    "test/d26-lay-member-community-admin.jsonl",
    "train/d30-finance-partner-bare-posts.jsonl",
    "train/d31-cag-lay-member-bare-posts.jsonl",
    # Round 19: rounds 17 and 18's spent batches; d22, d24, d27 stay out as dev, with
    # round 19's spent d35, d36, q46 and q47.
    "test/q42-recruitment-adviser-phone.jsonl",
    "test/q43-res-regional-manager.jsonl",
    "test/q44-cag-secretariat-cardiff.jsonl",
    "test/q45-receptionist-london.jsonl",
    "test/d28-service-desk-gamer-bare-posts.jsonl",
    "test/d29-governance-officer-parish.jsonl",
    "test/d32-involvement-officer-workshops.jsonl",
    "test/d33-it-security-engineer.jsonl",
    "test/d34-hr-business-partner.jsonl",
    # Round 25: the spent batches of rounds 20 to 24 (each scored once); the dev files
    # (d22, d24, d27, d35, d36, q46, q47) stay out.
    "test/d37-rec-chair-pharmacologist.jsonl",
    "test/d38-facilities-officer-candles.jsonl",
    "test/d39-study-setup-wedding-photographer.jsonl",
    "test/d40-approvals-union-rep.jsonl",
    "test/d41-cag-lay-member-patient-advocate.jsonl",
    "test/d42-systems-developer-streamer.jsonl",
    "test/d43-rec-midwife-wales.jsonl",
    "test/d44-head-of-policy-essays.jsonl",
    "test/d45-engagement-officer-netball-coach.jsonl",
    "test/d46-approvals-officer-online-arguments.jsonl",
    "test/q48-finance-assistant-back-from-leave.jsonl",
    "test/q49-comms-duty-manager.jsonl",
    "test/q50-digital-apprentice-bristol.jsonl",
    "test/q51-seconded-solicitor.jsonl",
    "test/q52-rec-administrator-voice-dictation.jsonl",
    "test/q53-seconded-trust-press-officer.jsonl",
    "test/q54-trials-manager-hypotheticals.jsonl",
    "test/q55-ig-assistant-phone-shorthand.jsonl",
    "test/q56-estates-officer-just-to-be-sure.jsonl",
    "test/q57-ethics-adviser-definitions.jsonl",
)


@dataclass(frozen=True)
class Drafts:
    texts: list[str]
    flags: list[set[str]]
    verdicts: list[set[str]]
    files: list[str]


def load_drafts(paths: Sequence[Path]) -> Drafts:
    texts: list[str] = []
    flags: list[set[str]] = []
    verdicts: list[set[str]] = []
    files: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if "verdict" not in case:
                continue
            texts.append(clean_text(case["text"])[0])
            flags.append(set(case.get("flags") or []))
            verdicts.append(set(case["verdict"]))
            files.append(path.name)  # one writer's batch; the names are unique
    return Drafts(texts, flags, verdicts, files)


def training_drafts(folder: Path = EVAL) -> Drafts:
    paths = sorted(folder.glob("drafts*.jsonl")) + [folder / "answers" / n for n in DRAFT_BATCHES]
    return load_drafts([p for p in paths if p.is_file()])


def _unit(rows: np.ndarray) -> np.ndarray:
    out: np.ndarray = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return out.astype(np.float64)


def _recall(
    probs: Sequence[dict[str, float]], drafts: Drafts, kb: KnowledgeBase, bar: float
) -> float:
    """Recall of flagged sections on the blind batches, the lexical rules and the model
    together, as the assistant shows them (a section the rules flagged is not shown
    twice). The verdict is the learned model's, which reads the probabilities, not the
    bar: the bar only chooses which sections are shown."""
    hit = wanted = 0
    for found_p, text, flags, file in zip(
        probs, drafts.texts, drafts.flags, drafts.files, strict=True
    ):
        if not blind(file):
            continue
        # Read as the verdict's trainer reads it: a labelled draft nothing splits is
        # read whole, so every flag the writers set counts.
        request = extract_draft(text) or quoted_draft(text) or described_draft(text)
        found = [s for s, p in found_p.items() if p >= bar]
        check = check_draft(request, kb.facts, kb.sections, by_meaning=[(s, "") for s in found])
        hit += len(flags & {f.section for f in check.findings})
        wanted += len(flags)
    return hit / max(1, wanted)


def choose_bar(recalls: Sequence[tuple[float, float]]) -> float:
    """The highest bar (the fewest sections shown that the writers did not flag) whose
    recall meets `FLAG_RECALL`; the lowest bar when none does. `recalls`: (bar, recall)."""
    meeting = [bar for bar, recall in recalls if recall >= FLAG_RECALL]
    return max(meeting) if meeting else min(bar for bar, _ in recalls)


def _f1(
    probs: Sequence[dict[str, float]], drafts: Drafts, bar: float, only_blind: bool = False
) -> float:
    hit = said = wanted = 0
    for found_p, want, file in zip(probs, drafts.flags, drafts.files, strict=True):
        if only_blind and not blind(file):
            continue
        found = {s for s, p in found_p.items() if p >= bar}
        want = want & set(found_p)
        hit, said, wanted = hit + len(found & want), said + len(found), wanted + len(want)
    return 2 * hit / (said + wanted) if said + wanted else 0.0


def fit(
    embed: EmbedBatch,
    kb: KnowledgeBase,
    folder: Path = EVAL,
    measure: Callable[..., tuple[VerdictModel, dict[str, object]]] = fit_and_measure,
) -> tuple[MeaningModel, VerdictModel, dict[str, object]]:
    """`measure` fits the verdict on the out-of-fold inputs (`fit_and_measure`'s
    arguments); `scripts/verdict_models.py` passes one that compares other models."""
    train = training_drafts(folder)
    x_train = _unit(embed(train.texts))
    names = [f"e{i}" for i in range(x_train.shape[1])]
    counts: dict[str, int] = {}
    for found in train.flags:
        for section in found:
            counts[section] = counts.get(section, 0) + 1
    sections = sorted(s for s, n in counts.items() if n >= MIN_POSITIVES)
    models = {
        s: fit_linear(x_train, np.array([s in f for f in train.flags], int), names, C, True)
        for s in sections
    }
    held_out = out_of_fold(x_train, train.flags, train.files, sections)
    recalls = [(bar, _recall(held_out, train, kb, bar)) for bar in BARS]
    bar = choose_bar(recalls)
    neighbours = fit_neighbours(x_train, train.verdicts)
    # The post alone, as the assistant splits it off the message (`meaning.py`).
    x_post = _unit(embed(posts(train.texts)))
    model = MeaningModel(
        models,
        bar,
        fit_severity(x_train, train.verdicts),
        neighbours,
        fit_severity(x_post, train.verdicts),
        fit_neighbours(x_post, train.verdicts),
    )
    fitted = [model.probabilities(row) for row in x_train]
    figures = {
        "train drafts (blind batches)": f"{len(train.texts)} "
        f"({sum(blind(f) for f in train.files)})",
        "sections (flagged drafts in train)": ", ".join(f"{s} ({counts[s]})" for s in sections),
        f"bar (highest with blind flag recall >= {FLAG_RECALL}, leave-one-file-out)": bar,
        "blind flag recall by bar, with the rules": ", ".join(
            f"{b}: {r:.3f}" for b, r in recalls[::2]
        ),
        "leave-one-file-out F1 of flagged sections, blind batches (model alone)": round(
            _f1(held_out, train, bar, only_blind=True), 3
        ),
        "train F1 of flagged sections": round(_f1(fitted, train, bar), 3),
    }
    # The fine-tuned head's readings, out of fold as the rest (`policybot train severity`).
    severity = [
        whole | {POST + name: p for name, p in post.items()} | tuned
        for whole, post, tuned in zip(
            _severity_out_of_fold(x_train, neighbours, train),
            _severity_out_of_fold(x_post, model.post_neighbours, train),
            load_out_of_fold(train.texts),
            strict=True,
        )
    ]
    judge, judged = measure(
        (train.texts, train.flags, train.verdicts, train.files), held_out, model, kb, severity
    )
    return model, judge, figures | judged


def _severity_out_of_fold(
    rows: np.ndarray, neighbours: Neighbours | None, train: Drafts
) -> list[dict[str, float]]:
    """Each training draft's severity readings (regressions and nearest drafts) from
    what never saw its file."""
    assert neighbours is not None
    return [
        regressions | near
        for regressions, near in zip(
            severity_out_of_fold(rows, train.verdicts, train.files),
            neighbours.out_of_fold(train.files),
            strict=True,
        )
    ]


def main(argv: Sequence[str] | None = None, log: Callable[[str], object] = print) -> int:
    from bot.app import load_embedder
    from bot.settings import Settings

    parser = argparse.ArgumentParser(prog="python -m bot.core.drafts.meaning_train")
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    args = parser.parse_args(argv)
    from bot.core.ranking.train import build_knowledge

    settings = Settings()
    embedder = load_embedder(settings)
    knowledge = build_knowledge(settings.knowledge_dir, embedder)
    model, judge, figures = fit(embedder.embed_batch, knowledge)
    recogniser, recognised = fit_recogniser(embedder.embed_batch, DRAFT_BATCHES)
    intro, introduced = fit_intro(embedder.embed_batch, DRAFT_BATCHES)
    recognised |= introduced
    for name, value in (figures | recognised).items():
        log(f"{name:<40} {value}")
    if args.check:
        ok = same(load_meaning(), model) and same_verdict(load_verdict(), judge)
        ok = ok and same_recogniser(load_recogniser(), recogniser)
        ok = ok and same_intro(load_intro(), intro)
        log("weights reproduced" if ok else "weights differ from the shipped ones")
        return 0 if ok else 1
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    VERDICT_WEIGHTS.write_text(json.dumps(judge.to_dict(), indent=1) + "\n", encoding="utf-8")
    if model.neighbours is not None:
        model.neighbours.save(NEIGHBOUR_WEIGHTS)
    if model.post_neighbours is not None:
        model.post_neighbours.save(NEIGHBOUR_WEIGHTS.with_name(POST_NEIGHBOURS))
    CARD.write_text(
        card(figures, c=C, min_positives=MIN_POSITIVES, flag_recall=FLAG_RECALL), encoding="utf-8"
    )
    RECOGNISE_WEIGHTS.write_text(json.dumps(recogniser.to_dict()) + "\n", encoding="utf-8")
    INTRO_WEIGHTS.write_text(json.dumps(intro.to_dict()) + "\n", encoding="utf-8")
    write_card(RECOGNISE_WEIGHTS.with_name("RECOGNISE_CARD.md"), recognised)
    log(f"wrote {WEIGHTS}, {NEIGHBOUR_WEIGHTS}, {VERDICT_WEIGHTS} and {CARD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
