"""Safeguarding children, young people and adults at risk online (§3.2)."""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding
from .disclaimer import mentions_hra_work
from .terms import ASKS_CHILD_DETAILS, ASKS_FOR_DETAILS, CHILD, IMAGE, NAMED_PERSON

_I = re.IGNORECASE

_LOCATE_OR_MEET = re.compile(
    r"\bmeet (up|you|them|in person)\b|\bwhere do you live\b|\bwhere are you (based|from)\b|"
    r"\bcome (and|to) (meet|see)\b|\bpick (you|them) up\b|\bwhat school\b|"
    r"\bhow old are you\b|\bwhich school\b|\bwhere (do )?you (go to school|live|study)\b|"
    # asking a child for an image of themselves is asking for identifying detail (§3.2)
    r"\b(send|share|post|dm|upload|tag) (us|me)? ?(a |your )?(selfies?|photos?|pics?|pictures?|"
    r"videos?) (of|with) (you|yourself|yourselves|your face)\b",
    _I,
)
# An age range or age reaching below 13, the usual minimum age for social networks.
_AGES = re.compile(
    r"\b(?:aged?|ages)\s*(\d{1,2})(?:\s*(?:-|–|to)\s*\d{1,2})?\b|\b(\d{1,2})\s*(?:-|–|to)\s*"
    r"\d{1,2}[- ]?(?:years?[- ]olds?|yrs?(?: old)?|yo)\b|\b(\d{1,2})[- ]years?[- ]olds?\b|"
    r"\bunder[- ]?1[0-3]s?\b|"
    # "Amelia (9)", "Amelia, 9," - not "Band 4, hybrid" or "Windows 10, at last".
    r"(?-i:\b[A-Z][a-z]+)(?:,? \((?:aged? )?(\d{1,2})\)|, (\d{1,2})[,)])",
    _I,
)
_ENGAGE = re.compile(
    r"\b(comment\w*|tell us|join|follow|share|dm|message|sign up|are you|calling all|"
    r"get involved|reply|send)\b",
    _I,
)
# A first name next to an image or an age: "Amelia (age 9)", "with Amelia", "resident Doris".
_WITH_NAME = re.compile(
    r"\b(?i:with|here'?s|meet|say hello to|hi|hey|dear|congratulations to|well done) "
    r"(?!The\b|Our\b|My\b|Everyone\b|All\b)[A-Z][a-z]{2,}\b|"
    r"\b(?!The\b|Our\b)[A-Z][a-z]{2,} (and|&) [A-Z][a-z]{2,}\b(?! (Primary|School|Trust|Hospital))"
)

# A child's name with their school: "Lily Thomas from Brampton Primary".
_NAME_AND_SCHOOL = re.compile(
    r"\b[A-Z][a-z]{2,}( [A-Z][a-z]+)? (from|at|of) [A-Z][a-z]+( [A-Z][a-z]+)? "
    r"(Primary|School|Academy|Infants|Juniors|Nursery|High)\b"
)

_FAMILY = re.compile(
    r"\bmy (little )?(son|daughter|kids?|child(ren)?|grand(son|daughter|kids?|children)|"
    r"nephew|niece|boy|girl|little one|baby)\b",
    _I,
)


def _youngest(text: str) -> int | None:
    ages = [int(g) for m in _AGES.finditer(text) for g in m.groups() if g]
    if re.search(r"\bunder[- ]?1[0-3]s?\b", text, _I):
        ages.append(12)
    return min(ages) if ages else None


def _issues(ctx: DraftContext) -> list[tuple[str, str]]:
    """(what was found, policy anchor) for each safeguarding problem, worst first."""
    text, whole = ctx.draft, ctx.whole
    # The person often describes the photo ("a photo of Lily, aged 7"): that is posted too.
    youngest = _youngest(whole)
    # An age under 18 marks a child as surely as the word "child" does.
    if not (CHILD.search(whole) or (youngest is not None and youngest < 18)):
        return []
    # A parent's post about their own child is not HRA engagement with children (§3.2
    # opens with teams who "engage in online conversations with children").
    own_family = _FAMILY.search(text) and not mentions_hra_work(whole)
    named = not own_family and (
        NAMED_PERSON.search(text) or _WITH_NAME.search(text) or _NAME_AND_SCHOOL.search(text)
    )
    issues: list[tuple[str, str]] = []
    if _LOCATE_OR_MEET.search(text):
        issues.append(("It tries to locate or meet a young or vulnerable person", "locate"))
    if ASKS_CHILD_DETAILS.search(text):
        issues.append(("It asks young or vulnerable people for personal details", "divulge"))
    if named and IMAGE.search(whole):
        issues.append(("It names a child or adult at risk alongside their image", "is named"))
    elif named and youngest is not None:
        issues.append(("It gives a child's name and age", "is named"))
    if youngest is not None and youngest < 13 and _ENGAGE.search(text):
        issues.append(("It targets children under 13", "minimum requirement age"))
    return issues


def check_children(ctx: DraftContext) -> list[RuleFinding]:
    issues = _issues(ctx)
    if not issues:
        return []
    found = "; ".join(what for what, _ in issues)
    return [
        make_finding(
            ctx,
            rule="children",
            verdict="do_not_post",
            section="3.2",
            anchor=issues[0][1],
            found=found[0] + found[1:].replace("; It ", "; it "),
            fix="Don't name anyone shown in a photo (or use stock images or illustrations), "
            "don't ask for or use personal details, never arrange to meet, and talk to the "
            "communications team before engaging with young people.",
            fallback="Protect children and adults at risk online: no names with images, no "
            "requests for personal details, no meeting up.",
        )
    ]


# "You don't need to share your full name" tells people what to keep to themselves.
_ADVISES_AGAINST = re.compile(
    r"\b(don'?t|do not|never|no need to|needn'?t|without|avoid|please don'?t)\b[^.?!\n]{0,25}$",
    re.IGNORECASE,
)


def _clause_before(text: str, at: int) -> str:
    return text[max(0, at - 40) : at + 1]


def check_personal_data_collection(ctx: DraftContext) -> list[RuleFinding]:
    # §3.2 (Data Protection Act 2018): "You should not use social media to collect personal
    # data"; the post cannot go out as written, but the fix is simple - link to a form.
    if not any(
        not _ADVISES_AGAINST.search(_clause_before(ctx.draft, m.start()))
        for m in ASKS_FOR_DETAILS.finditer(ctx.draft)
    ):
        return []
    return [
        make_finding(
            ctx,
            rule="personal_data_collection",
            verdict="do_not_post",
            section="3.2",
            anchor="collect personal data",
            found="It collects personal details through social media",
            fix="Don't ask for details in posts, replies or messages: signpost to a form on "
            "the HRA website instead.",
            fallback="Don't collect personal data through social media; signpost to a form "
            "on your website instead.",
        )
    ]
