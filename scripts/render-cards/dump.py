"""Write every card kind (bot.card_gallery) as JSON for render.mjs: NAME.teams.json,
NAME.slack.json. Usage: .venv/bin/python scripts/render-cards/dump.py OUT_DIR"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.app import build_core
from bot.card_gallery import examples
from bot.settings import Settings


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    core = build_core(Settings())
    for ex in examples(core.assistant):
        for surface, content in (("teams", ex.teams), ("slack", ex.slack)):
            if content is not None:
                path = out / f"{ex.name}.{surface}.json"
                path.write_text(json.dumps(content, indent=1, ensure_ascii=False), "utf-8")
    print(f"wrote card JSON to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
