"""Leave-one-file-out figures of the verifier's learned decision over every labelled file.

    PYTHONPATH=. python scripts/phrasing_lofo.py [--misses] [--files v13 v14] [--seed 1]

Every training file of tests/eval/phrasing/ (`decision_train.training_files()`: the
batches in `HELD_OUT_FILES` stay out, as they do of training) is read once by the hand
rules; per held-out file the decision is fitted on the others,
its bar chosen inside the fold as `policybot train phrasing` chooses it. Prints accepted
| rejected per file, pooled and per kind; `--misses` lists each faithful summary
rejected (hard check or rule reason, probability) and each unsupported one accepted.
"""

from __future__ import annotations

import argparse
from collections import Counter

from bot.core.phrasing import decision_train as dt
from bot.phrasing_eval import load


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--files", nargs="*", default=None, help="only show these files")
    parser.add_argument("--seed", type=int, default=dt.SEED, help="the forest's seed")
    args = parser.parse_args()
    dt.SEED = args.seed
    files = dt.training_files()
    items = [item for path in files for item in load(path)]
    rows = dt.read_rows(files)
    verdicts = dt.lofo(rows)
    for file, rule, learned in dt.report(rows, verdicts):
        print(f"{file:<22} rules {rule:<28} learned {learned}")
    probs = dt.held_out(rows)  # for the listing only: one model per held-out file
    by_row = [v for file in verdicts for v in verdicts[file]]
    ordered = [
        (r, it, p)
        for file in verdicts
        for r, it, p in zip(rows, items, probs, strict=True)
        if r.file == file
    ]
    kinds: Counter[tuple[str, bool]] = Counter()
    right: Counter[str] = Counter()
    for (row, item, _), accepted in zip(ordered, by_row, strict=True):
        kinds[item.kind, True] += 1
        right[item.kind] += accepted == row.supported
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:<14} {right[kind]}/{kinds[kind, True]}")
    if not args.misses:
        return
    for (row, item, prob), accepted in zip(ordered, by_row, strict=True):
        if accepted == row.supported:
            continue
        if args.files and not any(f in row.file for f in args.files):
            continue
        why = "hard" if row.hard else ("rule-ok" if row.rule else "rule-no")
        print(
            f"{item.id} {item.kind} {why} p={prob:.2f} §{','.join(item.sections)}: {item.summary}"
        )


if __name__ == "__main__":
    main()
