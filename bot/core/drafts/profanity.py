"""Obscenities, from better-profanity's maintained word list (bundled, loaded offline).

The list is built for general chat moderation, so it also holds anatomy, illness,
identity and everyday words ("stroke", "hiv", "breasts", "gay", "weed", "god") that are
ordinary in a health research body's posts. Those are allow-listed here: §3.1 forbids
"personal insults, obscenities", not clinical or identity vocabulary. Politics and
religion are a separate rule (§3.1, "take care"), so "god" is not an obscenity here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from better_profanity import Profanity

from .wordset import precompile

_ALLOWED_WORDS = """
anal anus areole arian aryan breasts cervix clitoris crotch ejaculate ejaculated
ejaculates ejaculating ejaculation erect erection foreskin genital gonad gonads
herpes herpy hiv hymen labia loin loins menses menstruate menstruation nipple nipples
opiate opium oral orally organ orgasm ovary ovum ovums penis penile pubic pubis rectal
rectum rectus scrotum semen sperm teste testee testes testical testicle testis
tampon urine urinal uterus vagina vomit vulva womb viagra valium heroin meth pcp
ganja hemp reefer stoned toke weed pot hooch hookah rum vodka drunk extacy extasy
peyote sex sexual transsexual gay gays lesbians queer queers homo virgin naked nude
unwed fat stroke kill murder rape raped rapist raping molest sniper napalm uzi
hitler reich nazi nazism god hell damn omg lmao lmfao pee peepee poop potty tinkle
fart seaman seamen revue sandbar pawn paddy prude racy steamy tramp vixen willies
willy woody wad whiz teat maxi len pasty pastie lust lusting lusty erotic bondage
slave strip screw screwed screwing suck sucked sucking thrust hump humped humping
cum tit tits knob snatch dink dinks nad nads dong hooter hooters booty cowgirl cowgirls
leper junkie junky inbred ugly stupid dummy weirdo sissy bimbo dopey kinky
massa pinko pollock polack ruski kraut gringo honky scag skag hoer muff flange
"""
_ALLOWED = frozenset(_ALLOWED_WORDS.split())

# Masked swearing ("f***ing", "sh*t") slips past word lists that map one star to one
# letter; a word broken by two or more stars is taken for one.
_MASKED = re.compile(r"\b[a-z]{1,3}\*{1,}[a-z*]*\b|\b[a-z]\*{2,}", re.IGNORECASE)


# British swearing the (US-built) list lacks; §3.1 applies to UK staff's posts.
_BRITISH = [
    "bollocks",
    "bugger",
    "buggered",
    "sodding",
    "pissed off",
    "minger",
    "bloody",
    "arse",
    "arsehole",
    "tosser",
    "wanker",
    "twat",
    "knobhead",
    "piss",
    "shite",
]


def build_filter(*, compiled: bool = True) -> Profanity:
    """The list with our allow-list and British additions; `compiled` swaps the library's
    per-word comparisons for one precompiled regex with the same answers (wordset.py)."""
    profanity = Profanity()
    profanity.load_censor_words(whitelist_words=list(_ALLOWED))
    profanity.add_censor_words(_BRITISH)
    return precompile(profanity) if compiled else profanity


@lru_cache(maxsize=1)
def _filter() -> Profanity:
    return build_filter()


def has_obscenity(text: str) -> bool:
    """True when the text contains an obscenity or a masked one."""
    if _MASKED.search(text):
        return True
    return bool(_filter().contains_profanity(text))
