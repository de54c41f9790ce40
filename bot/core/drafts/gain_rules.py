"""Writing for others (§3.1, §3.7): paid promotion, and writing elsewhere as the HRA.

§3.1: blogging or posting "for commercial or personal gain ... could constitute a
conflict of interest": a discount code, `#ad` or a fee from a brand, posted by someone
whose profile names the HRA, reads as the HRA endorsing a product. Blind writers call it
`do_not_post`. §3.7: writing for another site "in an official capacity" must be agreed
with the communications team first, so a guest piece written as the HRA is `review`.
"""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, comms_contacts, make_finding

_I = re.IGNORECASE

_PAID = re.compile(
    r"(?<!\w)#(ad|advert|sponsored|gifted|paidpartnership|affiliate)\b|"
    # "use my code", not "anyone with the link can edit"
    r"\b(use|with) (my|our) (discount |promo |referral )?(code|link)\b|"
    r"\b(discount|promo|referral|affiliate) (code|link)s?\b|\bcode [A-Z]+\d+\b|"
    r"\b\d{1,2} ?% off\b|\bsponsored (post|content|by)\b|\bpaid partnership\b|"
    r"\bpartner(ing|ed)? with [A-Z]\w+|\b(paying|pays|paid|pay) me\b|"
    r"\b(fee|payment|commission) (to|for) (post|share|promot)\w*|\bper sale\b|"
    r"\boffered (me )?(a )?(small )?(fee|payment|commission)\b|"
    r"\b(offered|pay|paying|give|giving) (me )?£ ?\d+|\b£ ?\d+ (to|for) (post|shar|promot|advertis)\w*|"
    r"\b(offer|do|run|sell) paid [\w-]+|\bmessage me for (rates|prices|a quote)\b",
    _I,
)
_GUEST = re.compile(
    r"\bguest (blog|post|piece|article|column)\b|\b(write|writing) (a piece |an article "
    r"|a blog |a post )?(for|on) (their|a|an|the) (website|site|magazine|journal|"
    r"blog|publication|newsletter)\b|\b(asked|invited) (me|her|him|them|our [\w ]{1,20}) "
    r"to (write|blog)\b|\bwriting for [A-Z]\w+",
    _I,
)
# Writing *as* the HRA, not about one's own life: a role named with the HRA.
_AS_HRA = re.compile(
    r"\bon behalf of (the )?(HRA|Health Research Authority)\b|"
    r"\bas (an? |the )?(HRA|[\w ]{1,30} (at|of|in) the (HRA|Health Research Authority))\b|"
    r"\bas part of (the )?HRA\b|\b(I'?m|I am) [\w ]{1,40} at the "
    r"(HRA|Health Research Authority)\b|\bhow the HRA (thinks|sees|works|expects)\b",
    _I,
)


def check_paid_promotion(ctx: DraftContext) -> list[RuleFinding]:
    if not _PAID.search(ctx.whole):
        return []
    return [
        make_finding(
            ctx,
            rule="paid_promotion",
            verdict="do_not_post",
            section="3.1",
            anchor="commercial or personal gain",
            found="It promotes something for payment or gain",
            fix="Don't post paid promotion where you can be linked to the HRA; talk to "
            f"{comms_contacts(ctx.facts)} about the conflict of interest.",
            fallback="Posting for commercial or personal gain can be a conflict of interest.",
        )
    ]


def check_guest_writing(ctx: DraftContext) -> list[RuleFinding]:
    if not (_GUEST.search(ctx.whole) and _AS_HRA.search(ctx.whole)):
        return []
    return [
        make_finding(
            ctx,
            rule="guest_writing",
            verdict="review",
            section="3.7",
            anchor="discussed, and agreed, with the communications team",
            found="It writes for another site in an official HRA capacity",
            fix=f"Agree it with {comms_contacts(ctx.facts)} before it goes anywhere.",
            fallback="Writing for other sites in an official capacity must be agreed with "
            "the communications team.",
        )
    ]
