"""Professional references (§3.4): a reference given as an HRA employee.

§3.4: "If you are representing yourself as an HRA employee, you may not provide
professional references about any current or former employee, contractor, vendor or
contingent worker." A personal reference is allowed with the disclaimer (`disclaimer.py`
asks for it); one written in the person's HRA role, or in the HRA's name, is not, and no
disclaimer makes it one.
"""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding
from .disclaimer import is_reference

_HRA = r"(?:the )?(?:HRA|Health Research Authority)"
# "As a research ethics adviser at the HRA, I …", "as Priya's line manager at the HRA",
# "in my role at the HRA", "on behalf of the HRA", "we at the HRA", and the organisation's
# own voice ("the HRA was lucky to have").
_AS_EMPLOYEE = re.compile(
    rf"\bas (?:an? |the |one of the )?(?:[\w'’-]+ ){{0,5}}(?:at|for|with|in|of) {_HRA}\b|"
    rf"\bin my (?:role|capacity|position|job) (?:as [^,.!?\n]{{1,50}} )?(?:at|for|with|in) {_HRA}\b|"
    rf"\bon behalf of {_HRA}\b|\bwe at {_HRA}\b|"
    rf"\b{_HRA} (?:was|is|were|are) (?:lucky|fortunate|privileged|sorry|sad)\b|"
    rf"\b{_HRA} (?:recommends|endorses|vouches|would recommend)\b",
    re.IGNORECASE,
)


def check_professional_reference(ctx: DraftContext) -> list[RuleFinding]:
    if not (is_reference(ctx) and _AS_EMPLOYEE.search(ctx.draft)):
        return []
    return [
        make_finding(
            ctx,
            rule="professional_reference",
            verdict="do_not_post",
            section="3.4",
            anchor="you may not provide professional references",
            found="It is a reference given as an HRA employee",
            fix="Write it as a personal reference: your own words about the person, without "
            "your HRA role or the HRA's name behind them, and with the §3.4 disclaimer.",
            fallback="Staff representing themselves as HRA employees may not give "
            "professional references.",
        )
    ]
