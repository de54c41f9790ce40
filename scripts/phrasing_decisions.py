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

from bot.phrasing_eval import load, section_sources, served_verifier

EVAL = Path(__file__).resolve().parents[1] / "tests" / "eval" / "phrasing"


def main(argv: list[str]) -> None:
    kb, verifier, facts = served_verifier()
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
