"""What a question is after, beyond its topic: a contact, the out-of-hours line, a wording.

Used only to decide what a reply leads with; which rules apply is retrieval's job.
"""

from __future__ import annotations

import re

from .asked_facts import WHOM_TO_APPROACH
from .synonyms import expand

_WHO_DO_I = r"who (do|should|can) i (tell|ask|speak|talk|contact)"
_CONTACT_ASK = re.compile(
    r"\b(numbers?|phone|ph|tel|telephone|call|ring|email|e-mail|e-mail address|address|"
    rf"contact|get hold|reach|out[\s-]of[\s-]hours|ooh|after hours|after \d|weekend|{_WHO_DO_I})\b",
    re.I,
)
# Asks whom to reach whatever the topic: "ok so who do I tell?", "their email address?".
_WHO_TO_TELL = re.compile(
    rf"\b({_WHO_DO_I}|who (do|should|can|would) i (email|ring|call|report)|who would i "
    r"(tell|ask|speak|talk|contact)|who to (tell|ask|contact)|contact details|e-?mail address|"
    # "who would I need to loop in?", "who do I pass it to?": whom to involve, whatever the verb
    rf"{WHOM_TO_APPROACH}|who (do|should|would|must) (i|we) (need to |have to )?involve|"
    r"phone number)\b",
    re.I,
)
_COMMS = re.compile(
    r"\b(comms|communications|press office|media team|comms team|out[\s-]of[\s-]hours|"
    r"media|journalists?|journos?|reporters?|press|report(ing)?|concerns?)\b|\bcomms'",
    re.I,
)
_OUT_OF_HOURS_ASK = re.compile(
    r"out[\s-]of[\s-]hours|\booh\b|after hours|after \d|evening|night|weekend|bank holiday", re.I
)
_DISCLAIMER_ASK = re.compile(
    r"disclaimer|wording|views (are )?my own|personal capacity|word for word|form of words|"
    # "a line saying it's just my own opinion", "so ppl know it's not the HRA talking"
    r"my own (opinions?|views?|thoughts)|so (that )?(people|ppl|readers|folks|everyone) know|"
    # "do I need to add anything to it?" after a recommendation or a blog
    r"(need|have|got) to (add|include|put) (anything|something|a line|a note)|"
    r"exact (words?|sentence|line|text|phrase)|(set|specific|required) (words|sentence|phrase)|"
    # "what words should I put at the bottom if I'm giving my own opinion?"
    r"\bwhat (words|text|line|sentence|statement)\b[^?]{0,40}\b(put|add|include|write|use)\b",
    re.I,
)
_BLOG = re.compile(r"\bblog", re.I)
_REFERENCE = re.compile(r"\b(reference|recommend|endorse)", re.I)


def asks_for_contact(text: str) -> bool:
    """ "What's the out-of-hours number?", "comms email?" — not "can I share my number?"."""
    return bool(_CONTACT_ASK.search(text) and _COMMS.search(text))


def asks_whom_to_tell(text: str) -> bool:
    """ "Ok so who do I tell?": a contact asked for without naming the team; it is the
    team's when the passage answering it sends the person there."""
    return bool(_WHO_TO_TELL.search(text))


def about_comms(text: str) -> bool:
    """The question is about the communications team's business (the media, a report):
    naming a time then asks which contact applies ("and if it's Sunday evening?")."""
    return bool(_COMMS.search(text))


def asks_out_of_hours(text: str) -> bool:
    return bool(_OUT_OF_HOURS_ASK.search(text))


# Somewhere to post that is not a blog: "and for bluesky posts?" after a blog's wording.
_NOT_A_BLOG = re.compile(
    r"\b(posts?|tweets?|threads|social|accounts?|profiles?|feeds?|bios?|linkedin|twitter|"
    r"facebook|instagram|tiktok|bluesky|mastodon|reddit|whatsapp|youtube)\b",
    re.I,
)


def disclaimer_context(text: str, latest: str | None = None) -> str | None:
    """Which prescribed disclaimer a question asks about, if it asks about one.

    `latest`: a follow-up's own words, when `text` is it read with the turn before ("what
    wording for my blog? and for bluesky posts?"); what it names decides, not the blog
    the thread began with."""
    kind = _disclaimer_kind(text)
    if kind is None or not latest:
        return kind
    # Only what the follow-up names: "what wording must they include?" keeps the thread's.
    if _REFERENCE.search(latest):
        return "reference"
    if _names_a_blog(latest):
        return "blog"
    return "general" if _NOT_A_BLOG.search(latest) else kind


def _disclaimer_kind(text: str) -> str | None:
    if not _DISCLAIMER_ASK.search(text):
        return None
    if _REFERENCE.search(text):
        return "reference"
    return "blog" if _names_a_blog(text) else "general"


def _names_a_blog(text: str) -> bool:
    # A blogging platform is a blog (§3.3): "my Substack".
    return bool(_BLOG.search(text)) or "blog" in expand(re.findall(r"[\w'-]+", text.lower()))
