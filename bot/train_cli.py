"""`policybot train`: rebuild the learned parts from the labelled data in the repository."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import click

from .errors import PolicybotError

DEFAULT_CORPUS = Path("tests/eval/triage")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@click.group(invoke_without_command=True)
@click.pass_context
def train(ctx: click.Context) -> None:
    """Train the learned models from the labelled data in the repository: the triage
    classifier, the section ranker, the passage order, the draft severity head, the draft
    meaning model and the summary verifier's decision (`policybot train
    triage|ranking|passages|severity|drafts|phrasing [--check]`)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(triage)
        ctx.invoke(ranking)
        ctx.invoke(passages)
        ctx.invoke(severity)
        ctx.invoke(drafts)
        ctx.invoke(phrasing)


@train.command()
@click.option(
    "--data",
    "corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="Corpus folder holding splits.json.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the weights (default: the ones policybot ships with).",
)
@click.option("--check", is_flag=True, help="Retrain into a temporary folder and compare.")
def triage(corpus: Path, out: Path | None, check: bool) -> None:
    """Fine-tune the triage classifier; writes weights, bars and a model card."""
    from .app import load_embedder
    from .core.triage.model import THRESHOLDS_FILE, WEIGHTS_DIR, WEIGHTS_FILE
    from .core.triage.train import train as fit
    from .settings import Settings

    if not (corpus / "splits.json").is_file():
        raise PolicybotError(f"No splits.json in {corpus}: run from a checkout or pass --data.")
    embedder = load_embedder(Settings())
    if not check:
        fit(corpus, out or WEIGHTS_DIR, embedder.sentence_transformer, log=click.echo)
        return
    with tempfile.TemporaryDirectory() as scratch:
        fit(corpus, Path(scratch), embedder.sentence_transformer, log=click.echo)
        for name in (WEIGHTS_FILE, THRESHOLDS_FILE):
            shipped, fresh = (out or WEIGHTS_DIR) / name, Path(scratch) / name
            if not shipped.is_file() or _digest(shipped) != _digest(fresh):
                raise PolicybotError(f"Retraining did not reproduce {shipped}.")
    click.echo("Retraining reproduced the shipped weights and bars exactly.")


@train.command()
@click.option("--check", is_flag=True, help="Retrain and compare with the shipped weights.")
def ranking(check: bool) -> None:
    """Refit the section ranker and coverage model from the policy's example questions."""
    from .core.ranking.train import main as fit_ranking

    if fit_ranking(["--check"] if check else []) != 0:
        raise PolicybotError("Retraining did not reproduce the shipped ranking weights.")


@train.command()
@click.option("--check", is_flag=True, help="Retrain and compare with the shipped trees.")
def passages(check: bool) -> None:
    """Refit the passage order within a section from the answer batches' `contain` spans."""
    from .core.ranking.passage_train import main as fit_passages

    if fit_passages(["--check"] if check else []) != 0:
        raise PolicybotError("Retraining did not reproduce the shipped passage order.")


@train.command()
@click.option("--check", is_flag=True, help="Retrain into a temporary folder and compare.")
def severity(check: bool) -> None:
    """Fine-tune the draft severity head, and read the training drafts out of fold for
    `drafts` (about 25 minutes on two cores)."""
    from .core.drafts.tuned import WEIGHTS
    from .core.drafts.tuned_oof import OUT_OF_FOLD
    from .core.drafts.tuned_train import main as fit_severity

    if not check:
        fit_severity(log=click.echo)
        return
    with tempfile.TemporaryDirectory() as scratch:
        fit_severity(log=click.echo, out=Path(scratch))
        for shipped in (WEIGHTS, OUT_OF_FOLD):
            fresh = Path(scratch) / shipped.name
            if not shipped.is_file() or _digest(shipped) != _digest(fresh):
                raise PolicybotError(f"Retraining did not reproduce {shipped}.")
    click.echo("Retraining reproduced the shipped severity head exactly.")


@train.command()
@click.option("--check", is_flag=True, help="Retrain and compare with the shipped weights.")
def drafts(check: bool) -> None:
    """Refit the draft meaning model (sections a draft reads as breaking)."""
    from .core.drafts.meaning_train import main as fit_drafts

    if fit_drafts(["--check"] if check else [], log=click.echo) != 0:
        raise PolicybotError("Retraining did not reproduce the shipped draft meaning weights.")


@train.command()
@click.option("--check", is_flag=True, help="Retrain and compare with the shipped weights.")
def phrasing(check: bool) -> None:
    """Refit the summary verifier's learned decision (tests/eval/phrasing/)."""
    from .core.phrasing.decision_train import main as fit_phrasing

    if fit_phrasing(["--check"] if check else [], log=click.echo) != 0:
        raise PolicybotError("Retraining did not reproduce the shipped verifier decision.")
