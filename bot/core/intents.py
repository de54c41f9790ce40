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
# "Media" alone is the press; "social media" is what every question here is about.
_COMMS = re.compile(
    r"\b(comms|communications|press office|media team|comms team|out[\s-]of[\s-]hours|"
    r"(?<!social )(?<!social-)media|journalists?|journos?|reporters?|press|report(ing)?|"
    r"concerns?)\b|\bcomms'",
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
_PLATFORM = re.compile(
    r"\b(linkedin|twitter|facebook|instagram|tiktok|bluesky|mastodon|reddit|whatsapp|youtube)\b",
    re.I,
)
# Words for a post anywhere; beside a blog they may be the blog's ("post it on my blog").
_NOT_A_BLOG = re.compile(
    rf"{_PLATFORM.pattern}|\b(posts?|tweets?|threads|social|accounts?|profiles?|feeds?|"
    r"bios?|comments?|articles?|sites?|pages?)\b",
    re.I,
)
# What a follow-up sets aside: "a LinkedIn article rather than a blog".
_SET_ASIDE = re.compile(r"\b(rather than|instead of|not (on|in|for)|unlike)\b[^,.;?!]{0,40}", re.I)
# A blog's own pages are the blog: "my blog posts" names one venue, not two.
_BLOG_PHRASE = re.compile(r"\bblog\w*(\s+(posts?|articles?|pages?|sites?|entries))?", re.I)
# Beside a blog, somewhere else by contrast: "the blog disclaimer and the one for other
# posts", "and for everything else?".
_OTHER_VENUE = re.compile(
    r"\b(other|non-blog|normal|regular|ordinary|everyday|usual) (posts?|platforms?|sites?|"
    r"social media|accounts?|channels?)\b|\b(elsewhere|everything else|anywhere else)\b",
    re.I,
)
# "Is it the same wording?", "is there a different form of words?": the other venue.
_SAME_OR_NOT = re.compile(r"\b(same|different|differ|changes?)\b", re.I)


def disclaimer_context(text: str, latest: str | None = None) -> tuple[str, ...]:
    """Which prescribed disclaimers a question asks about: none, one, or two when it
    compares them ("is the one for LinkedIn the same as the blog's?").

    `latest`: a follow-up's own words, when `text` is it read with the turn before ("what
    wording for my blog? and for bluesky posts?"); what it names decides, not the blog
    the thread began with. A venue it names only to set aside ("rather than a blog"), or
    already named before, gives way to a new one; naming none while asking whether the
    wording is the same, it asks about the other venue."""
    kind = _disclaimer_kind(text)
    if kind is None:
        return ()
    if not latest:
        named = _venues(_SET_ASIDE.sub(" ", text))
        return named if kind != "reference" and named else (kind,)
    # Only what the follow-up names: "what wording must they include?" keeps the thread's.
    if _REFERENCE.search(latest):
        return ("reference",)
    earlier = text[: len(text) - len(latest)]
    before = _venues(earlier)
    named = _venues(_SET_ASIDE.sub(" ", latest))
    if len(named) > 1:
        named = tuple(v for v in named if v not in before) or named
    if named:
        return named
    if _SAME_OR_NOT.search(latest) and len(before) == 1:
        return ("general",) if before == ("blog",) else ("blog",)
    return (kind,)


def _venues(text: str) -> tuple[str, ...]:
    """Where `text` says the words will go, in the order it names them: a blog,
    somewhere else, both or neither."""
    found: list[tuple[int, str]] = []
    blog = _BLOG.search(text)
    if blog or _names_a_blog(text):
        found.append((blog.start() if blog else len(text), "blog"))
    rest = _BLOG_PHRASE.sub(lambda m: " " * len(m.group(0)), text)
    elsewhere = (_PLATFORM if found else _NOT_A_BLOG).search(rest) or (
        _OTHER_VENUE.search(rest) if found else None
    )
    if elsewhere:
        found.append((elsewhere.start(), "general"))
    return tuple(kind for _, kind in sorted(found))


def _disclaimer_kind(text: str) -> str | None:
    if not _DISCLAIMER_ASK.search(text):
        return None
    if _REFERENCE.search(text):
        return "reference"
    return "blog" if _names_a_blog(text) else "general"


def _names_a_blog(text: str) -> bool:
    # A blogging platform is a blog (§3.3): "my Substack".
    return bool(_BLOG.search(text)) or "blog" in expand(re.findall(r"[\w'-]+", text.lower()))


_ASKS = re.compile(
    r"\?|^\W*((ok|okay|and|so|also|hi|hey),? )?(who|whos|what|whats|when|whens|where|wheres|"
    r"why|which|how|hows|can|could|may|might|is|are|am|do|does|did|should|shall|will|"
    r"would|must|have|has|any|anyone|pls|please|help|tell|explain|need|looking for)\b|"
    # A fragment naming a topic: "Strava privacy zones - how to set up".
    r" [-–:] (how|what|which|where|when|who|rules|process|limit|ok)\b",
    re.IGNORECASE,
)


# Asked mid-sentence, without a question mark: "…keeps crashing, how do i get it to work",
# "exact address pls".
_ASKS_WITHIN = re.compile(
    r"\b(how (do|can|does|long|much)|who (do|does|approves|sorts|should)|where('?s| is| do| can)|"
    r"what'?s|whats|wots?|wot|am i|are we|can (i|we)|is it|wondering (whether|if)|"
    r"wants? to know|not sure (if|whether|how|who)|pls|plz)\b",
    re.IGNORECASE,
)


def reads_as_a_post(text: str) -> bool:
    """Words pasted on their own, with nothing asked ("Finished the half marathon. 2:04.
    Slower than planned…"): perhaps a post to check, said without "can I post this?"."""
    text = text.strip()
    return len(text.split()) >= 8 and not (_ASKS.search(text) or _ASKS_WITHIN.search(text))
