"""Veiled attacks (§3.1): a dig at colleagues, a team or a supplier with no insult in it.

Blind writers call "Some people in my team couldn't organise a tea party. Naming no
names" `do_not_post` as firmly as an insult: the person it is aimed at will know, and
§3.1 rules out attacking colleagues whatever the words. The abuse rule
(`conduct_rules.py`) catches the insults; this one needs two things together, someone
at or around work (a colleague, a team, "some people", a supplier) and a put-down
aimed at them, so praise of a team ("my team can't wait") is left alone.
"""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding

_I = re.IGNORECASE

_TARGET = re.compile(
    r"\b(colleagues?|manager|boss|line manager|teammates?|co-?workers?|team|directorate|"
    r"department|dept|office|director|chair|staff|management|"
    r"some (people|folks?|of (us|you|them)|organi[sz]ations|orgs|funders|bodies|partners)|"
    r"certain (people|colleagues?|someone)|a certain ([\w-]+ ){0,3}(funder|organi[sz]ation|"
    r"body|partner|charity|sponsor|regulator)|"
    r"(people|someone|somebody|anyone) (in|on|at|from) (my|our|the) \w+|"
    r"suppliers?|vendors?|contractors?|cro|(the )?(company|firm|agency|provider) "
    r"(that|who|we)|"
    r"(new|our|my) [\w-]+ (manager|lead|officer|coordinator|chair)|"
    r"[A-Z][a-z]+ (in|from) (our|my|the) (team|office|department|directorate|finance|"
    r"[a-z]+ team)|\[(colleague|name)\]|the hra)\b",
    _I,
)
# Put-downs that need no swear word: incompetence, "naming no names", "some of us".
_DIG = re.compile(
    r"\b(naming no names|no names (mentioned|needed)|you know who you are|iykyk|"
    r"if you know,? you know|not ?bitter|love that for (you|them|him|her)|"
    r"t(ook|ake|aking) (all )?(the )?credit|(the )?(rudest|laziest|most (useless|incompetent))|"
    r"shouldn'?t be (in charge|allowed|managing|running)|"
    r"some of us (actually|still|do|are)|only seem to|"
    r"(hasn'?t|haven'?t|has no|have no|without) (got )?(a|any|the faintest|the first) ?clue|"
    r"clearly (hasn'?t|doesn'?t|can'?t|has no)|"
    r"(still|STILL|even) can'?t|can'?t even|(couldn'?t|can'?t|cannot) (organi[sz]e|run|"
    r"manage|process|plan|do) [^.!?\n]{0,30}\b(to save|if|a simple|properly|basic)|"
    r"to save (their|his|her|its) li(fe|ves)|couldn'?t organi[sz]e|"
    r"embarrass(ing|ment)|(absolutely|totally|completely|utterly) (hopeless|useless|"
    r"clueless|incompetent)|(so|really) badly run|a (total |complete |absolute )?"
    r"(nightmare|joke|shambles|clown)|absolute (nightmare|joke|shambles|clown)|"
    r"breaking \w+ again|carrying (the|this) (whole )?\w+|if your [^.!?\n]{0,40} it shows)\b",
    _I,
)


def check_veiled_attack(ctx: DraftContext) -> list[RuleFinding]:
    text = ctx.draft
    if not (_DIG.search(text) and _TARGET.search(text)):
        return []
    return [
        make_finding(
            ctx,
            rule="veiled_attack",
            verdict="do_not_post",
            section="3.1",
            anchor="attack or abuse colleagues",
            found="It has a dig at colleagues, a team or a supplier, even without naming them",
            fix="Don't post it. Raise the problem with the person or your line manager, "
            "not in public.",
            fallback="Don't attack or abuse colleagues, even without naming them.",
        )
    ]
