"""Which messages are checked as drafts: labelled reports, questions and drafts routed.

    PYTHONPATH=. POLICYBOT_DATA_DIR=... python scripts/draft_routing.py [--verdicts] [--cache F]

For every labelled line of the triage sets (`tests/eval/triage*.jsonl`,
`tests/eval/triage/*/`) and the answer batches (`tests/eval/answers/`), the route the
assistant takes (`Assistant._handle`'s order: safeguarding, then `draft_to_check`, then
any report, else a question). Counted: labelled reports checked as drafts (safeguarding
must stay 0; a media or harassment one keeps the report action), questions checked as
drafts, drafts escalated or answered. `--verdicts` also runs each answer batch's drafts
through the whole assistant and prints the verdict and flag recall per file. The
classifier's readings are cached (`--cache`): the routing is what changes between runs.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_core  # noqa: E402
from bot.core.draft_reply import draft_to_check  # noqa: E402
from bot.core.models import Message  # noqa: E402
from bot.core.text_input import clean_text  # noqa: E402
from bot.settings import Settings  # noqa: E402

EVAL = ROOT / "tests" / "eval"
KINDS = ("media", "safeguarding", "harassment")


def label(case: dict) -> str:
    kind = case.get("escalate") or case.get("label")
    if kind in KINDS:
        return str(kind)
    if "verdict" in case or kind == "draft":
        return "draft"
    return "question"


def route(text: str, triage, reads_as_draft: bool, introduced: bool) -> str:  # type: ignore[no-untyped-def]
    if triage.escalation == "safeguarding" and not introduced:
        return "report"
    if draft_to_check(text, False, triage, reads_as_draft, introduced) is not None:
        return "draft+action" if triage.escalation else "draft"
    return "report" if triage.escalation else "question"


def files() -> dict[str, list[Path]]:
    triage = sorted(EVAL.glob("triage*.jsonl")) + sorted((EVAL / "triage").glob("*/*.jsonl"))
    answers = sorted((EVAL / "answers").glob("*.jsonl")) + sorted(
        (EVAL / "answers").glob("*/*.jsonl")
    )
    return {"triage": triage, "answers": answers}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verdicts", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated file names for --verdicts")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/draft_routing.pkl"))
    parser.add_argument(
        "--show-reports", action="store_true", help="each labelled report checked as a draft"
    )
    args = parser.parse_args()
    core = build_core(Settings())
    assistant = core.assistant
    recogniser = assistant.drafts.recogniser
    cache: dict[str, object] = pickle.loads(args.cache.read_bytes()) if args.cache.is_file() else {}
    size = len(cache)
    for group, paths in files().items():
        table: Counter[tuple[str, str]] = Counter()
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                case = json.loads(line)
                text = clean_text(case["text"])[0]
                if text not in cache:
                    cache[text] = assistant.triage.read(text)
                reading = cache[text]
                reads = (
                    recogniser is not None
                    and recogniser.probability(reading.vector) >= recogniser.bar
                )
                introduced = assistant.drafts.introduced(text, reading.triage)
                got = route(text, reading.triage, reads, introduced)
                table[(label(case), got)] += 1
                if args.show_reports and label(case) in KINDS and got.startswith("draft"):
                    print(f"  {label(case)} -> {got}: {path.name}: {text[:160]!r}")
        print(f"== {group} ({len(paths)} files)")
        for want in ("draft", "question", *KINDS):
            row = {got: n for (w, got), n in table.items() if w == want}
            print(f"  {want:13s} {json.dumps(dict(sorted(row.items())))}")
    if len(cache) > size:
        args.cache.write_bytes(pickle.dumps(cache))
    if args.verdicts:
        verdicts(assistant, set(filter(None, args.only.split(","))))


def verdicts(assistant, only: set[str]) -> None:  # type: ignore[no-untyped-def]
    total = Counter()
    for path in files()["answers"]:
        if only and path.name not in only:
            continue
        n = Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if "verdict" not in case:
                continue
            reply = assistant.handle(Message(text=case["text"]))
            check = reply.post_check
            n["drafts"] += 1
            n["verdict"] += bool(check) and check.verdict in case["verdict"]
            found = {f.section for f in check.findings} if check else set()
            n["flags"] += len(case.get("flags") or [])
            n["flag_hits"] += len(set(case.get("flags") or []) & found)
        total.update(n)
        if n["drafts"]:
            print(f"  {path.name:40s} {_figures(n)}")
    print(f"  {'all':40s} {_figures(total)}")


def _figures(n: Counter) -> str:
    v = n["verdict"] / max(n["drafts"], 1)
    f = n["flag_hits"] / max(n["flags"], 1)
    return f"verdict {v:.3f} ({n['verdict']}/{n['drafts']}) flags {f:.3f} ({n['flag_hits']}/{n['flags']})"


if __name__ == "__main__":
    main()
