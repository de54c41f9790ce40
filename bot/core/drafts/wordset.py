"""better-profanity's word set as one precompiled regular expression.

better-profanity keeps its words as `VaryingString`s in a list, and every word of a text
is tested with `word in CENSOR_WORDSET`: a Python `__eq__` against each of ~800 entries,
expanding the leetspeak map ("a" also matches "@", "*", "4") as it goes. That is ~20 ms
a draft. Every entry of the map is one character, so a `VaryingString` equals exactly
the strings its character classes match: the whole set is one alternation, matched once
per word in C. The library's own tokenising (multi-word phrases, separators) is kept as
it is; only the membership test changes, so the output is the library's own
(tests/drafts/test_drafts_profanity_regex.py compares the two on thousands of texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from better_profanity import Profanity


def _pattern(word: str, char_map: Mapping[str, Sequence[str]]) -> str:
    parts = []
    for char in word:
        variants = char_map.get(char, (char,))
        if all(len(v) == 1 for v in variants) and len(variants) > 1:
            parts.append("[" + "".join(re.escape(v) for v in variants) + "]")
        elif len(variants) == 1:
            parts.append(re.escape(variants[0]))
        else:  # a multi-character variant (not in the library's map today)
            parts.append("(?:" + "|".join(re.escape(v) for v in variants) + ")")
    return "".join(parts)


class CompiledWordSet:
    """`word in wordset` as the library asks it, answered by one compiled regex."""

    def __init__(self, words: Iterable[str], char_map: Mapping[str, Sequence[str]]) -> None:
        self.words = sorted(set(words))
        # Longest first only matters for search(); fullmatch tries every alternative.
        alternatives = "|".join(_pattern(w, char_map) for w in self.words)
        self._regex = re.compile(f"(?:{alternatives})") if self.words else None

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str) or self._regex is None:
            return False
        return self._regex.fullmatch(item) is not None

    def __len__(self) -> int:
        return len(self.words)


def precompile(profanity: Profanity) -> Profanity:
    """Swap `profanity`'s list of VaryingStrings for the equivalent compiled set.

    Call it after every word has been loaded or added: later `add_censor_words` calls
    would append to a list that is no longer there.
    """
    words = [str(entry) for entry in profanity.CENSOR_WORDSET]
    profanity.CENSOR_WORDSET = CompiledWordSet(words, profanity.CHARS_MAPPING)  # type: ignore[assignment]
    return profanity
