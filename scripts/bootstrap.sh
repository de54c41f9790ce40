#!/usr/bin/env bash
# Create .venv and install policybot into it; re-install only when the inputs change.
# Usage: scripts/bootstrap.sh [extra]   (extra: "dev" adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
target="."
[ -n "$extra" ] && target=".[$extra]"
lock="requirements.lock"
[ "$extra" = "dev" ] && lock="requirements-dev.lock"
stamp=".venv/.policybot-installed-$extra"
# (A missing lock must not trip pipefail: the hash then covers pyproject.toml alone.)
want="$( (cat pyproject.toml; cat "$lock" 2>/dev/null || true) | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing policybot into .venv (first run takes a few minutes)…" >&2
  if [ -f "$lock" ]; then
    .venv/bin/python -m pip install --quiet -r "$lock"
  fi
  # torch is pinned to the CPU build (pyproject.toml); --no-deps keeps the lock authoritative.
  .venv/bin/python -m pip install --quiet -e "$target" $([ -f "$lock" ] && echo --no-deps)
  echo "$want" > "$stamp"
fi
