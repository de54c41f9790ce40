"""Make any incoming text safe to process: Unicode normalised, control bytes gone, bounded."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 4000

# Everything in the C* categories except ordinary whitespace: NULs, escape sequences,
# bidi overrides and zero-width characters that hide words from matching.
_KEEP = {"\n", "\t"}


def clean_text(text: str | None) -> tuple[str, bool]:
    """(cleaned text, whether it was cut to MAX_CHARS)."""
    if not text:
        return "", False
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch in _KEEP or not unicodedata.category(ch).startswith("C"))
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0]
    return text, truncated


def truncation_note(truncated: bool) -> str:
    """What a reply adds when the message was cut, so nobody thinks the rest was read."""
    if not truncated:
        return ""
    return f"\n\n_(Your message was long, so I read its first {MAX_CHARS:,} characters.)_"
