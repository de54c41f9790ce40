"""Everyday words → the words policies use, for lexical search only.

The dense model already knows that a reporter is "media"; BM25 does not. Each entry
adds the policy's term beside the user's word, it never removes the user's word.
"""

from __future__ import annotations

from collections.abc import Iterable

_EXPANSIONS: dict[str, tuple[str, ...]] = {
    # people who contact staff
    "journalist": ("media",),
    "journo": ("media", "journalist"),
    "reporter": ("media", "journalist"),
    "press": ("media",),
    "newspaper": ("media",),
    "paper": ("media",),
    "tv": ("media",),
    "bbc": ("media",),
    "broadcaster": ("media",),
    "podcast": ("media",),
    "quote": ("comment",),
    "interview": ("comment", "media"),
    # platforms and actions
    "tweet": ("twitter", "post"),
    "tweets": ("twitter", "post"),
    "tweeting": ("twitter", "post"),
    "x": ("twitter",),
    "insta": ("instagram",),
    "ig": ("instagram",),
    "fb": ("facebook",),
    "yt": ("youtube",),
    # blogging platforms are blogs (§3.3 Personal blogs)
    "substack": ("blog",),
    "wordpress": ("blog",),
    "tumblr": ("blog",),
    "dm": ("message",),
    "dms": ("message",),
    "bio": ("profile",),
    "pic": ("picture", "image"),
    "pics": ("picture", "image"),
    "photo": ("image", "picture"),
    "photos": ("image", "picture"),
    "kids": ("children",),
    "kid": ("child",),
    "teenager": ("young", "child"),
    "teen": ("young", "child"),
    "vulnerable": ("risk",),
    "suicidal": ("self", "harm", "risk"),
    "suicide": ("self", "harm", "risk"),
    "troll": ("abuse", "harassment", "bullying"),
    "trolls": ("abuse", "harassment", "bullying"),
    "trolling": ("abuse", "harassment", "bullying"),
    "nasty": ("abuse",),
    "abusive": ("abuse",),
    "threat": ("harassment", "abuse"),
    "threats": ("harassment", "abuse"),
    "threatening": ("harassment", "abuse"),
    "pile-on": ("abuse", "harassment"),
    "extremist": ("terrorist", "indoctrination"),
    "radicalised": ("terrorist", "indoctrination"),
    "radicalized": ("terrorist", "indoctrination"),
    "swear": ("obscenities", "insults"),
    "swearing": ("obscenities", "insults"),
    "sweary": ("obscenities", "insults"),
    "rude": ("insults", "obscenities"),
    "phone": ("mobile",),
    # consequences and ownership
    "break": ("broken", "breach", "compliance"),
    "breaking": ("broken", "breach", "compliance"),
    "broke": ("broken", "breach", "compliance"),
    "ignore": ("compliance",),
    "wrongdoing": ("whistle", "blow", "concerns"),
    "whistleblowing": ("whistle", "blow"),
    "whistleblow": ("whistle", "blow"),
    "whistleblower": ("whistle", "blow"),
    "sacked": ("disciplinary",),
    "fired": ("disciplinary",),
    "disciplined": ("disciplinary",),
    "trouble": ("disciplinary", "consequences"),
    "punished": ("disciplinary",),
    "owns": ("responsibility", "accountability"),
    "owner": ("responsibility", "accountability"),
    "charge": ("responsibility", "accountability"),  # "who's in charge of the policy?"
    "comms": ("communications",),
    "recommend": ("reference", "recommendation"),
    "recommendation": ("reference",),
    "endorse": ("endorsements", "reference"),
    "edit": ("change",),
    "delete": ("change",),
    "company": ("suppliers", "commercial"),
    "vendor": ("suppliers",),
    "sponsor": ("commercial",),
    "paid": ("commercial", "gain"),
    "pay": ("commercial", "gain"),
    "fee": ("commercial", "gain"),
    "money": ("commercial", "gain"),
    "survey": ("surveys",),
    "questionnaire": ("survey",),
}


def expand(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        out.append(word)
        out.extend(_EXPANSIONS.get(word) or _EXPANSIONS.get(word.rstrip("s"), ()))
    return out


def is_known_synonym(word: str) -> bool:
    return word in _EXPANSIONS or word.rstrip("s") in _EXPANSIONS
