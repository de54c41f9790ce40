"""The people and bodies a summary sends staff to are literals too: "copy in your line
manager", "get sign-off from your head of department" or "check with HR", where the
cited passages name no such person, is an invented step, however faithful the rest of
the sentence. Capitalised names are checked in `names.py`; these are the lowercase
roles of any organisation. Read against the passages alone, not the policy's facts: a
fact naming a director does not make "ask your director" what this passage says.
Across the 4,412 labelled summaries (tests/eval/phrasing/ and p14) no faithful one names
a role its passages do not, and 102 unsupported ones do: 4 of them passed every other
check (v29-015, v29-026, p14-052, p14-086). Pure.
"""

from __future__ import annotations

import re

from bot.core.lexical import stem

from .support import Prepared

# Acronyms in capitals only: "hr" in "24 hr" and "it" in "put it team-wide" are no role.
_ROLE = re.compile(
    r"\b("
    r"managers?|directors?|heads?\s+of\s+(?:department|service|team|function)s?"
    r"|supervisors?|(?-i:HR)|human\s+resources|chief\s+executives?|committees?"
    r"|departments?|legal\s+team|(?-i:IT)\s+(?:team|department)|service\s+desk|helpdesk"
    r"|caldicott\s+guardian|data\s+protection\s+officer|(?-i:DPO)|information\s+governance"
    r"|press\s+office|(?:trade\s+)?unions?|leadership\s+team|executive\s+team"
    r"|team\s+leaders?|(?-i:SIRO))\b",
    re.IGNORECASE,
)


def unstated_parties(sentence: str, evidence: Prepared) -> list[str]:
    """The roles `sentence` names that the passages never do, as written."""
    return [
        match.group(0)
        for match in _ROLE.finditer(sentence)
        if f" {_stemmed(match.group(1))} " not in evidence.passage_stem_text
    ]


def _stemmed(text: str) -> str:
    return " ".join(stem(w) for w in re.findall(r"[a-z]+", text.lower()))
