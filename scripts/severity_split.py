"""How many of MiniLM's layers the draft severity head should fine-tune, one fold at a time.

    PYTHONPATH=. python scripts/severity_split.py SPLIT FOLD    # 10-20 minutes a fold

The shipped head (`bot/core/drafts/tuned.py`) fine-tunes the layers above triage's split
(4 of 6: the top two). This fits the head on the layers above SPLIT instead (2: the top
four; 0: all six) without fold FOLD of `policybot train severity`'s five folds by
writer's file, and reads the drafts of that fold. Its readings decide the verdict alone
(`do_not_post` at P >= 0.5, else `review` at P >= 0.5, else `ok`), beside the shipped
out-of-fold readings of the same drafts (`severity-oof.json`, split 4, fitted without
the same fold). These are train figures, for choosing the split, never evidence.

With `--out FILE`, the fold's readings are added to FILE in `severity-oof.json`'s form;
once all five folds are in, `scripts/verdict_models.py --head-readings FILE` measures the
verdict model over them in place of the shipped head's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.drafts import tuned_train  # noqa: E402
from bot.core.drafts.meaning_train import training_drafts  # noqa: E402
from bot.core.drafts.tuned import PREFIX  # noqa: E402
from bot.core.drafts.tuned_oof import load_out_of_fold  # noqa: E402
from bot.core.drafts.verdict_train import drafts_only  # noqa: E402
from bot.core.triage.encoder import SplitEncoder  # noqa: E402
from bot.core.triage.finetune import FineTuneConfig  # noqa: E402
from bot.core.triage.model import SPLIT  # noqa: E402


def verdict(reading: dict[str, float]) -> str:
    if reading[PREFIX + "do_not_post"] >= 0.5:
        return "do_not_post"
    return "review" if reading[PREFIX + "review"] >= 0.5 else "ok"


def main() -> None:
    from bot.app import load_embedder
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=int, help="layers kept frozen below the head (0-5)")
    parser.add_argument("fold", type=int, help=f"the fold held out (0-{tuned_train.FOLDS - 1})")
    parser.add_argument("--out", type=Path, help="add the fold's readings to this file")
    args = parser.parse_args()
    drafts = training_drafts()
    fit_on, held = tuned_train.split_fold(drafts.files, args.fold)
    embedder = load_embedder(Settings())
    encoder = SplitEncoder.from_sentence_transformer(
        embedder.sentence_transformer, split=args.split
    )
    started = time.monotonic()
    states = tuned_train.cache_lower_states(encoder, drafts.texts)
    head = tuned_train.fit(
        encoder,
        [states[i] for i in fit_on],
        [drafts.verdicts[i] for i in fit_on],
        FineTuneConfig(),
    )
    readings = tuned_train.read_all(head, [states[i] for i in held])
    print(f"fitted on {len(fit_on)} drafts in {time.monotonic() - started:.0f} s")
    if args.out:
        stored = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
        stored |= tuned_train.stored_readings([drafts.texts[i] for i in held], readings)
        args.out.write_text(json.dumps(stored, sort_keys=True) + "\n", encoding="utf-8")
    shipped = load_out_of_fold([drafts.texts[i] for i in held])
    for label, read in ((f"split {SPLIT} (shipped)", shipped), (f"split {args.split}", readings)):
        right = [verdict(r) in drafts.verdicts[i] for r, i in zip(read, held, strict=True)]
        only = [r for r, i in zip(right, held, strict=True) if drafts_only(drafts.files[i])]
        print(
            f"{label:<18} fold {args.fold}: {sum(right)}/{len(right)} "
            f"({sum(right) / len(right):.3f}), drafts-only files {sum(only)}/{len(only)}"
        )


if __name__ == "__main__":
    main()
