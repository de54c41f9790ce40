"""Speaking for the HRA (§3.1): a personal post that states what the organisation thinks.

"I'm pretty sure the HRA's position is that option B is the way forward" tells readers
the organisation's view on a matter in the person's own voice, which §3.1 asks staff not
to do ("make it clear that you are speaking for yourself and not on behalf of the HRA").
Read in the post only: the person asking "what's the HRA's view?" around it is fine. The
policy's own disclaimer ("doesn't represent the position … of the HRA") names a position
without stating one, so the forms matched here say what the position *is*.
"""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding

# "anyone at the HRA wants to chat" names people at the HRA, not the HRA's view.
_NOT_AFTER = "".join(
    rf"(?<!\b{word} )(?<!\b{word} the )" for word in ("at", "in", "from", "for", "with")
)
_NAME = r"(?:the )?(?:HRA|Health Research Authority)"
_HRA = rf"{_NOT_AFTER}{_NAME}"
_STATES_POSITION = re.compile(
    rf"\b{_HRA}(?:'s|’s) (?:official |internal |real |own )?(?:position|view|stance|line|"
    r"thinking|preference|preferred option)\b(?: on [^.!?\n]{1,60})? (?:is|will be|would be)\b|"
    rf"\b{_HRA} (?:thinks|believes|favours|favors|prefers|wants|is against|is in favour of|"
    r"is leaning towards|would (?:prefer|rather|back|go with))\b|"
    rf"\b(?:we|everyone|everybody|people) (?:at|in) {_NAME} (?:thinks?|believes?|favou?rs?|"
    r"prefers?|wants?|(?:is|are) against)\b|"
    r"\b(?:internally|behind the scenes),? (?:we|everyone|everybody|people|the team)\b|"
    rf"\bon behalf of {_NAME}\b|\bwe at {_NAME}\b",
    re.IGNORECASE,
)


def check_speaks_for_hra(ctx: DraftContext) -> list[RuleFinding]:
    if not _STATES_POSITION.search(ctx.draft):
        return []
    return [
        make_finding(
            ctx,
            rule="speaks_for_hra",
            verdict="review",
            section="3.1",
            anchor="speaking for yourself and not on behalf of the HRA",
            found="It tells readers what the HRA thinks, in your own voice",
            fix="Say what you think, as your own view, or link to what the HRA has "
            "published; leave the HRA's position to the HRA.",
            fallback="Make it clear that you are speaking for yourself and not on behalf "
            "of the HRA.",
        )
    ]
